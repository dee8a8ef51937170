// Blocklist policy index: load time, bytes per identifier and evaluations/s,
// against a plain Map of entry objects measured in the same run.
//
//   npx tsx --expose-gc bench/policy-index.bench.ts [--n 1000000] [--reserve] [--no-baseline]
//
// Not a test: prints a table and writes bench/results/policy-index.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PolicyEntry } from '../src/blocklist/model.js';
import { evaluatePolicy } from '../src/blocklist/policy.js';
import {
  BlocklistIndex,
  type PolicyCandidateSource,
  type PolicySubject,
} from '../src/blocklist/policy-index.js';
import type { Identifier } from '../src/identity/model.js';

const args = process.argv.slice(2);
const argValue = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const N = argValue('--n', 1_000_000);
const RESERVE = args.includes('--reserve');
const BASELINE = !args.includes('--no-baseline');
const EXTRAS = 1_000; // each of prefixes, domains, IPv4 CIDRs, IPv6 CIDRs, customers

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) {
  console.error('run with --expose-gc: npx tsx --expose-gc bench/policy-index.bench.ts');
  process.exit(1);
}
const heap = (): number => {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const NOW = Date.UTC(2026, 0, 15, 12);
const ABSOLUTE_EXPIRY = Date.UTC(2027, 0, 1);
const WEEK = 7 * 86_400_000;

let seed = 0x2545f491;
const random = (): number => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

/** Ids as newId makes them: 10 chars of creation ms, 2 of sequence, 16 random. */
const entryId = (createdMs: number): string => {
  let time = '';
  let t = createdMs;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  let tail = '00';
  for (let i = 0; i < 16; i++) tail += ALPHABET[Math.floor(random() * 32)];
  return `blk_${time}${tail}`;
};

/** Distinct mainland mobile numbers: i spread over 10^10 by a multiplier coprime with it. */
const phoneOf = (i: number): string =>
  `+861${String((i * 7_919_111 + 3_000_000_000) % 10_000_000_000).padStart(10, '0')}`;
const missPhoneOf = (i: number): string => `+1${String(2_000_000_000 + i).padStart(10, '0')}`;

const phoneEntry = (i: number): PolicyEntry => {
  const created = NOW - 400 * 86_400_000 + i * 31; // created over ~a year for 1M rows
  const level = (i % 10 < 6 ? 1 : i % 10 < 9 ? 2 : 3) as 1 | 2 | 3;
  const kind = i % 10;
  return {
    id: entryId(created),
    level,
    customerId: null,
    identifier: { type: 'phone', value: phoneOf(i) },
    category: ['harassment', 'complaint_abuse', 'fraud', 'spam'][i % 4] as string, // i % 4 < 4
    state: 'approved',
    startsAt: null,
    // A third chosen dates, a third rule durations (now + 7 days, odd ms), a third open-ended.
    expiresAt: kind % 3 === 0 ? ABSOLUTE_EXPIRY : kind % 3 === 1 ? created + 60 * WEEK : null,
    limit: level === 2 ? { max: 5, windowSeconds: 86_400 } : null,
    allowedChannels: level === 3 ? ['email'] : null,
    exemptions: [],
  };
};

const extraEntries = (): PolicyEntry[] => {
  const out: PolicyEntry[] = [];
  const make = (n: number, target: Identifier | null, customerId: string | null): PolicyEntry => ({
    ...phoneEntry(n),
    identifier: target,
    customerId,
    expiresAt: null,
  });
  for (let i = 0; i < EXTRAS; i++) {
    out.push(
      make(i, { type: 'phone_prefix', value: `+1${900 + (i % 100)}${String(i).padStart(3, '0')}` }, null),
    );
    out.push(make(i, { type: 'email_domain', value: `spam${i}.example` }, null));
    out.push(make(i, { type: 'ip', value: `10.${i % 256}.${Math.floor(i / 256)}.0/24` }, null));
    out.push(make(i, { type: 'ip', value: `2001:db8:${i.toString(16)}::/48` }, null));
    out.push(make(i, null, `cus_${i}`));
  }
  return out;
};

interface Loaded {
  source: PolicyCandidateSource & { upsert(e: PolicyEntry): void; remove(id: string): boolean };
  loadMs: number;
  bytesPerIdentifier: number;
  maxBatchMs: number;
  ids: string[];
}

const load = (make: () => Loaded['source'], reserve: boolean): Loaded => {
  const before = heap();
  const source = make();
  if (reserve && source instanceof BlocklistIndex) source.reserve(N);
  const ids: string[] = [];
  let maxBatchMs = 0;
  let loadMs = 0;
  // Entries are made in untimed batches: the figure is the index's work, not the generator's.
  const batch: PolicyEntry[] = [];
  for (let from = 0; from < N; from += 4096) {
    batch.length = 0;
    for (let i = from; i < Math.min(N, from + 4096); i++) {
      const e = phoneEntry(i);
      // Strings built by concatenation are ropes; V8 flattens one on first
      // read. Rows from a database arrive flat, so flatten here, untimed.
      e.id.charCodeAt(0);
      e.identifier?.value.charCodeAt(0);
      batch.push(e);
    }
    const t = performance.now();
    for (const e of batch) source.upsert(e);
    const ms = performance.now() - t;
    loadMs += ms;
    maxBatchMs = Math.max(maxBatchMs, ms);
    ids.push((batch[0] as PolicyEntry).id); // a sample to change later; batches are non-empty
  }
  batch.length = 0;
  const bytes = heap() - before;
  return { source, loadMs, bytesPerIdentifier: bytes / N, maxBatchMs, ids };
};

const subjects = (count: number, hitShare: number): PolicySubject[] => {
  const out: PolicySubject[] = [];
  for (let i = 0; i < count; i++) {
    const hit = random() < hitShare;
    const n = Math.floor(random() * N);
    const identifiers: Identifier[] = [{ type: 'phone', value: hit ? phoneOf(n) : missPhoneOf(n) }];
    if (i % 2 === 0) identifiers.push({ type: 'email', value: `user${n}@mail${n % 50}.example.com` });
    if (i % 3 === 0) identifiers.push({ type: 'ip', value: `172.16.${n % 256}.${(n >> 8) % 256}` });
    if (i % 5 === 0) identifiers.push({ type: 'device_id', value: `dev-${n}` });
    out.push({ identifiers, customerId: i % 4 === 0 ? `cus_${n % 5000}` : null });
  }
  return out;
};

/** Evaluations per second: the median of three rounds of at least 0.5 s each. */
const throughput = (source: PolicyCandidateSource, list: PolicySubject[]): number => {
  const rounds = [round(source, list), round(source, list), round(source, list)].sort((a, b) => a - b);
  return rounds[1] ?? 0;
};

const round = (source: PolicyCandidateSource, list: PolicySubject[]): number => {
  let sink = 0;
  for (let i = 0; i < Math.min(list.length, 20_000); i++) {
    sink += evaluatePolicy(source, list[i] as PolicySubject, 'sms', null, NOW).limits.length; // i < length
  }
  let done = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < 500) {
    for (const s of list) {
      if (evaluatePolicy(source, s, 'sms', null, NOW).decision !== 'allow') sink++;
    }
    done += list.length;
    elapsed = performance.now() - t0;
  }
  if (sink < 0) console.log(sink); // keeps the work observable
  return (done / elapsed) * 1000;
};

