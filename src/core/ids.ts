import { randomBytesPooled } from './crypto/random.js';

/** Prefixes name what an id points at, so a stray id in a log explains itself. */
export const idPrefixes = {
  customer: 'cus',
  identifier: 'idn',
  blocklistEntry: 'blk',
  exemption: 'exm',
  category: 'cat',
  rule: 'rul',
  message: 'msg',
  complaint: 'cmp',
  alert: 'alr',
  user: 'usr',
  apiKey: 'key',
  session: 'ses',
  import: 'imp',
  audit: 'aud',
  notification: 'ntf',
  event: 'evt',
  reminder: 'rem',
  consent: 'cns',
  winbackCase: 'wbk',
  winbackMilestone: 'wbm',
} as const;

export type IdKind = keyof typeof idPrefixes;

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

let lastMs = 0;
let seq = 0;

/**
 * `newId("customer")` → `cus_01jd7x3k8m00a1b2c3d4e5f6g7h8`. The first 10
 * characters encode milliseconds 2 more a per-process sequence and 16 are random, so ids
 * sort by creation time: cursor pagination relies on that.
 */
export function newId(kind: IdKind, now = Date.now()): string {
  // Monotonic within a process: an id never sorts before one made earlier,
  // even if the clock steps back or a caller passes an earlier time.
  if (now > lastMs) {
    lastMs = now;
    seq = 0;
  } else if (++seq > 0x3ff) {
    lastMs++;
    seq = 0;
  }
  let time = '';
  let t = lastMs;
  for (let i = 0; i < 10; i++) {
    time = alphabet.charAt(t % 32) + time;
    t = Math.floor(t / 32);
  }
  const s = alphabet.charAt((seq >> 5) & 31) + alphabet.charAt(seq & 31);
  const rnd = randomBytesPooled(16);
  let tail = '';
  for (const b of rnd) tail += alphabet.charAt(b & 31);
  return `${idPrefixes[kind]}_${time}${s}${tail}`;
}
