import { fmix32 } from '../core/hash.js';
import type { Identifier, IdentifierType } from '../identity/model.js';
import type { BlocklistLevel, PolicyEntry, RateLimit, StoredEntryState } from './model.js';

/**
 * Who a message comes from, as screening sees it: every identifier resolved
 * for the sender, and the customer they belong to (null for unknown senders).
 */
export interface PolicySubject {
  identifiers: readonly Identifier[];
  customerId: string | null;
  /**
   * Blind indexes of `identifiers` (same order), when the caller has them. An
   * index keyed by blind index (see `BlocklistIndexOptions.indexOf`) computes
   * the missing ones; without them erased (tombstone) entries are not reached.
   */
  indexes?: readonly string[];
}

/** Anything that can list the entries that could apply to a subject; `BlocklistIndex` is the real one. */
export interface PolicyCandidateSource {
  candidates(subject: PolicySubject): PolicyEntry[];
}

export interface IndexMemoryEstimate {
  /** Typed arrays: compact rows and both slot tables, measured exactly. */
  typedArrayBytes: number;
  /** Ordinary objects (entries kept whole, profiles, maps), estimated. */
  objectBytes: number;
  totalBytes: number;
  compactEntries: number;
  otherEntries: number;
}

/** Bumped whenever the compact layout, the hashes or the profile shape change. */
const SNAPSHOT_FORMAT = 1;

/** `BlocklistIndex.toSnapshot()`: enough to rebuild the index without re-inserting its rows. */
export interface IndexSnapshot {
  meta: {
    format: number;
    /** Exact identifiers keyed by blind index (`indexOf` given) rather than a hash of the value. */
    keyed: boolean;
    rows: number;
    chunks: number;
    byIdentifierCounts: number[];
    byIdCounts: number[];
    profiles: (EntryProfile | null)[];
    freeProfiles: number[];
    liveProfiles: number;
    epochs: string[];
    epochTimes: number[];
    highestId: string;
    /**
     * Ids of the entries not stored compactly (ranges, customers, exemptions):
     * they are few, and hold identifiers in the clear, so a snapshot keeps only
     * their ids and the loader reads them again (`fromSnapshot`'s `others`).
     */
    otherIds: string[];
  };
  /** The compact rows' chunks, then the identifier table's segments, then the id table's. */
  arrays: Uint32Array[];
}

// ---------------------------------------------------------------------------
// Layout of the compact store.
//
// A compact entry is one row of 7 Uint32 words (28 bytes) in fixed-size
// chunks, so growth never copies rows and slack is at most one chunk:
//   k0, k1   64-bit key of the identifier: the first 64 bits of its blind
//            index (an HMAC, see keyFromIndex) when the index has `indexOf`,
//            else a type-seeded hash of the value (see hashIdentifier)
//   w0..w3   the last 24 base32 characters of the entry id, 6 per word
//   meta     epoch index (10 bits) · profile index (22 bits)
// The first 4 id characters (the top 20 bits of the creation time, one value
// per ~12.4 days) are interned as the "epoch"; level, state, category, limit,
// channels and schedule are interned as a "profile" shared by many rows.
// Two slot tables point at rows: by identifier hash (the hot path) and by id
// (upsert/remove). Rows stay dense: a removed row is filled with the last one.
// ---------------------------------------------------------------------------

const STRIDE = 7;
const K0 = 0;
const K1 = 1;
const W0 = 2;
const W1 = 3;
const W2 = 4;
const W3 = 5;
const META = 6;
const CHUNK_BITS = 14;
const CHUNK_ROWS = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_ROWS - 1;
const PROFILE_UNIT = 1 << 22;
const PROFILE_MASK = PROFILE_UNIT - 1;
const MAX_EPOCHS = 1024;
/** Live profiles beyond this go the slow path, so odd data cannot turn profiles into per-row objects. */
const MAX_PROFILES = 65_536;

// Slot word: probe distance (6 bits) · row + 1 (26 bits); 0 is an empty slot.
const ROW_BITS = 26;
const ROW_MASK = (1 << ROW_BITS) - 1;
const DIST_UNIT = 2 ** ROW_BITS;
const MAX_DIST = 63;
const MAX_COMPACT_ROWS = ROW_MASK - 1;
// 256 independently grown segments: a growth rehashes 1/256 of a table, so
// no single upsert pauses screening, and segment loads stay close together.
const SEGMENT_SHIFT = 24;
const SEGMENTS = 256;
const MIN_SEGMENT_SLOTS = 8;
const TWO_POW_32 = 4294967296;

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const CHAR_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) CHAR_VALUE[ALPHABET.charCodeAt(i)] = i;
const ID_PREFIX = 'blk_';
const ID_LENGTH = 32;

/** Types stored in the exact (hash) table; the others are ranges. */
const exactTypeSeed: Partial<Record<IdentifierType, number>> = {
  phone: 0x1b873593,
  email: 0x2545f491,
  user_id: 0x3c6ef372,
  device_id: 0x4f1bbcdc,
  open_id: 0x5f356495,
  ip: 0x6a09e667,
};

// Scratch outputs of the hash functions, so the hot path allocates nothing.
let hashA = 0;
let hashB = 0;

/**
 * Two murmur3-style 32-bit lanes with different constants over the UTF-16
 * units, cross-mixed at the end: one pass, 64 bits. Treated as a 64-bit hash,
 * a lookup of an identifier that is not listed falsely hits one of n listed
 * ones with probability about n / 2^64 (1e6 entries: ~5e-14 per lookup, one
 * false hit in ~6,000 years at 100,000 lookups/s). We accept that rather
 * than keep the strings, which would cost 30-60 bytes per entry.
 */
const hashIdentifier = (seed: number, value: string): void => {
  let a = seed;
  let b = Math.imul(seed, 0x9e3779b1) ^ value.length;
  const n = value.length;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const k = value.charCodeAt(i) | (value.charCodeAt(i + 1) << 16);
    let ka = Math.imul(k, 0xcc9e2d51);
    ka = Math.imul((ka << 15) | (ka >>> 17), 0x1b873593);
    a ^= ka;
    a = Math.imul((a << 13) | (a >>> 19), 5) + 0xe6546b64;
    let kb = Math.imul(k, 0x239b961b);
    kb = Math.imul((kb << 16) | (kb >>> 16), 0xab0e9789);
    b ^= kb;
    b = Math.imul((b << 17) | (b >>> 15), 5) + 0x38b34ae5;
  }
  if (i < n) {
    const k = value.charCodeAt(i);
    a ^= Math.imul(k, 0xcc9e2d51);
    b ^= Math.imul(k, 0x239b961b);
  }
  a = fmix32(a ^ n);
  b = fmix32(b ^ n);
  hashA = (a + b) >>> 0;
  hashB = (b + Math.imul(a, 0x27d4eb2f)) >>> 0;
};