/** Single-change latency on a loaded index: re-targets and removes, each timed alone. */
const changeLatency = (loaded: Loaded): { p99Ms: number; maxMs: number } => {
  const times: number[] = [];
  let k = 0;
  for (const id of loaded.ids) {
    const e = { ...phoneEntry(N + k++), id };
    let t = performance.now();
    loaded.source.upsert(e);
    times.push(performance.now() - t);
    t = performance.now();
    loaded.source.remove(id);
    times.push(performance.now() - t);
    t = performance.now();
    loaded.source.upsert(e);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return {
    p99Ms: times[Math.floor(times.length * 0.99)] ?? 0,
    maxMs: times[times.length - 1] ?? 0,
  };
};

/** The baseline: every entry an object in a Map keyed by `type:value`. */
class NaiveMapIndex implements PolicyCandidateSource {
  private readonly byKey = new Map<string, PolicyEntry[]>();
  private readonly byId = new Map<string, PolicyEntry>();
  upsert(e: PolicyEntry): void {
    this.remove(e.id);
    this.byId.set(e.id, e);
    const key = e.identifier === null ? `c:${e.customerId}` : `${e.identifier.type}:${e.identifier.value}`;
    const list = this.byKey.get(key);
    if (list === undefined) this.byKey.set(key, [e]);
    else list.push(e);
  }
  remove(id: string): boolean {
    const e = this.byId.get(id);
    if (e === undefined) return false;
    this.byId.delete(id);
    const key = e.identifier === null ? `c:${e.customerId}` : `${e.identifier.type}:${e.identifier.value}`;
    const list = this.byKey.get(key) ?? [];
    list.splice(list.indexOf(e), 1);
    if (list.length === 0) this.byKey.delete(key);
    return true;
  }
  candidates(s: PolicySubject): PolicyEntry[] {
    const out: PolicyEntry[] = [];
    if (s.customerId !== null) out.push(...(this.byKey.get(`c:${s.customerId}`) ?? []));
    for (const i of s.identifiers) out.push(...(this.byKey.get(`${i.type}:${i.value}`) ?? []));
    return out;
  }
}

const fmt = (x: number, digits = 0): string =>
  x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const misses = subjects(100_000, 0);
const mixed = subjects(100_000, 0.2);
const hits = subjects(100_000, 1);

const index = load(() => new BlocklistIndex(), RESERVE);
const memory = (index.source as BlocklistIndex).memoryEstimate();
const extras = extraEntries();
const beforeExtras = heap();
for (const e of extras) index.source.upsert(e);
const extrasBytes = heap() - beforeExtras;
const indexFigures = {
  entries: N,
  reserved: RESERVE,
  loadMs: index.loadMs,
  loadPerSecond: (N / index.loadMs) * 1000,
  maxLoadBatchOf4096Ms: index.maxBatchMs,
  bytesPerIdentifier: index.bytesPerIdentifier,
  estimatedBytesPerIdentifier: memory.totalBytes / N,
  extraRangeAndCustomerEntries: extras.length,
  bytesPerExtraEntry: extrasBytes / extras.length,
  evaluationsPerSecondMisses: throughput(index.source, misses),
  evaluationsPerSecondMixed20PctHits: throughput(index.source, mixed),
  evaluationsPerSecondHits: throughput(index.source, hits),
  change: changeLatency(index),
};
index.source = new BlocklistIndex(); // release before the baseline loads
index.ids.length = 0;

let baselineFigures: Record<string, number> | null = null;
if (BASELINE) {
  const naive = load(() => new NaiveMapIndex(), false);
  for (const e of extras) naive.source.upsert(e);
  baselineFigures = {
    loadMs: naive.loadMs,
    bytesPerIdentifier: naive.bytesPerIdentifier,
    evaluationsPerSecondMisses: throughput(naive.source, misses),
    evaluationsPerSecondMixed20PctHits: throughput(naive.source, mixed),
    evaluationsPerSecondHits: throughput(naive.source, hits),
  };
}

const rows: [string, string, string][] = [
  ['phone entries loaded', fmt(N), fmt(N)],
  ['load time (ms)', fmt(indexFigures.loadMs), baselineFigures ? fmt(baselineFigures.loadMs ?? 0) : '-'],
  [
    'bytes / identifier (heap+arrayBuffers delta)',
    fmt(indexFigures.bytesPerIdentifier, 1),
    baselineFigures ? fmt(baselineFigures.bytesPerIdentifier ?? 0, 1) : '-',
  ],
  ['bytes / identifier (memoryEstimate)', fmt(indexFigures.estimatedBytesPerIdentifier, 1), '-'],
  ['worst 4096-upsert batch during load (ms, GC included)', fmt(indexFigures.maxLoadBatchOf4096Ms, 2), '-'],
  [
    'single change p99 / max (ms)',
    `${fmt(indexFigures.change.p99Ms, 3)} / ${fmt(indexFigures.change.maxMs, 3)}`,
    '-',
  ],
  [
    'evaluations/s, all misses',
    fmt(indexFigures.evaluationsPerSecondMisses),
    baselineFigures ? fmt(baselineFigures.evaluationsPerSecondMisses ?? 0) : '-',
  ],
  [
    'evaluations/s, 20 % hits',
    fmt(indexFigures.evaluationsPerSecondMixed20PctHits),
    baselineFigures ? fmt(baselineFigures.evaluationsPerSecondMixed20PctHits ?? 0) : '-',
  ],
  [
    'evaluations/s, all hits',
    fmt(indexFigures.evaluationsPerSecondHits),
    baselineFigures ? fmt(baselineFigures.evaluationsPerSecondHits ?? 0) : '-',
  ],
];
const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c as 0 | 1 | 2].length), 12));
const line = (r: readonly string[]) =>
  `| ${r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join(' | ')} |`;
console.log(
  `\nBlocklistIndex vs Map of entry objects${RESERVE ? ' (reserved)' : ''}, ${extras.length} range/customer entries added`,
);
console.log(line(['', 'BlocklistIndex', 'Map baseline']));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(line(r));

const command = `npx tsx --expose-gc bench/policy-index.bench.ts ${args.join(' ')}`.trim();
const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'policy-index.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify({ figures: { index: indexFigures, baseline: baselineFigures }, command, node: process.version, date: new Date().toISOString() }, null, 2)}\n`,
);
console.log(`\nwrote ${out}`);
