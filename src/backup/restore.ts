import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { unwrapWithMaster } from '../core/crypto/keyring.js';
import { MASTER_KEY_FILE } from '../core/crypto/master-key.js';
import { SQLITE_FILE } from '../storage/database.js';

export interface RestoreResult {
  path: string;
  bytes: number;
  /** 'checked': the master key opens the backup's data keys; 'missing': no key given or found yet. */
  masterKey: 'checked' | 'missing';
}

export class RestoreError extends Error {}

/**
 * Restores a backup file into an empty data directory (one that holds at most
 * the master key file): copies it in, checks its integrity, and, when a master
 * key is at hand (WARDEN_MASTER_KEY or `<dataDir>/master.key`), that the key
 * opens the backup's data keys. Never touches a directory that holds data.
 */
export function restoreBackup(file: string, dataDir: string, masterKey: string | undefined): RestoreResult {
  if (!existsSync(file) || !statSync(file).isFile()) throw new RestoreError(`no backup file ${file}`);
  const present = existsSync(dataDir) ? readdirSync(dataDir).filter((n) => n !== MASTER_KEY_FILE) : [];
  if (present.length > 0)
    throw new RestoreError(
      `the data directory ${dataDir} is not empty (it holds ${present.slice(0, 5).join(', ')}${present.length > 5 ? ', …' : ''}); ` +
        'restore only into an empty directory: stop Warden, move the directory away (or set WARDEN_DATA_DIR to a new one) and run restore again',
    );
  mkdirSync(dataDir, { recursive: true });
  const target = join(dataDir, SQLITE_FILE);
  const partial = `${target}.restoring`;
  copyFileSync(file, partial);
  try {
    const db = new SQLite(partial, { fileMustExist: true });
    try {
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new RestoreError(`${file} is damaged: ${String(check)}`);
      let keyRows: { wrapped: string }[];
      try {
        keyRows = db.prepare('select wrapped from encryption_keys').all() as { wrapped: string }[];
      } catch {
        throw new RestoreError(`${file} is not a Warden database`);
      }
      const key = masterKeyAt(dataDir, masterKey);
      if (key) {
        try {
          for (const r of keyRows) unwrapWithMaster(key, r.wrapped);
        } catch {
          throw new RestoreError(
            'the master key (WARDEN_MASTER_KEY or master.key in the data directory) does not open this backup: use the key of the installation it came from',
          );
        }
      }
      db.close();
      renameSync(partial, target);
      return { path: target, bytes: statSync(target).size, masterKey: key ? 'checked' : 'missing' };
    } finally {
      if (db.open) db.close();
    }
  } finally {
    rmSync(partial, { force: true });
  }
}

function masterKeyAt(dataDir: string, env: string | undefined): Buffer | null {
  if (env) return Buffer.from(env, 'base64');
  const path = join(dataDir, MASTER_KEY_FILE);
  if (!existsSync(path)) return null;
  return Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
}
