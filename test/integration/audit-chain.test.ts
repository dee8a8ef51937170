import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/access/audit.js';
import { bearer, dialects, startTestApp, type TestApp } from '../helpers/app.js';

describe.each(dialects())('audit hash chain on %s', (dialect) => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    admin = await t.key('admin');
    for (let i = 0; i < 6; i++) {
      await t.app.audit.append(t.app.store.db, systemContext, {
        action: 'test.event',
        targetType: 'thing',
        targetId: `t${i}`,
        summary: { i },
      });
    }
  });
  afterAll(async () => t?.close());

  const verify = async () =>
    (await t.server.inject({ url: '/api/v1/audit/verify', headers: bearer(admin) })).json();

  it('verifies an untouched chain', async () => {
    const report = await verify();
    expect(report.ok).toBe(true);
    expect(report.checked).toBeGreaterThanOrEqual(7);
    expect(report.head.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps the chain intact under concurrent appends', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.app.audit.append(t.app.store.db, systemContext, { action: 'test.concurrent', summary: { i } }),
      ),
    );
    expect((await verify()).ok).toBe(true);
  });

  it('fails after a row is edited, naming that row', async () => {
    const row = await t.app.store.db
      .selectFrom('audit_log')
      .select(['seq', 'summary'])
      .where('action', '=', 'test.event')
      .where('target_id', '=', 't3')
      .executeTakeFirstOrThrow();
    await t.app.store.db
      .updateTable('audit_log')
      .set({ summary: '{"i":99}' })
      .where('seq', '=', row.seq)
      .execute();
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.firstBroken.seq).toBe(row.seq);
    expect(report.firstBroken.reason).toMatch(/edited/);
    await t.app.store.db
      .updateTable('audit_log')
      .set({ summary: row.summary })
      .where('seq', '=', row.seq)
      .execute();
    expect((await verify()).ok).toBe(true);
  });

  it('fails after a row is deleted, naming the gap', async () => {
    const row = await t.app.store.db
      .selectFrom('audit_log')
      .select('seq')
      .where('target_id', '=', 't1')
      .executeTakeFirstOrThrow();
    await sql`delete from audit_log where seq = ${row.seq}`.execute(t.app.store.db);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.firstBroken.seq).toBe(row.seq);
    expect(report.firstBroken.reason).toMatch(/missing/);
  });
});
