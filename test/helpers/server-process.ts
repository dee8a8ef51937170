import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServerProcess {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  dataDir: string;
  /** The first admin made from WARDEN_ADMIN_*, or null when started without one (setup link flow). */
  admin: { email: string; password: string } | null;
  /** Everything the process wrote so far, for failure messages. */
  output(): string;
  /** SIGTERM, wait for the exit (SIGKILL after 10 s), remove the data dir. */
  stop(): Promise<void>;
}

/** A port nobody listens on right now (the OS picks it; tiny race until the child binds it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no port from the OS'))));
    });
  });
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

/**
 * Starts the real built server (`node bin/warden.js serve`) on a temp data dir
 * and a free port, with a first admin, and waits until `/healthz` answers.
 * Needs `npm run build` first (the e2e project runs after it).
 */
export async function startServerProcess(
  options: {
    env?: Record<string, string>;
    admin?: { email: string; password: string } | null;
    /** Run the TypeScript sources through tsx instead of the build (no console is served). */
    fromSource?: boolean;
    /** How long to wait for /healthz (default 30 s). */
    startTimeoutMs?: number;
  } = {},
): Promise<ServerProcess> {
  if (
    !options.fromSource &&
    (!existsSync(join(root, 'dist/server/cli/main.js')) || !existsSync(join(root, 'dist/web/index.html')))
  )
    throw new Error('the server or console is not built: run `npm run build` before the e2e suite');

  const admin =
    options.admin === undefined
      ? { email: 'admin@warden.test', password: 'correct-horse-42' }
      : options.admin;
  const dataDir = mkdtempSync(join(tmpdir(), 'warden-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const entry = options.fromSource
    ? ['--import', 'tsx', join(root, 'test/helpers/warden-source.ts')]
    : [join(root, 'bin/warden.js')];
  const child = spawn(process.execPath, [...entry, 'serve'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      WARDEN_DATA_DIR: dataDir,
      WARDEN_HOST: '127.0.0.1',
      WARDEN_PORT: String(port),
      WARDEN_LOG_LEVEL: 'warn',
      ...(admin ? { WARDEN_ADMIN_EMAIL: admin.email, WARDEN_ADMIN_PASSWORD: admin.password } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (d: Buffer) => {
    log += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    log += d.toString();
  });

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited(child);
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const startTimeoutMs = options.startTimeoutMs ?? 30_000;
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`warden serve exited with ${child.exitCode} before it was healthy:\n${log}`);
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1_000) });
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`warden serve did not become healthy within ${startTimeoutMs / 1000} s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return { url, port, dataDir, admin, output: () => log, stop };
}
