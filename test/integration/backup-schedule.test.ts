import { existsSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { bearer, startTestApp, type TestApp } from '../helpers/app.js';

const T0 = Date.parse('2026-12-05T10:20:00Z');
const MINUTE = 60_000;

describe('scheduled backups (sqlite, in process)', () => {
  let t: TestApp;
  const clock = new ManualClock(T0);

  beforeAll(async () => {
    t = await startTestApp('sqlite', {
      clock,
      env: { WARDEN_BACKUP_SCHEDULE: 'hourly', WARDEN_BACKUP_KEEP: '2' },
    });
  });
  afterAll(async () => t?.close());

  it('takes a backup when one is due, not again within the hour, and keeps the newest two', async () => {
    expect(t.app.jobs.names).toContain('backup.schedule');
    const first = (await t.app.jobs.runNow('backup.schedule')) as { path: string; bytes: number } | null;
    expect(first?.bytes).toBeGreaterThan(4096);
    expect(existsSync(first?.path as string)).toBe(true);
    // A usable, self-contained database file.
    const copy = new SQLite(first?.path as string, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(
      (copy.prepare('select count(*) as n from warden_migrations').get() as { n: number }).n,
    ).toBeGreaterThan(0);
    copy.close();

    clock.advance(30 * MINUTE);
    expect(await t.app.jobs.runNow('backup.schedule')).toBeNull();
    for (let i = 0; i < 3; i++) {
      clock.advance(61 * MINUTE);
      expect(await t.app.jobs.runNow('backup.schedule')).not.toBeNull();
    }
    const admin = await t.key('admin');
    const status = (await t.server.inject({ url: '/api/v1/backups', headers: bearer(admin) })).json();
    expect(status.backups).toHaveLength(2);
    expect(status).toMatchObject({ schedule: 'hourly', keep: 2, lastError: null });
    expect(Date.parse(status.nextDueAt)).toBe(Date.parse(status.last.at) + 60 * MINUTE);
    expect(existsSync(first?.path as string)).toBe(false);
    const audit = (
      await t.server.inject({ url: '/api/v1/audit?action=backup.create', headers: bearer(admin) })
    ).json();
    expect(audit.items).toHaveLength(4);
  });
});