/** base64url character → its 6 bits. */
const B64_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++)
  B64_VALUE['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.charCodeAt(i)] = i;

/**
 * The compact key of a blind index (base64url of an HMAC-SHA-256): its first
 * 64 bits. The HMAC output is uniform, so the collision bound of
 * hashIdentifier holds; and the kind is inside the HMAC, so no type seed.
 * Returns false for a string that is not one.
 */
const keyFromIndex = (index: string): boolean => {
  if (index.length < 12) return false;
  let a = 0;
  let b = 0;
  for (let i = 0; i < 12; i++) {
    const c = index.charCodeAt(i);
    const v = c < 128 ? (B64_VALUE[c] as number) : -1;
    if (v < 0) return false;
    // a and b take 6 characters each (36 bits, whose top 4 drop): 64 bits.
    if (i < 6) a = ((a << 6) | v) >>> 0;
    else b = ((b << 6) | v) >>> 0;
  }
  hashA = a;
  hashB = b;
  return true;
};

const hashIdWords = (w0: number, w1: number, w2: number, w3: number, epoch: number): void => {
  // w2 and w3 are the random tail of the id: already uniform, only mixed in.
  hashA = fmix32(w3 ^ Math.imul(w0, 0x9e3779b1));
  hashB = fmix32(w2 ^ Math.imul(w1, 0x85ebca6b) ^ Math.imul(epoch + 1, 0xc2b2ae35));
};

/** Home slot in [0, cap): multiply-shift, so capacities need not be powers of two. */
const homeSlot = (a: number, cap: number): number => Math.floor((a * cap) / TWO_POW_32);

type RowHasher = (row: number) => void;

/**
 * Robin Hood open addressing over row numbers, in SEGMENTS segments chosen by
 * the top bits of the second hash word. Probe distance lives in the slot, so a
 * miss stops early and only slots with our home are compared against rows.
 */
class RowSlotTable {
  readonly segments: Uint32Array[] = [];
  private readonly counts = new Int32Array(SEGMENTS);

  constructor(
    private readonly maxLoad: number,
    private readonly growth: number,
    private readonly hashRow: RowHasher,
  ) {
    for (let s = 0; s < SEGMENTS; s++) this.segments.push(new Uint32Array(MIN_SEGMENT_SLOTS));
  }

  byteLength(): number {
    let bytes = 0;
    for (const t of this.segments) bytes += t.byteLength;
    return bytes;
  }

  reset(): void {
    for (let s = 0; s < SEGMENTS; s++) this.segments[s] = new Uint32Array(MIN_SEGMENT_SLOTS);
    this.counts.fill(0);
  }

  /** Presize every segment for `total` rows so a bulk load never rehashes. */
  reserve(total: number): void {
    const want = Math.ceil(total / SEGMENTS / this.maxLoad) + MIN_SEGMENT_SLOTS;
    for (let s = 0; s < SEGMENTS; s++) {
      if (this.slotsOf(s).length < want) this.resize(s, want);
    }
  }

  insert(a: number, b: number, row: number): void {
    const seg = b >>> SEGMENT_SHIFT;
    const count = (this.counts[seg] as number) + 1; // seg < SEGMENTS
    const cap = this.slotsOf(seg).length;
    if (count > cap * this.maxLoad)
      this.resize(seg, Math.max(cap + MIN_SEGMENT_SLOTS, Math.ceil(cap * this.growth)));
    this.counts[seg] = count;
    this.place(seg, a, row + 1);
  }

  remove(a: number, b: number, row: number): void {
    const seg = b >>> SEGMENT_SHIFT;
    const tbl = this.slotsOf(seg);
    const cap = tbl.length;
    let pos = this.findSlot(tbl, a, row + 1);
    // Backward-shift deletion: no tombstones, probe lengths stay honest.
    let next = pos + 1 === cap ? 0 : pos + 1;
    for (;;) {
      const s = tbl[next] as number; // next < cap
      if (s === 0 || s < DIST_UNIT) break;
      tbl[pos] = s - DIST_UNIT;
      pos = next;
      next = next + 1 === cap ? 0 : next + 1;
    }
    tbl[pos] = 0;
    this.counts[seg] = (this.counts[seg] as number) - 1; // seg < SEGMENTS
  }

  /** The row at `from` moved to `to`: repoint its slot, keeping the probe distance. */
  move(a: number, b: number, from: number, to: number): void {
    const tbl = this.slotsOf(b >>> SEGMENT_SHIFT);
    const pos = this.findSlot(tbl, a, from + 1);
    tbl[pos] = ((tbl[pos] as number) >>> ROW_BITS) * DIST_UNIT + to + 1; // pos < length
  }

  slotsOf(seg: number): Uint32Array {
    return this.segments[seg] as Uint32Array; // seg < SEGMENTS, every segment exists
  }

  /** The segments and their counts, for a snapshot (the arrays themselves, not copies). */
  exportState(): { segments: Uint32Array[]; counts: number[] } {
    return { segments: this.segments, counts: [...this.counts] };
  }

  /** Takes a snapshot's segments as they are (see BlocklistIndex.fromSnapshot). */
  importState(segments: readonly Uint32Array[], counts: readonly number[]): void {
    if (segments.length !== SEGMENTS || counts.length !== SEGMENTS)
      throw new Error('blocklist index snapshot: wrong number of segments');
    for (let i = 0; i < SEGMENTS; i++) {
      const seg = segments[i] as Uint32Array;
      if (seg.length < MIN_SEGMENT_SLOTS) throw new Error('blocklist index snapshot: bad segment');
      this.segments[i] = seg;
      this.counts[i] = counts[i] as number;
    }
  }

  private findSlot(tbl: Uint32Array, a: number, value: number): number {
    const cap = tbl.length;
    let pos = homeSlot(a, cap);
    for (let d = 0; d <= cap; d++) {
      const s = tbl[pos] as number; // pos < cap
      if (s === 0) break;
      if ((s & ROW_MASK) === value) return pos;
      pos = pos + 1 === cap ? 0 : pos + 1;
    }
    throw new Error(`blocklist index: row ${value - 1} missing from its slot table`);
  }

  private place(seg: number, homeHash: number, rowPlusOne: number): void {
    let a = homeHash;
    let value = rowPlusOne;
    for (;;) {
      const tbl = this.slotsOf(seg);
      const cap = tbl.length;
      let pos = homeSlot(a, cap);
      let d = 0;
      for (;;) {
        const s = tbl[pos] as number; // pos < cap
        if (s === 0) {
          tbl[pos] = d * DIST_UNIT + value;
          return;
        }
        const sd = s >>> ROW_BITS;
        if (sd < d) {
          // Robin Hood: take the slot from the richer occupant and carry it on.
          tbl[pos] = d * DIST_UNIT + value;
          value = s & ROW_MASK;
          d = sd;
        }
        pos = pos + 1 === cap ? 0 : pos + 1;
        d++;
        if (d > MAX_DIST) break;
      }
      // The distance no longer fits 6 bits: grow this segment and place the
      // row we are carrying again from its own home.
      this.resize(seg, Math.ceil(cap * this.growth) + MIN_SEGMENT_SLOTS);
      this.hashRow(value - 1);
      a = hashA;
    }
  }

  private resize(seg: number, wanted: number): void {
    const old = this.slotsOf(seg);
    let cap = wanted;
    for (;;) {
      const tbl = new Uint32Array(cap);
      if (this.rehashInto(old, tbl)) {
        this.segments[seg] = tbl;
        return;
      }
      cap = Math.ceil(cap * 1.25);
    }
  }

  private rehashInto(old: Uint32Array, tbl: Uint32Array): boolean {
    const cap = tbl.length;
    for (let i = 0; i < old.length; i++) {
      const o = old[i] as number; // i < old.length
      if (o === 0) continue;
      let value = o & ROW_MASK;
      this.hashRow(value - 1);
      let pos = homeSlot(hashA, cap);
      let d = 0;
      for (;;) {
        const s = tbl[pos] as number; // pos < cap
        if (s === 0) {
          tbl[pos] = d * DIST_UNIT + value;
          break;
        }
        const sd = s >>> ROW_BITS;
        if (sd < d) {
          tbl[pos] = d * DIST_UNIT + value;
          value = s & ROW_MASK;
          d = sd;
        }
        pos = pos + 1 === cap ? 0 : pos + 1;
        d++;
        if (d > MAX_DIST) return false;
      }
    }
    return true;
  }
}

/** What compact rows share: everything but the target and the id. */
interface EntryProfile {
  hash: number;
  level: BlocklistLevel;
  state: StoredEntryState;
  category: string;
  limit: RateLimit | null;
  allowedChannels: string[] | null;
  startsAt: number | null;
  /** Absolute epoch ms, or ms after the id's creation time when `expiryRelative`. */
  expiresAt: number | null;
  expiryRelative: boolean;
  refs: number;
}

// ---------------------------------------------------------------------------
// IP parsing, kept here so the hot path does not depend on identity helpers.
// ---------------------------------------------------------------------------

/** IPv4 dotted quad → unsigned 32-bit number, or -1. */
export const parseIpv4 = (text: string): number => {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      part = part * 10 + (c - 48);
      digits++;
      if (part > 255 || digits > 3) return -1;
    } else return -1;
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + part;
};

