import { randomPool, reserveRandom } from './crypto/random.js';

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
const alphabetCodes = Uint8Array.from(alphabet, (c) => c.charCodeAt(0));

let lastMs = 0;
let seq = 0;

/**
 * An id is written into these bytes and decoded once: one string, none per
 * character. Layout: the 3-letter prefix and `_`, then 10 time (rewritten
 * only when the millisecond changes), 2 sequence, 16 random.
 */
const PREFIX = 4;
const ID_LENGTH = PREFIX + 28;
const idBytes = Buffer.alloc(ID_LENGTH);
let idTime = -1;
const prefixCodes = Object.fromEntries(
  Object.entries(idPrefixes).map(([kind, prefix]) => [kind, Buffer.from(`${prefix}_`, 'latin1')]),
) as Record<IdKind, Buffer>;
if (Object.values(prefixCodes).some((p) => p.length !== PREFIX)) throw new Error('id prefixes are 3 letters');

/**
 * `newId("customer")` → `cus_01jd7x3k8m00a1b2c3d4e5f6g7h8`. The first 10
 * characters encode milliseconds, 2 more a per-process sequence and 16 are random, so ids
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
  const prefix = prefixCodes[kind];
  for (let i = 0; i < PREFIX; i++) idBytes[i] = prefix[i] as number;
  if (idTime !== lastMs) {
    let t = lastMs;
    for (let i = PREFIX + 9; i >= PREFIX; i--) {
      idBytes[i] = alphabetCodes[t % 32] as number;
      t = Math.floor(t / 32);
    }
    idTime = lastMs;
  }
  idBytes[PREFIX + 10] = alphabetCodes[(seq >> 5) & 31] as number;
  idBytes[PREFIX + 11] = alphabetCodes[seq & 31] as number;
  const at = reserveRandom(16);
  for (let i = 0; i < 16; i++)
    idBytes[PREFIX + 12 + i] = alphabetCodes[(randomPool[at + i] as number) & 31] as number;
  return idBytes.toString('latin1', 0, ID_LENGTH);
}
