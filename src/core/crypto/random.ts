import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 64 * 1024;
const pool = Buffer.allocUnsafe(POOL_BYTES);
let offset = POOL_BYTES;

/**
 * Cryptographically random bytes from a pooled buffer: one system call per
 * 64 KiB instead of one per id or IV, which showed up in import profiles.
 * Every byte is handed out once; callers must copy what they keep.
 */
export function randomBytesPooled(n: number): Buffer {
  if (n > POOL_BYTES) throw new RangeError('ask for at most 64 KiB at a time');
  if (offset + n > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const out = pool.subarray(offset, offset + n);
  offset += n;
  return out;
}