/** IPv6 text → four 32-bit words (big-endian order), or null. Accepts `::` and a trailing dotted quad. */
export const parseIpv6 = (text: string): Uint32Array | null => {
  const groups: number[] = [];
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parseSide = (side: string, out: number[]): boolean => {
    if (side === '') return true;
    const parts = side.split(':');
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i] as string; // i < parts.length
      if (i === parts.length - 1 && p.includes('.')) {
        const v4 = parseIpv4(p);
        if (v4 < 0) return false;
        out.push(v4 >>> 16, v4 & 0xffff);
        continue;
      }
      if (p.length === 0 || p.length > 4 || !/^[0-9a-fA-F]+$/.test(p)) return false;
      out.push(Number.parseInt(p, 16));
    }
    return true;
  };
  const head: number[] = [];
  const tail: number[] = [];
  if (!parseSide(halves[0] as string, head)) return null; // split yields at least one part
  if (halves.length === 2) {
    if (!parseSide(halves[1] as string, tail)) return null; // length checked above
    const fill = 8 - head.length - tail.length;
    if (fill < 1) return null;
    groups.push(...head, ...new Array<number>(fill).fill(0), ...tail);
  } else {
    if (head.length !== 8) return null;
    groups.push(...head);
  }
  const words = new Uint32Array(4);
  for (let w = 0; w < 4; w++) words[w] = (groups[2 * w] as number) * 65536 + (groups[2 * w + 1] as number); // 8 groups
  return words;
};

/** Bits of a 32-bit word kept by a prefix that covers `bits` of it (0..32). */
const maskWord = (word: number, bits: number): number =>
  bits >= 32 ? word >>> 0 : bits <= 0 ? 0 : (word & (0xffffffff << (32 - bits))) >>> 0;

const v6Key = (words: Uint32Array, length: number): string => {
  let key = '';
  for (let w = 0; w < 4; w++) key += `${maskWord(words[w] as number, length - 32 * w)}.`; // w < 4
  return key;
};

interface ParsedRange {
  v4: boolean;
  length: number;
  v4Net: number;
  v6Net: Uint32Array | null;
}

const parseRange = (text: string): ParsedRange | null => {
  const slash = text.indexOf('/');
  const addr = slash < 0 ? text : text.slice(0, slash);
  const lenText = slash < 0 ? '' : text.slice(slash + 1);
  if (slash >= 0 && !/^\d{1,3}$/.test(lenText)) return null;
  const v4 = parseIpv4(addr);
  if (v4 >= 0) {
    const length = slash < 0 ? 32 : Number(lenText);
    if (length > 32) return null;
    return { v4: true, length, v4Net: maskWord(v4, length), v6Net: null };
  }
  const v6 = parseIpv6(addr);
  if (v6 === null) return null;
  const length = slash < 0 ? 128 : Number(lenText);
  if (length > 128) return null;
  return { v4: false, length, v4Net: 0, v6Net: v6 };
};

// ---------------------------------------------------------------------------

const pushTo = <K>(map: Map<K, PolicyEntry[]>, key: K, entry: PolicyEntry): void => {
  const list = map.get(key);
  if (list === undefined) map.set(key, [entry]);
  else list.push(entry);
};

/** Returns true when the key's list became empty and was dropped. */
const dropFrom = <K>(map: Map<K, PolicyEntry[]>, key: K, entry: PolicyEntry): boolean => {
  const list = map.get(key);
  if (list === undefined) return false;
  const at = list.indexOf(entry);
  if (at >= 0) list.splice(at, 1);
  if (list.length > 0) return false;
  map.delete(key);
  return true;
};

