import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { AuditContext } from '../access/audit.js';
import { AuditLog } from '../access/audit.js';
import { RestoreError, restoreBackup } from '../backup/restore.js';
import { copyDatabase, PG_BACKUP_ADVICE, rotateBackups } from '../backup/service.js';
import { loadConfig } from '../core/config.js';
import { openStore, SQLITE_FILE } from '../storage/database.js';

const out = (line = '') => process.stdout.write(`${line}\n`);

/** `warden backup` and `warden restore`: the embedded database only (PostgreSQL has pg_dump). */
export function registerBackupCommands(program: Command, ctx: AuditContext): void {
  program
    .command('backup')
    .description(
      [
        'Take a consistent copy of the embedded SQLite database while Warden runs (SQLite online backup).',
        'Writes warden-<UTC time>.db into --to (default WARDEN_BACKUP_DIR, else <data dir>/backups; that one',
        'is rotated to WARDEN_BACKUP_KEEP files). The copy is encrypted like the database: keep the master key',
        '(WARDEN_MASTER_KEY or <data dir>/master.key) safe and apart from it. On PostgreSQL use pg_dump.',
      ].join('\n'),
    )
    .option('--to <dir>', 'directory to write the backup into')
    .action(async (o: { to?: string }) => {
      const config = loadConfig();
      if (config.databaseUrl) {
        process.stderr.write(`warden: ${PG_BACKUP_ADVICE}\n`);
        process.exitCode = 1;
        return;
      }
      const source = join(config.dataDir, SQLITE_FILE);
      if (!existsSync(source)) throw new Error(`no database at ${source} (check WARDEN_DATA_DIR)`);
      const dir = resolve(o.to ?? config.backup.dir);
      const file = await copyDatabase(source, dir, Date.now());
      if (dir === config.backup.dir) rotateBackups(dir, config.backup.keep);
      const store = openStore({ dataDir: config.dataDir });
      try {
        await new AuditLog(store).append(store.db, ctx, {
          action: 'backup.create',
          targetType: 'backup',
          targetId: file.name,
          summary: { bytes: file.bytes, dir },
        });
      } finally {
        await store.close();
      }
      out(`backup written: ${file.path} (${file.bytes} bytes)`);
    });

  program
    .command('restore <file>')
    .description(
      [
        'Restore a backup made by `warden backup` into an empty WARDEN_DATA_DIR (it may hold master.key and',
        'nothing else); refuses a directory that holds data. Give the master key of the installation the',
        'backup came from with WARDEN_MASTER_KEY or as <data dir>/master.key. On PostgreSQL use pg_restore.',
      ].join('\n'),
    )
    .action((file: string) => {
      const config = loadConfig();
      if (config.databaseUrl) {
        process.stderr.write(`warden: ${PG_BACKUP_ADVICE}\n`);
        process.exitCode = 1;
        return;
      }
      try {
        const r = restoreBackup(resolve(file), config.dataDir, config.masterKey);
        out(`restored ${file} into ${r.path} (${r.bytes} bytes)`);
        if (r.masterKey === 'missing')
          out(
            `now put the master key of the backed-up installation at ${join(config.dataDir, 'master.key')} (mode 600) or set WARDEN_MASTER_KEY before starting Warden: without it the personal data cannot be read`,
          );
        else out('the master key opens the backup; start Warden with `warden serve`');
      } catch (err) {
        if (err instanceof RestoreError) {
          process.stderr.write(`warden: ${err.message}\n`);
          process.exitCode = 1;
          return;
        }
        throw err;
      }
    });
}
