import type { TestProject } from 'vitest/node';
import { type PostgresServer, startPostgres } from './postgres.js';
import { type RedisServer, startRedis } from './redis.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the run's throwaway PostgreSQL, or '' when it is not available. */
    pgUrl: string;
    /** URL of the run's throwaway redis-server, or '' when it is not available. */
    redisUrl: string;
  }
}

/** Which databases storage suites run against: DIALECTS=sqlite,postgres (default both). */
export const wantPostgres = () => (process.env.DIALECTS ?? 'sqlite,postgres').split(',').includes('postgres');

let pg: PostgresServer | null = null;
let redis: RedisServer | null = null;

export default async function setup(project: TestProject) {
  pg = wantPostgres() ? await startPostgres() : null;
  redis = wantPostgres() ? await startRedis() : null;
  project.provide('pgUrl', pg?.url ?? '');
  project.provide('redisUrl', redis?.url ?? '');
  return async () => {
    pg?.stop();
    await redis?.stop();
  };
}