const hashText = (h: number, text: string): number => {
  let x = h;
  for (let i = 0; i < text.length; i++) x = Math.imul(x ^ text.charCodeAt(i), 0x01000193);
  return x;
};

const hashNumber = (h: number, n: number | null): number =>
  n === null
    ? Math.imul(h ^ 0x3d4d51cb, 0x01000193)
    : Math.imul(h ^ (n | 0) ^ Math.floor(n / TWO_POW_32), 0x01000193);

const profileHash = (entry: PolicyEntry, relative: boolean, storedExpiry: number | null): number => {
  let h = hashText(0x811c9dc5, entry.category);
  h = hashText(h, entry.state);
  h = hashNumber(h, entry.level);
  h = hashNumber(h, entry.startsAt);
  h = hashNumber(h, relative ? 1 : 0);
  h = hashNumber(h, storedExpiry);
  h = hashNumber(h, entry.limit === null ? null : entry.limit.max);
  h = hashNumber(h, entry.limit === null ? null : entry.limit.windowSeconds);
  if (entry.allowedChannels !== null) for (const c of entry.allowedChannels) h = hashText(h ^ 0x2f, c);
  return fmix32(h);
};

const sameProfile = (
  p: EntryProfile,
  e: PolicyEntry,
  relative: boolean,
  storedExpiry: number | null,
): boolean => {
  if (
    p.level !== e.level ||
    p.state !== e.state ||
    p.startsAt !== e.startsAt ||
    p.expiryRelative !== relative ||
    p.expiresAt !== storedExpiry ||
    p.category !== e.category
  ) {
    return false;
  }
  const a = p.limit;
  const b = e.limit;
  if (a === null || b === null ? a !== b : a.max !== b.max || a.windowSeconds !== b.windowSeconds)
    return false;
  const x = p.allowedChannels;
  const y = e.allowedChannels;
  if (x === null || y === null) return x === y;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
};

/** A sorted set of lengths with counts: which prefix lengths are worth probing. */
class LengthSet {
  readonly lengths: number[] = [];
  private readonly counts = new Map<number, number>();
  add(length: number): void {
    const c = this.counts.get(length) ?? 0;
    this.counts.set(length, c + 1);
    if (c === 0) {
      this.lengths.push(length);
      this.lengths.sort((x, y) => x - y);
    }
  }
  remove(length: number): void {
    const c = this.counts.get(length) ?? 0;
    if (c <= 1) {
      this.counts.delete(length);
      const at = this.lengths.indexOf(length);
      if (at >= 0) this.lengths.splice(at, 1);
    } else this.counts.set(length, c - 1);
  }
  clear(): void {
    this.lengths.length = 0;
    this.counts.clear();
  }
}

const ENTRY_OBJECT_BYTES = 360; // a PolicyEntry with its identifier and map slots, measured roughly in V8
const EXEMPTION_OBJECT_BYTES = 160;
const PROFILE_OBJECT_BYTES = 240;

/**
 * In-memory blocklist index screening reads on every message. Updated
 * incrementally from the change bus; no change rebuilds it.
 *
 * Identifier entries without exemptions (almost all of them) are stored as
 * 28-byte rows plus two slot tables (~38 bytes each in all); customer-level
 * entries, ranges (phone_prefix, email_domain, CIDR), entries with exemptions
 * and ids not of the `blk_` + 28 base32 form are kept whole in Maps.
 *
 * Entries passed in are kept by reference on the slow path: treat them as immutable.
 *
 * @example
 *   const index = new BlocklistIndex();
 *   index.upsert(entry);
 *   index.candidates({ identifiers: [{ type: 'phone', value: '+8613800138000' }], customerId: null });
 */
export interface BlocklistIndexOptions {
  /**
   * The blind index of an identifier (`KeyRing.blindIndex`). Given, exact
   * identifiers are keyed by their blind index: entries need no decrypted
   * value (a start-up load decrypts nothing for them) and a subject's indexes,
   * which screening computes anyway, are its lookup keys.
   */
  indexOf?: (type: IdentifierType, value: string) => string;
}

export class BlocklistIndex implements PolicyCandidateSource {
  private chunks: Uint32Array[] = [];
  private rows = 0;
  private readonly byIdentifier: RowSlotTable;
  private readonly byId: RowSlotTable;

  private profiles: (EntryProfile | null)[] = [];
  private freeProfiles: number[] = [];
  /** Profile indexes by a hash of their fields; compared field by field, so no key strings are built. */
  private readonly profilesByHash = new Map<number, number[]>();
  private liveProfiles = 0;
  private lastProfile = -1;

  private readonly epochs: string[] = [];
  private readonly epochTimes: number[] = [];
  private readonly epochByValue = new Map<number, number>();
  /** The top 20 bits of the creation time of the id last packed by packId. */
  private packedEpoch = 0;
  /**
   * The greatest id ever stored compactly. Ids sort by creation time, so a
   * new entry, or a load in id order, is above it and skips the id lookup.
   */
  private highestId = '';

  /** Every entry not stored compactly, by id. */
  private readonly others = new Map<string, PolicyEntry>();
  private otherExemptions = 0;
  private readonly exactOther = new Map<string, PolicyEntry[]>();
  private readonly byCustomer = new Map<string, PolicyEntry[]>();
  /**
   * Entries held by their identifier's blind index and not compactly: erased
   * ones (the value is gone) and, with `indexOf`, any loaded without its value.
   */
  private readonly byIndex = new Map<string, PolicyEntry[]>();
  private readonly byPhonePrefix = new Map<string, PolicyEntry[]>();
  private readonly phonePrefixLengths = new LengthSet();
  private readonly byEmailDomain = new Map<string, PolicyEntry[]>();
  private readonly v4Ranges = new Map<number, Map<number, PolicyEntry[]>>();
  private readonly v4Lengths = new LengthSet();
  private readonly v6Ranges = new Map<number, Map<string, PolicyEntry[]>>();
  private readonly v6Lengths = new LengthSet();

  private readonly idWords = new Uint32Array(4);
  private readonly rowHits: number[] = [];

  private readonly indexOf: ((type: IdentifierType, value: string) => string) | undefined;

