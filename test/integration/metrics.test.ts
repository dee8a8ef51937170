import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/access/audit.js';
import { everyPermission } from '../../src/access/permissions.js';
import { type App, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/core/config.js';
import { createLogger } from '../../src/core/logging.js';
import { buildServer, type Server } from '../../src/http/server.js';
import { bearer, dialects, freshPostgresDatabase } from '../helpers/app.js';

const gauge = (body: string, name: string): number | null => {
  const m = body.match(new RegExp(`^${name} (\\S+)$`, 'm'));
  return m ? Number(m[1]) : null;
};

describe.each(dialects())('/metrics and probe logging (%s)', (dialect) => {
  let app: App;
  let server: Server;
  let dir: string;
  const lines: { msg?: string; url?: string; req?: { url?: string } }[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'warden-metrics-'));
    const env: Record<string, string> = { WARDEN_DATA_DIR: dir };
    if (dialect === 'postgres') env.WARDEN_DATABASE_URL = await freshPostgresDatabase();
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const l of String(chunk).split('\n')) if (l) lines.push(JSON.parse(l));
        done();
      },
    });
    app = await createApp(loadConfig(env), { log: createLogger('info', sink) });
    server = await buildServer(app);
    await server.ready();
  });
  afterAll(async () => {
    await server?.close();
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the node’s state: index size, rules version, database, recorder queue, outbox, jobs', async () => {
    const { key } = await app.access.createApiKey(
      systemContext,
      {
        name: 'm',
        role: 'supervisor',
        scopes: [],
      },
      everyPermission,
    );
    const before = (await server.inject({ method: 'GET', url: '/metrics' })).body;
    expect(gauge(before, 'warden_blocklist_index_entries')).toBe(0);
    expect(gauge(before, 'warden_rules_version')).toBe(0);
    expect(gauge(before, 'warden_database_up')).toBe(1);
    expect(gauge(before, 'warden_recorder_queue_depth')).toBe(0);
    expect(gauge(before, 'warden_outbox_backlog')).toBe(0);
    // No Redis configured: no Redis gauge value.
    expect(gauge(before, 'warden_redis_up')).toBeNull();

    await server.inject({
      method: 'POST',
      url: '/api/v1/blocklist',
      headers: bearer(key),
      payload: {
        identifier: { type: 'phone', value: '13800000001' },
        level: 1,
        category: 'spam',
        reason: 'm',
      },
    });
    const rule = await server.inject({
      method: 'POST',
      url: '/api/v1/rules',
      headers: bearer(key),
      payload: {
        name: 'm',
        stage: 'filter',
        mode: 'enforce',
        enabled: true,
        priority: 1,
        conditions: { all: [{ keywords: { list: ['加微信'] } }] },
        actions: [{ type: 'mark_spam' }],
      },
    });
    expect(rule.statusCode).toBe(201);
    app.jobs.start();
    const deadline = Date.now() + 10_000;
    let after = '';
    for (;;) {
      after = (await server.inject({ method: 'GET', url: '/metrics' })).body;
      if (/^warden_job_last_run_success\{job="notify.deliver"\} 1$/m.test(after) || Date.now() > deadline)
        break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await app.jobs.stop();
    expect(gauge(after, 'warden_blocklist_index_entries')).toBe(1);
    expect(gauge(after, 'warden_rules_version')).toBeGreaterThan(Date.now() - 60_000);
    expect(after).toMatch(/^warden_job_last_run_success\{job="notify.deliver"\} 1$/m);
    expect(after).toMatch(/^warden_job_last_run_timestamp_seconds\{job="notify.deliver"\} \d+/m);
    expect(after).toMatch(/^warden_job_lease_held\{job="notify.deliver"\} 1$/m);
  });

  it('does not log health-check polls at info, and still logs other requests', async () => {
    lines.length = 0;
    for (const url of ['/healthz', '/readyz', '/metrics']) await server.inject({ method: 'GET', url });
    await server.inject({ method: 'GET', url: '/openapi.json' });
    const urls = lines.map((l) => l.req?.url).filter(Boolean);
    expect(urls).toContain('/openapi.json');
    expect(urls.filter((u) => u === '/healthz' || u === '/readyz' || u === '/metrics')).toEqual([]);
  });
});
