import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../logging.js';

export const MASTER_KEY_FILE = 'master.key';

/**
 * The master key comes from WARDEN_MASTER_KEY, else from `<dataDir>/master.key`,
 * which is created (mode 0600) on first start with a loud warning: losing it
 * makes every encrypted value unreadable.
 */
export function loadMasterKey(options: { masterKey: string | undefined; dataDir: string; log?: Logger }): {
  key: Buffer;
  source: 'env' | 'file' | 'created';
} {
  if (options.masterKey) return { key: decodeKey(options.masterKey, 'WARDEN_MASTER_KEY'), source: 'env' };
  const path = join(options.dataDir, MASTER_KEY_FILE);
  if (existsSync(path)) {
    const mode = statSync(path).mode & 0o777;
    if (mode & 0o077)
      options.log?.warn(
        { path, mode: mode.toString(8) },
        'master key file is readable by others; chmod 600 it',
      );
    return { key: decodeKey(readFileSync(path, 'utf8').trim(), path), source: 'file' };
  }
  mkdirSync(options.dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  options.log?.warn(
    { path },
    'created a new master key file; back it up somewhere safe — without it the encrypted data cannot be read',
  );
  return { key, source: 'created' };
}

function decodeKey(b64: string, where: string): Buffer {
  const key = Buffer.from(b64, 'base64');
  if (key.length !== 32) throw new Error(`${where}: the master key must be 32 bytes, base64-encoded`);
  return key;
}