  constructor(options: BlocklistIndexOptions = {}) {
    this.indexOf = options.indexOf;
    this.byIdentifier = new RowSlotTable(0.9, 1.25, (row) => {
      const c = this.chunkOf(row);
      const o = (row & CHUNK_MASK) * STRIDE;
      hashA = c[o + K0] as number; // o + 1 < chunk length
      hashB = c[o + K1] as number;
    });
    this.byId = new RowSlotTable(0.95, 1.2, (row) => this.hashRowId(row));
  }

  /** Number of entries held, in whatever state. */
  get size(): number {
    return this.rows + this.others.size;
  }

  /** Presize for a bulk load of about `entries` identifier entries, so the load never rehashes. */
  reserve(entries: number): void {
    this.byIdentifier.reserve(entries);
    this.byId.reserve(entries);
  }

  clear(): void {
    this.chunks = [];
    this.rows = 0;
    this.byIdentifier.reset();
    this.byId.reset();
    this.profiles = [];
    this.freeProfiles = [];
    this.profilesByHash.clear();
    this.liveProfiles = 0;
    this.lastProfile = -1;
    this.epochs.length = 0;
    this.epochTimes.length = 0;
    this.epochByValue.clear();
    this.highestId = '';
    this.others.clear();
    this.otherExemptions = 0;
    this.exactOther.clear();
    this.byCustomer.clear();
    this.byIndex.clear();
    this.byPhonePrefix.clear();
    this.phonePrefixLengths.clear();
    this.byEmailDomain.clear();
    this.v4Ranges.clear();
    this.v4Lengths.clear();
    this.v6Ranges.clear();
    this.v6Lengths.clear();
  }

  /** Adds or replaces the entry with this id; a changed target drops the old one. */
  upsert(entry: PolicyEntry): void {
    // The id is packed once and serves both the lookup of the old row and the new one.
    const packed = this.packId(entry.id);
    if (!this.removeOther(entry.id) && packed && this.rows > 0 && entry.id <= this.highestId) {
      const row = this.findPackedRow();
      if (row >= 0) this.removeRow(row);
    }
    if (!packed || !this.insertCompact(entry)) this.insertOther(entry);
  }

  /** Returns whether an entry with this id was held. */
  remove(entryId: string): boolean {
    if (this.removeOther(entryId)) return true;
    if (this.rows === 0 || !this.packId(entryId)) return false;
    const row = this.findPackedRow();
    if (row < 0) return false;
    this.removeRow(row);
    return true;
  }

  private removeOther(entryId: string): boolean {
    if (this.others.size === 0) return false;
    const other = this.others.get(entryId);
    if (other === undefined) return false;
    this.placeOther(other, false);
    this.others.delete(entryId);
    this.otherExemptions -= other.exemptions.length;
    return true;
  }

  /**
   * The index's state at this moment, for `fromSnapshot`: small state as
   * plain data, the compact rows and slot tables as typed arrays. The arrays
   * are the live ones: copy them (or write them) before the index changes.
   */
  toSnapshot(): IndexSnapshot {
    const byIdentifier = this.byIdentifier.exportState();
    const byId = this.byId.exportState();
    return {
      meta: {
        format: SNAPSHOT_FORMAT,
        keyed: this.indexOf !== undefined,
        rows: this.rows,
        chunks: this.chunks.length,
        byIdentifierCounts: byIdentifier.counts,
        byIdCounts: byId.counts,
        profiles: this.profiles,
        freeProfiles: this.freeProfiles,
        liveProfiles: this.liveProfiles,
        epochs: this.epochs,
        epochTimes: this.epochTimes,
        highestId: this.highestId,
        otherIds: [...this.others.keys()],
      },
      arrays: [...this.chunks, ...byIdentifier.segments, ...byId.segments],
    };
  }

  /**
   * An index in the state `toSnapshot` gave, without a row of work per entry:
   * the typed arrays are taken as they are (views into a file's buffer are
   * fine). `others` are the entries of `meta.otherIds` as they are now (read
   * again by the caller). Throws on a snapshot that does not fit this build
   * or keying.
   */
  static fromSnapshot(
    snapshot: IndexSnapshot,
    others: readonly PolicyEntry[],
    options: BlocklistIndexOptions = {},
  ): BlocklistIndex {
    const { meta, arrays } = snapshot;
    if (meta.format !== SNAPSHOT_FORMAT) throw new Error(`blocklist index snapshot: format ${meta.format}`);
    const index = new BlocklistIndex(options);
    if (meta.keyed !== (index.indexOf !== undefined))
      throw new Error('blocklist index snapshot: keyed differently (blind index or value hash)');
    if (arrays.length !== meta.chunks + 2 * SEGMENTS)
      throw new Error('blocklist index snapshot: wrong array count');
    if (meta.rows > meta.chunks * CHUNK_ROWS || meta.rows > MAX_COMPACT_ROWS)
      throw new Error('blocklist index snapshot: more rows than chunks');
    const chunks = arrays.slice(0, meta.chunks);
    for (const c of chunks)
      if (c.length !== CHUNK_ROWS * STRIDE) throw new Error('blocklist index snapshot: bad chunk size');
    index.chunks = chunks;
    index.rows = meta.rows;
    index.byIdentifier.importState(
      arrays.slice(meta.chunks, meta.chunks + SEGMENTS),
      meta.byIdentifierCounts,
    );
    index.byId.importState(arrays.slice(meta.chunks + SEGMENTS), meta.byIdCounts);
    index.profiles = meta.profiles.map((p) => (p === null ? null : { ...p }));
    index.freeProfiles = [...meta.freeProfiles];
    index.liveProfiles = meta.liveProfiles;
    index.profiles.forEach((p, i) => {
      if (p === null) return;
      const bucket = index.profilesByHash.get(p.hash);
      if (bucket === undefined) index.profilesByHash.set(p.hash, [i]);
      else bucket.push(i);
    });
    meta.epochs.forEach((epoch, i) => {
      index.epochs.push(epoch);
      const time = meta.epochTimes[i] as number;
      index.epochTimes.push(time);
      index.epochByValue.set(time / 2 ** 30, i);
    });
    index.highestId = meta.highestId;
    for (const entry of others) index.upsert(entry);
    return index;
  }

  memoryEstimate(): IndexMemoryEstimate {
    let typed = this.byIdentifier.byteLength() + this.byId.byteLength();
    for (const c of this.chunks) typed += c.byteLength;
    const objectBytes =
      this.others.size * ENTRY_OBJECT_BYTES +
      this.otherExemptions * EXEMPTION_OBJECT_BYTES +
      this.liveProfiles * PROFILE_OBJECT_BYTES +
      this.epochs.length * 64;
    return {
      typedArrayBytes: typed,
      objectBytes,
      totalBytes: typed + objectBytes,
      compactEntries: this.rows,
      otherEntries: this.others.size,
    };
  }

