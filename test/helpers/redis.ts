import { type ChildProcess, spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { findBinary, missing } from './binaries.js';
import { freePort } from './postgres.js';

export interface RedisServer {
  url: string;
  stop(): Promise<void>;
}

/** A throwaway redis-server from the system's binary on a free loopback port, without persistence. */
export async function startRedis(): Promise<RedisServer | null> {
  const bin = findBinary('redis-server');
  if (!bin) return missing('redis-server', 'apt-get install redis-server');
  const port = await freePort();
  const child: ChildProcess = spawn(
    bin,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const url = `redis://127.0.0.1:${port}`;
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
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}
