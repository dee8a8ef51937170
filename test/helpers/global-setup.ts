import type { TestProject } from 'vitest/node';
import { type PostgresServer, startPostgres } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the run's throwaway PostgreSQL, or '' when it is not available. */
    pgUrl: string;
  }
}

/** Which databases storage suites run against: DIALECTS=sqlite,postgres (default both). */
export const wantPostgres = () => (process.env.DIALECTS ?? 'sqlite,postgres').split(',').includes('postgres');

let pg: PostgresServer | null = null;

export default async function setup(project: TestProject) {
  pg = wantPostgres() ? await startPostgres() : null;
  project.provide('pgUrl', pg?.url ?? '');
  return () => pg?.stop();
}