  /**
   * Entries that could apply to the subject, in any state and schedule (the
   * policy decides): exact identifiers, the customer, phone prefixes, the
   * email's domain and its parents, and CIDR ranges holding an ip.
   */
  candidates(subject: PolicySubject): PolicyEntry[] {
    const out: PolicyEntry[] = [];
    if (subject.customerId !== null && this.byCustomer.size > 0) {
      const list = this.byCustomer.get(subject.customerId);
      if (list !== undefined) out.push(...list);
    }
    const ids = subject.identifiers;
    let indexes = subject.indexes;
    if (this.indexOf !== undefined && (indexes === undefined || indexes.length < ids.length)) {
      const indexOf = this.indexOf;
      indexes = ids.map((id, i) => subject.indexes?.[i] ?? indexOf(id.type, id.value));
    }
    for (let i = 0; i < ids.length; i++) this.collect(ids[i] as Identifier, indexes?.[i], out);
    if (this.byIndex.size > 0 && indexes !== undefined) {
      for (const ix of indexes) {
        const list = this.byIndex.get(ix);
        if (list !== undefined) out.push(...list);
      }
    }
    if (out.length > 1) return dedupe(out);
    return out;
  }

  // -- lookups --------------------------------------------------------------

  private collect(identifier: Identifier, index: string | undefined, out: PolicyEntry[]): void {
    const { type, value } = identifier;
    switch (type) {
      case 'phone':
        this.collectExact(identifier, index, out);
        this.collectPhonePrefixes(value, out);
        return;
      case 'phone_prefix':
        this.collectPhonePrefixes(value, out);
        return;
      case 'email': {
        this.collectExact(identifier, index, out);
        const at = value.lastIndexOf('@');
        if (at >= 0) this.collectDomains(value.slice(at + 1), out);
        return;
      }
      case 'email_domain':
        this.collectDomains(value, out);
        return;
      case 'ip':
        if (!value.includes('/')) this.collectExact(identifier, index, out);
        this.collectRanges(value, out);
        return;
      default:
        this.collectExact(identifier, index, out);
    }
  }

  private collectExact(identifier: Identifier, index: string | undefined, out: PolicyEntry[]): void {
    if (this.rows > 0) {
      if (this.exactKey(identifier, index)) {
        const hits = this.rowHits;
        hits.length = 0;
        this.findRows(hashA, hashB, hits);
        for (const row of hits) out.push(this.materialise(row, identifier));
      }
    }
    if (this.exactOther.size > 0) {
      const list = this.exactOther.get(`${identifier.type}:${identifier.value}`);
      if (list !== undefined) out.push(...list);
    }
  }

  private findRows(a: number, b: number, out: number[]): void {
    const tbl = this.byIdentifier.slotsOf(b >>> SEGMENT_SHIFT);
    const cap = tbl.length;
    let pos = homeSlot(a, cap);
    for (let d = 0; ; d++) {
      const s = tbl[pos] as number; // pos < cap
      if (s === 0) return;
      const sd = s >>> ROW_BITS;
      // Robin Hood invariant: past a slot closer to its home than we are, ours cannot be.
      if (sd < d) return;
      if (sd === d) {
        const row = (s & ROW_MASK) - 1;
        const c = this.chunkOf(row);
        const o = (row & CHUNK_MASK) * STRIDE;
        if (c[o + K0] === a && c[o + K1] === b) out.push(row);
      }
      pos = pos + 1 === cap ? 0 : pos + 1;
    }
  }

  private collectPhonePrefixes(phone: string, out: PolicyEntry[]): void {
    if (this.byPhonePrefix.size === 0) return;
    for (const length of this.phonePrefixLengths.lengths) {
      if (length > phone.length) break;
      const list = this.byPhonePrefix.get(phone.slice(0, length));
      if (list !== undefined) out.push(...list);
    }
  }

  private collectDomains(domain: string, out: PolicyEntry[]): void {
    if (this.byEmailDomain.size === 0) return;
    // The domain itself, then each parent at a dot boundary: `example.com`
    // covers `mail.example.com` but never `notexample.com`.
    let d = domain;
    for (;;) {
      const list = this.byEmailDomain.get(d);
      if (list !== undefined) out.push(...list);
      const dot = d.indexOf('.');
      if (dot < 0) return;
      d = d.slice(dot + 1);
    }
  }

  private collectRanges(ip: string, out: PolicyEntry[]): void {
    if (this.v4Ranges.size === 0 && this.v6Ranges.size === 0) return;
    const r = parseRange(ip);
    if (r === null) return;
    if (r.v4) {
      for (const length of this.v4Lengths.lengths) {
        if (length > r.length) break;
        const list = this.v4Ranges.get(length)?.get(maskWord(r.v4Net, length));
        if (list !== undefined) out.push(...list);
      }
    } else if (r.v6Net !== null) {
      for (const length of this.v6Lengths.lengths) {
        if (length > r.length) break;
        const list = this.v6Ranges.get(length)?.get(v6Key(r.v6Net, length));
        if (list !== undefined) out.push(...list);
      }
    }
  }

  // -- compact rows ------------------------------------------------------------

  private chunkOf(row: number): Uint32Array {
    return this.chunks[row >>> CHUNK_BITS] as Uint32Array; // row < rows, so its chunk exists
  }

  private hashRowId(row: number): void {
    const c = this.chunkOf(row);
    const o = (row & CHUNK_MASK) * STRIDE;
    const meta = c[o + META] as number; // o + 6 < chunk length
    hashIdWords(
      c[o + W0] as number,
      c[o + W1] as number,
      c[o + W2] as number,
      c[o + W3] as number,
      Math.floor(meta / PROFILE_UNIT),
    );
  }

  /** Packs the id into packedEpoch and idWords; false if the id is not `blk_` + 28 base32 characters. */
  private packId(id: string): boolean {
    if (id.length !== ID_LENGTH || !id.startsWith(ID_PREFIX)) return false;
    let epoch = 0;
    for (let i = 4; i < 8; i++) {
      const code = id.charCodeAt(i);
      const c = code < 128 ? (CHAR_VALUE[code] as number) : -1; // code < 128
      if (c < 0) return false;
      epoch = epoch * 32 + c;
    }
    this.packedEpoch = epoch;
    for (let w = 0; w < 4; w++) {
      let v = 0;
      for (let j = 0; j < 6; j++) {
        const code = id.charCodeAt(8 + w * 6 + j);
        const c = code < 128 ? (CHAR_VALUE[code] as number) : -1; // code < 128
        if (c < 0) return false;
        v = v * 32 + c;
      }
      this.idWords[w] = v;
    }
    return true;
  }

