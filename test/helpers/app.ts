import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { systemContext } from '../../src/access/audit.js';
import { everyPermission, type Role } from '../../src/access/permissions.js';
import { type App, createApp } from '../../src/app.js';
import type { ManualClock } from '../../src/core/clock.js';
import { loadConfig } from '../../src/core/config.js';
import { createLogger } from '../../src/core/logging.js';
import { buildServer, type Server } from '../../src/http/server.js';

export type DialectName = 'sqlite' | 'postgres';

/** The databases this run covers; PostgreSQL only when the global setup started one. */
export function dialects(): DialectName[] {
  const wanted = (process.env.DIALECTS ?? 'sqlite,postgres').split(',');
  const out: DialectName[] = [];
  if (wanted.includes('sqlite')) out.push('sqlite');
  if (wanted.includes('postgres') && inject('pgUrl')) out.push('postgres');
  return out;
}

/** A fresh, empty database on the run's PostgreSQL server. */
export async function freshPostgresDatabase(): Promise<string> {
  const admin = inject('pgUrl');
  const name = `warden_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  return admin.replace(/\/postgres$/, `/${name}`);
}

export interface TestApp {
  app: App;
  server: Server;
  dataDir: string;
  clock: ManualClock | null;
  /** Makes an API key of a role straight through the service (no HTTP), for the tests' own calls. */
  key(role: Role, scopes?: string[]): Promise<string>;
  close(): Promise<void>;
}

export async function startTestApp(
  dialect: DialectName,
  options: { env?: Record<string, string>; clock?: ManualClock } = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'warden-test-'));
  const env: Record<string, string> = {
    WARDEN_DATA_DIR: dataDir,
    WARDEN_LOG_LEVEL: 'silent',
    ...options.env,
  };
  if (dialect === 'postgres' && !env.WARDEN_DATABASE_URL)
    env.WARDEN_DATABASE_URL = await freshPostgresDatabase();
  const config = loadConfig(env);
  const app = await createApp(config, {
    log: createLogger('silent'),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const server = await buildServer(app);
  await server.ready();
  return {
    app,
    server,
    dataDir,
    clock: options.clock ?? null,
    async key(role, scopes = []) {
      const { key } = await app.access.createApiKey(
        systemContext,
        {
          name: `test ${role}`,
          role,
          scopes: scopes as never[],
        },
        everyPermission,
      );
      return key;
    },
    async close() {
      await server.close();
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
