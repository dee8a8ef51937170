import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AuditContext, AuditLog } from '../access/audit.js';
import type { Clock } from '../core/clock.js';
import type { BackupConfig } from '../core/config.js';
import { WardenError } from '../core/errors.js';
import type { Logger } from '../core/logging.js';
import { spawnWorker } from '../core/worker.js';
import type { Store } from '../storage/database.js';

export interface BackupFile {
  name: string;
  path: string;
  bytes: number;
  at: string;
}

export interface BackupStatus {
  /** False on PostgreSQL: back it up with pg_dump. */
  supported: boolean;
  schedule: string;
  keep: number;
  dir: string;
  last: BackupFile | null;
  backups: BackupFile[];
  lastError: { at: string; message: string } | null;
  nextDueAt: string | null;
}

const NAME = /^warden-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z\.db$/;
const HOUR = 3_600_000;

/** `warden-20261205T183000123Z.db`: sorts by time, and the time is read back from the name. */
export function backupFileName(at: number): string {
  return `warden-${new Date(at).toISOString().replace(/[-:.]/g, '')}.db`;
}

function timeOfName(name: string): number | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, ms] = m.map(Number) as number[];
  return Date.UTC(y as number, (mo as number) - 1, d, h, mi, s, ms);
}

export const PG_BACKUP_ADVICE =
  'warden backup copies the embedded SQLite database; on PostgreSQL use its own tools, e.g. ' +
  '`pg_dump --format=custom --file=warden.dump "$WARDEN_DATABASE_URL"` and ' +
  '`pg_restore --clean --if-exists --dbname="$WARDEN_DATABASE_URL" warden.dump` (keep the master key with it)';

/**
 * Online backups of the embedded database: a consistent copy taken while the
 * service writes (SQLite backup API on a worker thread), on demand or on a
 * schedule, rotated to the newest `keep` in the backup directory. A backup
 * holds ciphertext like the database: it is useless without the master key,
 * which must be kept (apart) beside it.
 */
export class BackupService {
  private lastError: { at: string; message: string } | null = null;
  private running: Promise<BackupFile> | null = null;

  constructor(
    private readonly store: Store,
    private readonly config: BackupConfig,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  get supported(): boolean {
    return this.store.sqlitePath !== null;
  }

  /** Takes a backup into `dir` (default the configured one, which is then rotated). One at a time. */
  async create(ctx: AuditContext, dir = this.config.dir): Promise<BackupFile> {
    if (!this.store.sqlitePath) throw new WardenError('BACKUP_UNSUPPORTED', PG_BACKUP_ADVICE);
    if (this.running) return this.running;
    const source = this.store.sqlitePath;
    this.running = (async () => {
      try {
        const file = await copyDatabase(source, dir, this.clock.now());
        if (resolve(dir) === resolve(this.config.dir)) rotateBackups(dir, this.config.keep);
        await this.audit.append(this.store.db, ctx, {
          action: 'backup.create',
          targetType: 'backup',
          targetId: file.name,
          summary: { bytes: file.bytes, dir: resolve(dir) },
        });
        this.lastError = null;
        return file;
      } catch (err) {
        this.lastError = {
          at: new Date(this.clock.now()).toISOString(),
          message: err instanceof Error ? err.message : String(err),
        };
        throw err;
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  list(dir = this.config.dir): BackupFile[] {
    return listBackups(dir);
  }

  /** When the next scheduled backup is due (null: no schedule), given the newest backup. */
  nextDue(now: number, last: BackupFile | null): number | null {
    const s = this.config.schedule;
    if (!s || !this.supported) return null;
    const lastAt = last ? Date.parse(last.at) : null;
    if (s.every === 'hourly') return lastAt === null ? now : lastAt + HOUR;
    // Daily at hour H (UTC): due at today's H:00 unless a backup was taken since.
    const day = new Date(now);
    let due = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), s.hour);
    if (due > now) due -= 24 * HOUR;
    return lastAt !== null && lastAt >= due ? due + 24 * HOUR : due;
  }

  /** The scheduled job: takes a backup when one is due. */
  async runIfDue(now = this.clock.now()): Promise<BackupFile | null> {
    const last = this.list()[0] ?? null;
    const due = this.nextDue(now, last);
    if (due === null || due > now) return null;
    try {
      return await this.create({ actor: { type: 'system', id: null, role: null }, requestId: null });
    } catch (err) {
      this.log.error({ err }, 'scheduled backup failed');
      return null;
    }
  }

  status(now = this.clock.now()): BackupStatus {
    const backups = this.supported ? this.list() : [];
    const s = this.config.schedule;
    const due = this.nextDue(now, backups[0] ?? null);
    return {
      supported: this.supported,
      schedule:
        s === null ? 'off' : s.every === 'hourly' ? 'hourly' : `daily@${String(s.hour).padStart(2, '0')}`,
      keep: this.config.keep,
      dir: this.config.dir,
      last: backups[0] ?? null,
      backups,
      lastError: this.lastError,
      nextDueAt: due === null ? null : new Date(Math.max(due, now)).toISOString(),
    };
  }
}

/** The backups in `dir`, newest first. */
export function listBackups(dir: string): BackupFile[] {
  if (!existsSync(dir)) return [];
  const out: BackupFile[] = [];
  for (const name of readdirSync(dir)) {
    const at = timeOfName(name);
    if (at === null) continue;
    const path = join(dir, name);
    out.push({ name, path, bytes: statSync(path).size, at: new Date(at).toISOString() });
  }
  return out.sort((a, b) => b.name.localeCompare(a.name));
}

/** Keeps the newest `keep` backups in `dir`. */
export function rotateBackups(dir: string, keep: number): void {
  for (const old of listBackups(dir).slice(keep)) rmSync(old.path, { force: true });
}

/** Copies the database at `source` to a new backup file in `dir` on a worker thread. */
export async function copyDatabase(source: string, dir: string, now: number): Promise<BackupFile> {
  mkdirSync(dir, { recursive: true });
  const name = backupFileName(now);
  const path = join(dir, name);
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  const result = await new Promise<{ ok: boolean; error?: string }>((done, fail) => {
    const worker = spawnWorker(import.meta.url, './backup-worker', { source, dest: partial });
    worker.once('message', (m: { ok: boolean; error?: string }) => done(m));
    worker.once('error', fail);
    worker.once('exit', (code) => {
      if (code !== 0) fail(new Error(`the backup thread exited with ${code}`));
    });
  });
  if (!result.ok) {
    rmSync(partial, { force: true });
    throw new Error(`backup failed: ${result.error}`);
  }
  renameSync(partial, path);
  return { name, path, bytes: statSync(path).size, at: new Date(timeOfName(name) ?? now).toISOString() };
}