  /** Index of the packed id's epoch, interned on `create`; -1 when unknown or the table is full. */
  private epochIndex(id: string, create: boolean): number {
    const value = this.packedEpoch;
    const known = this.epochByValue.get(value);
    if (known !== undefined || !create) return known ?? -1;
    if (this.epochs.length >= MAX_EPOCHS) return -1;
    const index = this.epochs.length;
    this.epochs.push(id.slice(4, 8));
    this.epochTimes.push(value * 2 ** 30);
    this.epochByValue.set(value, index);
    return index;
  }

  /** Row of the id last packed by packId, or -1. */
  private findPackedRow(): number {
    const epoch = this.epochByValue.get(this.packedEpoch) ?? -1;
    if (epoch < 0) return -1;
    const w = this.idWords;
    const w0 = w[0] as number; // idWords has 4 words
    const w1 = w[1] as number;
    const w2 = w[2] as number;
    const w3 = w[3] as number;
    hashIdWords(w0, w1, w2, w3, epoch);
    const tbl = this.byId.slotsOf(hashB >>> SEGMENT_SHIFT);
    const cap = tbl.length;
    let pos = homeSlot(hashA, cap);
    for (let d = 0; ; d++) {
      const s = tbl[pos] as number; // pos < cap
      if (s === 0) return -1;
      const sd = s >>> ROW_BITS;
      if (sd < d) return -1;
      const row = (s & ROW_MASK) - 1;
      const c = this.chunkOf(row);
      const o = (row & CHUNK_MASK) * STRIDE;
      if (
        sd === d &&
        c[o + W2] === w2 &&
        c[o + W3] === w3 &&
        c[o + W0] === w0 &&
        c[o + W1] === w1 &&
        Math.floor((c[o + META] as number) / PROFILE_UNIT) === epoch
      ) {
        return row;
      }
      pos = pos + 1 === cap ? 0 : pos + 1;
    }
  }

  /**
   * Sets hashA/hashB to the compact key of an exact identifier: from its blind
   * index with `indexOf` (given, or computed), else from a hash of its value.
   * False when it has none (a range type, or an erased value without indexOf).
   */
  private exactKey(identifier: Identifier | null, index: string | undefined): boolean {
    if (identifier !== null) {
      const seed = exactTypeSeed[identifier.type];
      if (seed === undefined || (identifier.type === 'ip' && identifier.value.includes('/'))) return false;
      if (this.indexOf === undefined) {
        hashIdentifier(seed, identifier.value);
        return true;
      }
      return keyFromIndex(index ?? this.indexOf(identifier.type, identifier.value));
    }
    // Held by blind index alone: compact only where lookups key by blind index too.
    return this.indexOf !== undefined && index !== undefined && keyFromIndex(index);
  }

  private insertCompact(entry: PolicyEntry): boolean {
    if (entry.customerId !== null || entry.exemptions.length > 0) return false;
    if (this.rows >= MAX_COMPACT_ROWS) return false; // the caller packed the id
    if (!this.exactKey(entry.identifier, entry.identifierIndex)) return false;
    const k0 = hashA;
    const k1 = hashB;
    const epoch = this.epochIndex(entry.id, true);
    if (epoch < 0) return false;
    const idTime = (this.epochTimes[epoch] as number) + (this.idWords[0] as number); // epoch exists; word 0 holds the low 30 time bits
    const profile = this.acquireProfile(entry, idTime);
    if (profile < 0) return false;

    const row = this.rows;
    const chunkIndex = row >>> CHUNK_BITS;
    if (chunkIndex === this.chunks.length) this.chunks.push(new Uint32Array(CHUNK_ROWS * STRIDE));
    const c = this.chunkOf(row);
    const o = (row & CHUNK_MASK) * STRIDE;
    c[o + K0] = k0;
    c[o + K1] = k1;
    c.set(this.idWords, o + W0);
    c[o + META] = epoch * PROFILE_UNIT + profile;
    this.rows = row + 1;
    this.byIdentifier.insert(k0, k1, row);
    this.hashRowId(row);
    this.byId.insert(hashA, hashB, row);
    if (entry.id > this.highestId) this.highestId = entry.id;
    return true;
  }

  private removeRow(row: number): void {
    const c = this.chunkOf(row);
    const o = (row & CHUNK_MASK) * STRIDE;
    const k0 = c[o + K0] as number; // row < rows
    const k1 = c[o + K1] as number;
    this.releaseProfile((c[o + META] as number) & PROFILE_MASK);
    this.byIdentifier.remove(k0, k1, row);
    this.hashRowId(row);
    this.byId.remove(hashA, hashB, row);

    const last = this.rows - 1;
    if (row !== last) {
      // Keep rows dense: the last row fills the hole and both tables follow it.
      const lc = this.chunkOf(last);
      const lo = (last & CHUNK_MASK) * STRIDE;
      c.set(lc.subarray(lo, lo + STRIDE), o);
      this.byIdentifier.move(c[o + K0] as number, c[o + K1] as number, last, row);
      this.hashRowId(row);
      this.byId.move(hashA, hashB, last, row);
    }
    this.rows = last;
    // Drop a trailing chunk only when a whole spare one is behind us, so a
    // remove/add at a chunk boundary does not allocate every time.
    while (this.chunks.length > 1 && (this.chunks.length - 2) * CHUNK_ROWS >= this.rows) this.chunks.pop();
  }

