import { type ChildProcess, spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { findBinary, missing } from './binaries.js';
import { freePort } from './postgres.js';

export interface RedisServer {
  url: string;
  stop(): Promise<void>;
  /** Stops redis-server (its clients see the connection drop); `resume()` starts it on the same port. */
  halt(): Promise<void>;
  resume(): Promise<void>;
}

/** A throwaway redis-server from the system's binary on a free loopback port, without persistence. */
export async function startRedis(): Promise<RedisServer | null> {
  const bin = findBinary('redis-server');
  if (!bin) return missing('redis-server', 'apt-get install redis-server');
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child = await spawnRedis(bin, port, url);
  const halt = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  return {
    url,
    stop: halt,
    halt,
    async resume() {
      child = await spawnRedis(bin, port, url);
    },
  };
}

async function spawnRedis(bin: string, port: number, url: string): Promise<ChildProcess> {
  const child: ChildProcess = spawn(
    bin,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const deadline = Date.now() + 10_000;
  for (;;) {
    const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    probe.on('error', () => {});
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      break;
    } catch (err) {
      probe.disconnect();
      if (Date.now() > deadline) throw new Error(`redis-server did not start: ${String(err)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return child;
}
