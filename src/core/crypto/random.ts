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

/**
 * `n` pooled random bytes without a view per call: returns where they start
 * in `randomPool`; read them before the next call. For ids on the hot path,
 * where a Buffer view per id showed in the screening profile.
 */
export function reserveRandom(n: number): number {
  if (n > POOL_BYTES) throw new RangeError('ask for at most 64 KiB at a time');
  if (offset + n > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const at = offset;
  offset += n;
  return at;
}

/** The pool `reserveRandom` hands out bytes of (read only). */
export const randomPool: Uint8Array = pool;