  private acquireProfile(entry: PolicyEntry, idTime: number): number {
    const expires = entry.expiresAt;
    // Whole seconds are dates someone chose (imports, the UI): shared as they
    // are. Anything else is `now + duration` from a rule, shared as the
    // duration after the id's creation time, which is the same `now`.
    const relative = expires !== null && expires % 1000 !== 0;
    const storedExpiry = expires === null ? null : relative ? expires - idTime : expires;
    // Bulk loads repeat profiles: try the last one before hashing.
    const last = this.lastProfile >= 0 ? this.profiles[this.lastProfile] : null;
    if (last !== null && last !== undefined && sameProfile(last, entry, relative, storedExpiry)) {
      last.refs++;
      return this.lastProfile;
    }
    const hash = profileHash(entry, relative, storedExpiry);
    const bucket = this.profilesByHash.get(hash);
    if (bucket !== undefined) {
      for (const index of bucket) {
        const p = this.profiles[index] as EntryProfile; // buckets hold live indexes
        if (sameProfile(p, entry, relative, storedExpiry)) {
          p.refs++;
          this.lastProfile = index;
          return index;
        }
      }
    }
    if (this.liveProfiles >= MAX_PROFILES) return -1;
    const limit = entry.limit;
    const channels = entry.allowedChannels;
    const profile: EntryProfile = {
      hash,
      level: entry.level,
      state: entry.state,
      category: entry.category,
      limit: limit === null ? null : { max: limit.max, windowSeconds: limit.windowSeconds },
      allowedChannels: channels === null ? null : [...channels],
      startsAt: entry.startsAt,
      expiresAt: storedExpiry,
      expiryRelative: relative,
      refs: 1,
    };
    const index = this.freeProfiles.pop() ?? this.profiles.length;
    this.profiles[index] = profile;
    if (bucket === undefined) this.profilesByHash.set(hash, [index]);
    else bucket.push(index);
    this.liveProfiles++;
    this.lastProfile = index;
    return index;
  }

  private releaseProfile(index: number): void {
    const p = this.profiles[index];
    if (p === undefined || p === null) return;
    p.refs--;
    if (p.refs > 0) return;
    const bucket = this.profilesByHash.get(p.hash);
    if (bucket !== undefined) {
      bucket.splice(bucket.indexOf(index), 1);
      if (bucket.length === 0) this.profilesByHash.delete(p.hash);
    }
    this.profiles[index] = null;
    this.freeProfiles.push(index);
    this.liveProfiles--;
    if (this.lastProfile === index) this.lastProfile = -1;
  }

  /** Rebuilds the entry of a compact row; its identifier is the one we looked up (same 64-bit hash). */
  private materialise(row: number, identifier: Identifier): PolicyEntry {
    const c = this.chunkOf(row);
    const o = (row & CHUNK_MASK) * STRIDE;
    const meta = c[o + META] as number; // row < rows
    const epoch = Math.floor(meta / PROFILE_UNIT);
    const p = this.profiles[meta & PROFILE_MASK] as EntryProfile; // rows hold live profiles
    let id = ID_PREFIX + (this.epochs[epoch] as string); // rows hold interned epochs
    for (let w = W0; w <= W3; w++) {
      const v = c[o + w] as number;
      for (let shift = 25; shift >= 0; shift -= 5) id += ALPHABET[(v >>> shift) & 31];
    }
    const idTime = (this.epochTimes[epoch] as number) + (c[o + W0] as number);
    return {
      id,
      level: p.level,
      customerId: null,
      identifier: { type: identifier.type, value: identifier.value },
      category: p.category,
      state: p.state,
      startsAt: p.startsAt,
      expiresAt: p.expiresAt === null ? null : p.expiryRelative ? idTime + p.expiresAt : p.expiresAt,
      limit: p.limit === null ? null : { max: p.limit.max, windowSeconds: p.limit.windowSeconds },
      allowedChannels: p.allowedChannels === null ? null : [...p.allowedChannels],
      exemptions: [],
    };
  }

  // -- entries kept whole ------------------------------------------------------

  private insertOther(entry: PolicyEntry): void {
    this.others.set(entry.id, entry);
    this.otherExemptions += entry.exemptions.length;
    this.placeOther(entry, true);
  }

  /** Adds the entry to, or removes it from, the map its target belongs in. */
  private placeOther(entry: PolicyEntry, add: boolean): void {
    if (entry.customerId !== null) {
      if (add) pushTo(this.byCustomer, entry.customerId, entry);
      else dropFrom(this.byCustomer, entry.customerId, entry);
      return;
    }
    const identifier = entry.identifier;
    if (identifier === null) {
      // Reached by its blind index (erased, or loaded without its value); else it targets nothing: held for remove() only.
      if (entry.identifierIndex !== undefined) {
        if (add) pushTo(this.byIndex, entry.identifierIndex, entry);
        else dropFrom(this.byIndex, entry.identifierIndex, entry);
      }
      return;
    }
    const { type, value } = identifier;
    if (type === 'phone_prefix') {
      if (add) {
        pushTo(this.byPhonePrefix, value, entry);
        this.phonePrefixLengths.add(value.length);
      } else if (this.byPhonePrefix.get(value)?.includes(entry)) {
        dropFrom(this.byPhonePrefix, value, entry);
        this.phonePrefixLengths.remove(value.length);
      }
      return;
    }
    if (type === 'email_domain') {
      if (add) pushTo(this.byEmailDomain, value, entry);
      else dropFrom(this.byEmailDomain, value, entry);
      return;
    }
    if (type === 'ip' && value.includes('/')) {
      const r = parseRange(value);
      if (r !== null) {
        this.placeRange(r, entry, add);
        return;
      }
    }
    const key = `${type}:${value}`;
    if (add) pushTo(this.exactOther, key, entry);
    else dropFrom(this.exactOther, key, entry);
  }

  private placeRange(r: ParsedRange, entry: PolicyEntry, add: boolean): void {
    if (r.v4) {
      let byNet = this.v4Ranges.get(r.length);
      if (add) {
        if (byNet === undefined) {
          byNet = new Map();
          this.v4Ranges.set(r.length, byNet);
        }
        pushTo(byNet, r.v4Net, entry);
        this.v4Lengths.add(r.length);
      } else if (byNet?.get(r.v4Net)?.includes(entry)) {
        dropFrom(byNet, r.v4Net, entry);
        if (byNet.size === 0) this.v4Ranges.delete(r.length);
        this.v4Lengths.remove(r.length);
      }
      return;
    }
    if (r.v6Net === null) return;
    const key = v6Key(r.v6Net, r.length);
    let byNet = this.v6Ranges.get(r.length);
    if (add) {
      if (byNet === undefined) {
        byNet = new Map();
        this.v6Ranges.set(r.length, byNet);
      }
      pushTo(byNet, key, entry);
      this.v6Lengths.add(r.length);
    } else if (byNet?.get(key)?.includes(entry)) {
      dropFrom(byNet, key, entry);
      if (byNet.size === 0) this.v6Ranges.delete(r.length);
      this.v6Lengths.remove(r.length);
    }
  }
}

/** One entry can be reached twice (an email and its domain identifier both given): keep the first. */
const dedupe = (entries: PolicyEntry[]): PolicyEntry[] => {
  const seen = new Set<string>();
  const out: PolicyEntry[] = [];
  for (const e of entries) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    out.push(e);
  }
  return out;
};
