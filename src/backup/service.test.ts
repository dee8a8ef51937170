import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditLog } from '../access/audit.js';
import { systemClock } from '../core/clock.js';
import { ConfigError, loadConfig } from '../core/config.js';
import { createLogger } from '../core/logging.js';
import type { Store } from '../storage/database.js';
import { BackupService, backupFileName, listBackups, rotateBackups } from './service.js';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const sqlite = { sqlitePath: '/nowhere/warden.db' } as Store;

function service(schedule: ConstructorParameters<typeof BackupService>[1]['schedule']) {
  return new BackupService(
    sqlite,
    { schedule, keep: 3, dir: '/nowhere' },
    {} as AuditLog,
    systemClock,
    createLogger('silent'),
  );
}
const last = (iso: string) => ({ name: '', path: '', bytes: 1, at: iso });

describe('backup schedule', () => {
  it.each([
    // [schedule, now, last backup, due at]
    [
      'hourly, none yet: now',
      { every: 'hourly' } as const,
      '2026-12-05T10:20:00Z',
      null,
      '2026-12-05T10:20:00Z',
    ],
    [
      'hourly: an hour after the last',
      { every: 'hourly' } as const,
      '2026-12-05T10:20:00Z',
      '2026-12-05T10:00:00Z',
      '2026-12-05T11:00:00Z',
    ],
    [
      'daily@03 before 03: yesterday 03 if none since',
      { every: 'daily', hour: 3 } as const,
      '2026-12-05T02:00:00Z',
      '2026-12-03T03:00:00Z',
      '2026-12-04T03:00:00Z',
    ],
    [
      'daily@03 after 03, taken today: tomorrow',
      { every: 'daily', hour: 3 } as const,
      '2026-12-05T10:00:00Z',
      '2026-12-05T03:00:05Z',
      '2026-12-06T03:00:00Z',
    ],
    [
      'daily@03 after 03, none today: today 03 (overdue)',
      { every: 'daily', hour: 3 } as const,
      '2026-12-05T10:00:00Z',
      '2026-12-04T03:00:05Z',
      '2026-12-05T03:00:00Z',
    ],
    [
      'daily@23 at 22:59: yesterday 23 if none since',
      { every: 'daily', hour: 23 } as const,
      '2026-12-05T22:59:00Z',
      '2026-12-04T23:00:01Z',
      '2026-12-05T23:00:00Z',
    ],
  ])('%s', (_name, schedule, now, lastAt, due) => {
    expect(service(schedule).nextDue(at(now), lastAt ? last(lastAt) : null)).toBe(at(due));
  });

  it('is off without a schedule', () => {
    expect(service(null).nextDue(Date.now(), null)).toBeNull();
  });

  it('names files by time, lists them newest first, and rotates to the newest n', () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-rot-'));
    try {
      const t0 = at('2026-12-05T10:00:00.123Z');
      expect(backupFileName(t0)).toBe('warden-20261205T100000123Z.db');
      for (let i = 0; i < 5; i++) writeFileSync(join(dir, backupFileName(t0 + i * HOUR)), 'x');
      writeFileSync(join(dir, 'notes.txt'), 'kept');
      writeFileSync(join(dir, `${backupFileName(t0 + 9 * HOUR)}.partial`), 'unfinished');
      expect(listBackups(dir).map((b) => b.at)).toEqual(
        [4, 3, 2, 1, 0].map((i) => new Date(t0 + i * HOUR).toISOString()),
      );
      rotateBackups(dir, 2);
      expect(listBackups(dir).map((b) => b.name)).toEqual([
        backupFileName(t0 + 4 * HOUR),
        backupFileName(t0 + 3 * HOUR),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('retention and backup configuration', () => {
  it('reads days per kind (0 = for ever) and the backup schedule', () => {
    const c = loadConfig({
      WARDEN_RETENTION_MESSAGES_DAYS: '30',
      WARDEN_RETENTION_AUDIT_READS_DAYS: '0',
      WARDEN_BACKUP_SCHEDULE: 'daily@7',
      WARDEN_BACKUP_KEEP: '3',
      WARDEN_DATA_DIR: '/srv/warden',
    });
    expect(c.retention).toEqual({
      messagesDays: 30,
      entriesDays: null,
      complaintsDays: null,
      auditReadsDays: null,
    });
    expect(c.backup).toEqual({ schedule: { every: 'daily', hour: 7 }, keep: 3, dir: '/srv/warden/backups' });
    expect(loadConfig({}).backup.schedule).toBeNull();
    expect(loadConfig({ WARDEN_BACKUP_SCHEDULE: 'daily' }).backup.schedule).toEqual({
      every: 'daily',
      hour: 3,
    });
  });

  it.each([
    ['WARDEN_BACKUP_SCHEDULE', 'weekly'],
    ['WARDEN_BACKUP_SCHEDULE', 'daily@24'],
    ['WARDEN_BACKUP_KEEP', '0'],
    ['WARDEN_RETENTION_MESSAGES_DAYS', 'thirty'],
    ['WARDEN_RETENTION_COMPLAINTS_DAYS', '-1'],
  ])('stops on %s=%s, naming the variable', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(variable);
  });
});
