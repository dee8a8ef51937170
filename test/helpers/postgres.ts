import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBinary, missing } from './binaries.js';

export interface PostgresServer {
  url: string;
  /** Stops the server and removes its files. */
  stop(): void;
  /** Stops the server (fast shutdown: connections are cut), keeping its files and port. */
  halt(): void;
  /** Starts a halted server again on the same port. */
  resume(): void;
  /** `pg_ctl restart` (fast): every connection is cut, the server is back when this returns. */
  restart(): void;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/**
 * A throwaway PostgreSQL from the system's binaries: initdb and pg_ctl into a
 * temp dir, listening on a free loopback port; `stop()` removes it. PostgreSQL
 * refuses to run as root, so as root it runs as the `postgres` user.
 */
export async function startPostgres(): Promise<PostgresServer | null> {
  const initdb = findBinary('initdb');
  const pgCtl = findBinary('pg_ctl');
  if (!initdb || !pgCtl) return missing('PostgreSQL (initdb, pg_ctl)', 'apt-get install postgresql');
  const dir = mkdtempSync(join(tmpdir(), 'warden-pg-'));
  const asRoot = process.getuid?.() === 0;
  let run = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: 'pipe' });
  if (asRoot) {
    const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    if (id.status !== 0)
      return missing(
        'a `postgres` system user to run PostgreSQL as (we are root)',
        'apt-get install postgresql creates it',
      );
    const uid = Number(id.stdout.trim());
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    chownSync(dir, uid, gid);
    run = (cmd, args) => execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' });
  }
  const port = await freePort();
  const data = join(dir, 'data');
  run(initdb, ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const start = (action: 'start' | 'restart') =>
    run(pgCtl, [
      '-D',
      data,
      '-l',
      join(dir, 'server.log'),
      '-w',
      '-t',
      '30',
      '-m',
      'fast',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200`,
      action,
    ]);
  start('start');
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    halt() {
      run(pgCtl, ['-D', data, '-m', 'fast', '-w', 'stop']);
    },
    resume() {
      start('start');
    },
    restart() {
      start('restart');
    },
    stop() {
      try {
        run(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
