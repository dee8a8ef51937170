// Screening end to end on a real app (SQLite, log silent): 1,000,000 blocklisted
// phone numbers in the index, 10,000 keywords in ~50 rules, a messageCount
// watch rule and a duplicate rule, mixed Chinese / English messages of
// 20–300 characters from ~100k senders (10 % blocklisted).
//
// a. In process, one thread: screens/s with recording off and on (group commit),
//    index bytes per identifier and the 1M load time.
// b. HTTP: the real server against an empty Fastify POST route with the same
//    bodies (the in-process mix), both loaded by bench/http-load.ts in a child
//    process: max rate (closed loop), then open loop at 25/50/75 % of the empty
//    route's max, p50/p99/p99.9 for both.
// c. PostgreSQL: an import into a throwaway server (the system's binaries, as the
//    tests start them) against a bare COPY of the same rows (bench/import.bench.ts).
//
//   npm run bench -- screen                # writes bench/results/screen.json
//   BENCH_QUICK=1 npm run bench -- screen  # 100k identifiers, 3 s HTTP runs
//   BENCH_SECONDS=10                       # length of each HTTP run (default 10, quick 3)
//   BENCH_SKIP_HTTP=1                      # no HTTP part
//   BENCH_SKIP_PG=1                        # no PostgreSQL part (it fails without PostgreSQL installed)
//   BENCH_PROFILE_DIR=/tmp/p               # also profile each phase (node:inspector), write .cpuprofile files
//   node --expose-gc --import tsx bench/screen.bench.ts   # runs it standalone
//
// Not a test.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { systemContext } from '../src/access/audit.js';
import { everyPermission } from '../src/access/permissions.js';
import { type App, createApp } from '../src/app.js';
import { readSnapshot, writeSnapshot } from '../src/blocklist/index-snapshot.js';
import type { PolicyEntry } from '../src/blocklist/model.js';
import { BlocklistIndex } from '../src/blocklist/policy-index.js';
import { loadConfig } from '../src/core/config.js';
import { newId } from '../src/core/ids.js';
import { createLogger } from '../src/core/logging.js';
import { buildServer } from '../src/http/server.js';
import { normalizeIdentifier } from '../src/identity/identifiers.js';
import type { IdentifierType } from '../src/identity/model.js';
import type { ScreenInput } from '../src/screening/model.js';
import type { LoadConfig, LoadResult } from './http-load.js';
import { postgresImportAgainstCopy } from './import.bench.js';
import { keywordRules, makeKeywords, makeMessages, seededRandom } from './keywords.bench.js';
import type { BenchResult } from './run.js';

const QUICK = process.env.BENCH_QUICK === '1';
const IDENTIFIERS = QUICK ? 100_000 : 1_000_000;
const SENDERS = QUICK ? 20_000 : 100_000;
const HTTP_SECONDS = Number(process.env.BENCH_SECONDS ?? (QUICK ? 3 : 10));
const SCREEN_SECONDS = QUICK ? 1.5 : 4;
const ROUNDS = QUICK ? 1 : 3;
const SKIP_HTTP = process.env.BENCH_SKIP_HTTP === '1';
const SKIP_PG = process.env.BENCH_SKIP_PG === '1';
const PG_IMPORT_ROWS = QUICK ? 20_000 : 200_000;
/** When set, the record-off, record-on and HTTP /screen runs are repeated under the CPU profiler, written here. */
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;
const CONNECTIONS = 64;

/** Chinese mobile prefixes the synthetic numbers use (also bench/import.bench.ts). */
export const mobilePrefixes = [
  '130',
  '131',
  '132',
  '135',
  '136',
  '138',
  '139',
  '150',
  '151',
  '158',
  '186',
  '188',
  '199',
];
/** The i-th phone number, all distinct for i < 1e8 (48271 is coprime with 1e8, so i → x is a bijection). */
const phoneOf = (i: number): string =>
  `+86${mobilePrefixes[i % mobilePrefixes.length]}${String((i * 48_271 + 12_345) % 100_000_000).padStart(8, '0')}`;

const categories = ['harassment', 'complaint_abuse', 'fraud', 'spam'];
const round1 = (x: number): number => Math.round(x * 10) / 10;
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};
const memory = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const gc = (): void => {
  for (let i = 0; i < 3; i++) global.gc?.();
};

/**
 * A synthetic entry as loadIndex builds it from an imported row: an exact
 * identifier is held by its blind index (the row's identifier_index), not its value.
 */
function phoneEntry(app: App, i: number, now: number): PolicyEntry {
  const level = i % 10 < 7 ? 1 : i % 10 < 9 ? 2 : 3;
  return {
    id: newId('blocklistEntry', now),
    level,
    customerId: null,
    identifier: null,
    identifierIndex: app.keys.blindIndex('phone', phoneOf(i)),
    category: categories[i % 4] as string,
    state: 'approved',
    startsAt: null,
    // Imports set whole-second dates (a review in 90 days), most have none.
    expiresAt: i % 3 === 0 ? Math.floor(now / 1000) * 1000 + 90 * 86_400_000 : null,
    limit: level === 2 ? { max: 5, windowSeconds: 86_400 } : null,
    allowedChannels: level === 3 ? ['email', 'voice'] : null,
    exemptions: [],
  };
}

function rangeEntry(type: IdentifierType, raw: string, level: 1 | 2 | 3, now: number): PolicyEntry {
  return {
    id: newId('blocklistEntry', now),
    level,
    customerId: null,
    identifier: normalizeIdentifier(type, raw, { defaultRegion: 'CN' }),
    category: 'spam',
    state: 'approved',
    startsAt: null,
    expiresAt: null,
    limit: level === 2 ? { max: 3, windowSeconds: 3600 } : null,
    allowedChannels: level === 3 ? ['voice'] : null,
    exemptions: [],
  };
}

/** Loads the synthetic entries straight into the index; returns timings and the memory it holds. */
function loadIndex(
  app: App,
  keep: ReadonlySet<number>,
): {
  loadMs: number;
  bytesPerIdentifier: number;
  estimate: ReturnType<App['blocklist']['index']['memoryEstimate']>;
  /** Entries that senders hit: they get database rows too (see persist). */
  kept: PolicyEntry[];
  /** The range entries (kept whole, not compactly). */
  ranges: PolicyEntry[];
} {
  const index = app.blocklist.index;
  const now = Date.now();
  gc();
  const before = memory();
  // As BlocklistService.loadIndex does: the table sized once for the count it read.
  let loadMs = performance.now();
  index.reserve(IDENTIFIERS);
  loadMs = performance.now() - loadMs;
  const BATCH = 50_000;
  for (let start = 0; start < IDENTIFIERS; start += BATCH) {
    // Entries are built outside the timed part (loadIndex would build them from rows).
    const batch: PolicyEntry[] = [];
    for (let i = start; i < Math.min(IDENTIFIERS, start + BATCH); i++) batch.push(phoneEntry(app, i, now));
    const t = performance.now();
    for (const e of batch) index.upsert(e);
    loadMs += performance.now() - t;
  }
  gc();
  const bytesPerIdentifier = (memory() - before) / IDENTIFIERS;
  // The entries senders hit, read back from the index (so nothing else was held during the measurement).
  const kept = [...keep].flatMap((i) =>
    index.candidates({ identifiers: [{ type: 'phone', value: phoneOf(i) }], customerId: null }),
  );
  const ranges: PolicyEntry[] = [];
  for (let p = 0; p < 10; p++) ranges.push(rangeEntry('phone_prefix', `+86 17${p}`, p % 2 ? 1 : 2, now));
  for (const d of ['spammail.cn', 'bulk-sender.net', 'fake-shop.com', 'mail.fraud.org', 'promo.biz'])
    ranges.push(rangeEntry('email_domain', d, 1, now));
  for (const c of ['203.0.113.0/24', '198.51.100.0/22', '192.0.2.128/25', '10.66.0.0/16', '2001:db8::/32'])
    ranges.push(rangeEntry('ip', c, 1, now));
  for (const e of ranges) index.upsert(e);
  return { loadMs, bytesPerIdentifier, estimate: index.memoryEstimate(), kept: [...kept, ...ranges], ranges };
}

/**
 * Database rows for the entries senders can hit, so that recorded violations
 * (blocklist_events.entry_id is a foreign key) commit. The other entries live
 * in the index only.
 */
async function persist(app: App, entries: PolicyEntry[]): Promise<void> {
  const now = Date.now();
  for (let start = 0; start < entries.length; start += 500) {
    const rows = entries.slice(start, start + 500).map((e) => {
      const id = e.identifier as { type: IdentifierType; value: string }; // every synthetic entry has one
      const index = app.keys.blindIndex(id.type, id.value);
      return {
        id: e.id,
        customer_id: null,
        identifier_type: id.type,
        identifier_enc: app.keys.encrypt(id.value),
        identifier_index: index,
        target_key: `i:${index}`,
        level: e.level,
        limit_max: e.limit?.max ?? null,
        limit_window: e.limit?.windowSeconds ?? null,
        allowed_channels: e.allowedChannels ? JSON.stringify(e.allowedChannels) : null,
        category: e.category,
        reason_enc: app.keys.encrypt('bench'),
        source: 'import',
        owner_id: null,
        created_by: null,
        state: e.state,
        starts_at: e.startsAt,
        expires_at: e.expiresAt,
        review_at: null,
        released_at: null,
        import_id: null,
        created_at: now,
        updated_at: now,
      };
    });
    await app.store.db.insertInto('blocklist_entries').values(rows).execute();
  }
}

async function createRules(app: App, keywords: string[]): Promise<number> {
  const rules = keywordRules(keywords, 50);
  for (const r of rules) {
    await app.rules.create(systemContext, {
      name: r.name,
      stage: r.stage,
      mode: 'enforce',
      priority: r.priority,
      conditions: r.conditions,
      actions: r.actions,
    });
  }
  await app.rules.create(systemContext, {
    name: 'high volume sender',
    stage: 'watch',
    mode: 'enforce',
    conditions: { messageCount: { gt: 30, windowSeconds: 3600 } },
    actions: [
      { type: 'tag', value: 'high_volume' },
      { type: 'set_priority', priority: 'P2' },
    ],
  });
  await app.rules.create(systemContext, {
    name: 'repeated message',
    stage: 'filter',
    mode: 'enforce',
    conditions: { duplicate: { windowSeconds: 3600, scope: 'sender', minCount: 3 } },
    actions: [{ type: 'mark_spam' }],
  });
  return rules.length + 2;
}

/** ~SENDERS senders: 10 % with a blocklisted phone, some e-mails (a few at blocked domains) and ips. */
function makeSenders(): { senders: Record<string, string>[]; blocklisted: Set<number> } {
  const random = seededRandom(0xabcdef);
  const senders: Record<string, string>[] = [];
  const blocklisted = new Set<number>();
  for (let s = 0; s < SENDERS; s++) {
    if (s % 10 === 0) {
      // Blocklisted: a number from the loaded million.
      const i = Math.floor(random() * IDENTIFIERS);
      blocklisted.add(i);
      senders.push({ phone: phoneOf(i) });
    } else if (s % 10 === 1) {
      const domain = s % 40 === 1 ? 'spammail.cn' : `example${s % 7}.com`;
      senders.push({ email: `User${s}@${domain}` });
    } else if (s % 10 === 2) {
      senders.push({ phone: phoneOf(IDENTIFIERS + s), ip: `203.0.${s % 256}.${(s >> 8) % 256}` });
    } else {
      // Some written the way people type them.
      const p = phoneOf(IDENTIFIERS + s);
      senders.push({ phone: s % 3 === 0 ? `${p.slice(3, 6)} ${p.slice(6, 10)} ${p.slice(10)}` : p });
    }
  }
  return { senders, blocklisted };
}

/**
 * The k-th message: sender k mod senders, text k mod texts. Most texts get the
 * message number appended so the duplicate rule sees mostly fresh text (1 in
 * 25 is sent verbatim, so repeats exist), as real traffic would.
 */
function inputOf(senders: Record<string, string>[], texts: string[], k: number): ScreenInput {
  const base = texts[k % texts.length] as string;
  return {
    channel: channels[k % channels.length] as string,
    from: senders[k % senders.length] as Record<string, string>,
    text: k % 25 === 0 ? base : `${base} #${k}`,
  };
}
const channels = ['sms', 'sms', 'sms', 'chat', 'app', 'email'];

interface Rate {
  screens: number;
  seconds: number;
  perSecond: number;
}

/**
 * The index to its snapshot file and back (src/blocklist/index-snapshot.ts),
 * as a restart does; the restored copy must answer as the original.
 */
async function snapshotRoundTrip(
  app: App,
  dir: string,
  ranges: readonly PolicyEntry[],
): Promise<{ writeMs: number; readMs: number; bytes: number }> {
  const index = app.blocklist.index;
  const path = join(dir, 'bench-index.snapshot');
  const seal = { seal: (x: string) => app.keys.encrypt(x), open: (x: string) => app.keys.decrypt(x) };
  const header = {
    feedVersion: 0,
    takenAt: Date.now(),
    entries: index.size,
    keyCheck: '',
    databaseId: '',
    schema: '',
    feedRowAt: null,
  };
  gc();
  let t = performance.now();
  const bytes = await writeSnapshot(path, header, index.toSnapshot(), seal);
  const writeMs = performance.now() - t;
  gc();
  t = performance.now();
  const read = await readSnapshot(path, seal);
  if (!read) throw new Error('snapshot not written');
  const byId = new Map(ranges.map((e) => [e.id, e]));
  const others = read.snapshot.meta.otherIds.map((id) => byId.get(id) as PolicyEntry);
  const restored = BlocklistIndex.fromSnapshot(read.snapshot, others, {
    indexOf: (type, value) => app.keys.blindIndex(type, value),
  });
  const readMs = performance.now() - t;
  if (restored.size !== index.size) throw new Error('the restored index lost entries');
  const probe = { identifiers: [{ type: 'phone' as const, value: phoneOf(0) }], customerId: null };
  if (restored.candidates(probe).length !== index.candidates(probe).length)
    throw new Error('the restored index answers differently');
  return { writeMs, readMs, bytes };
}

/**
 * Screens for `seconds` with `concurrency` screens always in flight (a
 * closed loop of that many callers, as a server's connections are: each
 * starts its next screen when its last one resolves, so screening goes on
 * while earlier records wait for their commit), taking messages from `next`.
 */
async function screenFor(
  app: App,
  next: () => ScreenInput,
  seconds: number,
  record: boolean,
  concurrency: number,
): Promise<Rate> {
  const options = { record };
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  let screens = 0;
  const caller = async (): Promise<void> => {
    // Checks the clock every 64 screens: performance.now() is not free at these rates.
    for (;;) {
      for (let k = 0; k < 64; k++) {
        await app.screening.screen(next(), options);
        screens++;
      }
      if (performance.now() >= end) return;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, caller));
  if (record) await app.recorder.flush();
  const s = (performance.now() - t0) / 1000;
  return { screens, seconds: round1(s * 100) / 100, perSecond: Math.round(screens / s) };
}

/** bench/http-load.ts in a child process (it does not share this process's event loop). */
function loadRun(
  url: string,
  bodies: string[],
  headers: Record<string, string>,
  rate?: number,
): Promise<LoadResult> {
  const config: LoadConfig = { url, headers, bodies, connections: CONNECTIONS, seconds: HTTP_SECONDS };
  if (rate !== undefined) config.rate = Math.round(rate);
  const file = join(tmpdir(), `warden-load-${process.pid}-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(config));
  const script = fileURLToPath(new URL('./http-load.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', script, file],
      { maxBuffer: 16 << 20, timeout: (HTTP_SECONDS + 60) * 1000 },
      (err, stdout) => {
        rmSync(file, { force: true });
        if (err) return reject(err);
        resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as LoadResult);
      },
    );
  });
}

const fmt = (x: number): string => Math.round(x).toLocaleString('en');
/** A row's verdict; a miss says by how much and why (issue 13: rows that miss their target say so). */
const verdict = (ok: boolean, shortfall: string, why: string): string =>
  ok ? 'met' : `NOT met: ${shortfall}. Why: ${why}`;

/**
 * Why the rows miss, from this machine's profiles (BENCH_PROFILE_DIR, 2026-12-06, fifth session)
 * and the switch-one-part-off runs written up in issue 13's notes.
 */
const why = {
  bytes:
    'the slot tables are sized to a power of two ahead of the entries; at the quick size (100k) their fixed part weighs more per entry than at 1M',
  upsert:
    'the upsert path hashes, probes and appends each entry in JS (≈ 2 µs each); a restart does not take it: it reads the snapshot file (next row)',
  offPath:
    'at full size identifying the sender is ≈ 29 % of the time: the 100,000-entry identifier cache misses on the even cycle over ≈ 110,000 raw identifiers this traffic makes, so the blind index (HMAC ≈ 12 %) and the normalised form are computed again; rule evaluation ≈ 27 % (the keyword matcher and predicates ≈ 11 %, the counters ≈ 8 %), normalising the text ≈ 13 %, garbage collection ≈ 10 %, the blocklist look-up ≈ 6 % (profile of the record-off round, BENCH_PROFILE_DIR; at the quick size, 20,000 senders, the cache hits and the same code does 76–94k/s)',
  recording:
    'the main thread adds ≈ 65 µs a message: analysing the text for complaints (≈ 55 % of it: every message that is not blocked, dropped or spam is read in full) and sealing the text and identifiers (≈ 15 %); the writer thread writes records (≈ 50 µs each) and complaint intakes (≈ 0.65 ms each, about 12 statements) in batches of 128 beside it, and with 256 callers each thread still waits for the other part of the time (the record-on row gives the writer’s busy share)',
  http: 'a /screen request carries the recording cost above against ≈ 40 µs for the empty route, on a machine whose second core runs the writer thread and the load generator',
  latency:
    'a request is answered when its group commit is durable: it waits for the batch being written, then for its own, and a batch with complaint intakes takes the writer milliseconds',
  postgres:
    'the import validates the whole file before it writes a row (all-or-nothing without a transaction held open while the file is read: ≈ 25–30 % of its time) and looks up the live entry of every row; sealing on a worker thread and the PostgreSQL server share the 2 cores; the COPY writes ready rows only',
};

/** Runs `f` under the V8 CPU profiler and writes `<PROFILE_DIR>/<name>.cpuprofile`; just runs it without PROFILE_DIR. */
async function profiled<T>(name: string, f: () => Promise<T>): Promise<T> {
  if (!PROFILE_DIR) return f();
  mkdirSync(PROFILE_DIR, { recursive: true });
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  try {
    return await f();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(join(PROFILE_DIR, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

export async function run(): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'warden-bench-screen-'));
  const app = await createApp(loadConfig({ WARDEN_DATA_DIR: dir, WARDEN_LOG_LEVEL: 'silent' }), {
    log: createLogger('silent'),
  });
  const table: Record<string, string | number>[] = [];
  const figures: Record<string, unknown> = {
    quick: QUICK,
    // The machine is shared: other work running at the same time shows here.
    loadAverageAtStart: loadavg().map((x) => Math.round(x * 10) / 10),
  };
  try {
    // -- setup -------------------------------------------------------------------
    const { senders, blocklisted } = makeSenders();
    const load = loadIndex(app, blocklisted);
    const snapshot = await snapshotRoundTrip(app, dir, load.ranges);
    await persist(app, load.kept);
    const keywords = makeKeywords(10_000);
    const ruleCount = await createRules(app, keywords);
    const corpus = makeMessages(20_000, keywords, 0.05, 0x5c4ee7);
    let k = 0;
    const next = (): ScreenInput => inputOf(senders, corpus.messages, k++);

    // Sanity: a blocklisted sender is blocked, a keyword message is caught.
    const blocked = await app.screening.screen(
      { channel: 'sms', from: { phone: phoneOf(0) }, text: '你好' },
      { record: false },
    );
    if (blocked.decision !== 'block') throw new Error(`blocklisted sender: ${blocked.decision}`);
    const kwIndex = [...corpus.planted][0] ?? 0;
    const caught = await app.screening.screen(
      {
        channel: 'chat',
        from: { phone: phoneOf(IDENTIFIERS + 3) },
        text: corpus.messages[kwIndex] as string,
      },
      { record: false },
    );
    if (!caught.reasons.some((r) => r.kind === 'rule'))
      throw new Error('a message with a keyword matched no rule');

    // -- a. in process -------------------------------------------------------------
    await screenFor(app, next, SCREEN_SECONDS / 2, false, 1); // warm-up
    await screenFor(app, next, SCREEN_SECONDS / 2, true, 256);
    const offSeq: Rate[] = [];
    const off256: Rate[] = [];
    const on256: Rate[] = [];
    const statsBefore = app.recorder.stats;
    // Interleaved rounds: the machine is shared, drift hits both variants alike.
    // Event-loop delay while recording: what a request waits behind on the main thread.
    // One monitor a round: re-enabling one monitor counts the whole gap since it was
    // disabled (the record-off rounds, ≈ 8 s at full size) as one delay.
    const delays: { p99: number; max: number }[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      offSeq.push(await screenFor(app, next, SCREEN_SECONDS, false, 1));
      off256.push(await screenFor(app, next, SCREEN_SECONDS, false, 256));
      const onDelay = monitorEventLoopDelay({ resolution: 1 });
      onDelay.enable();
      on256.push(await screenFor(app, next, SCREEN_SECONDS, true, 256));
      onDelay.disable();
      delays.push({ p99: onDelay.percentile(99) / 1e6, max: onDelay.max / 1e6 });
    }
    // The worst round's.
    const onDelayMs = {
      p99: round1(Math.max(...delays.map((d) => d.p99))),
      max: round1(Math.max(...delays.map((d) => d.max))),
    };
    const statsAfter = app.recorder.stats;
    const batches = statsAfter.batches - statsBefore.batches;
    const recorded = statsAfter.recorded - statsBefore.recorded;
    const intakes = statsAfter.intakes.committed - statsBefore.intakes.committed;
    // Only the record-on rounds write: the writer thread's share of their wall time.
    const onSeconds = on256.reduce((sum, r) => sum + r.seconds, 0);
    const writerBusy = (statsAfter.writerBusyMs - statsBefore.writerBusyMs) / (onSeconds * 1000);
    const rate = (xs: Rate[]) => median(xs.map((x) => x.perSecond));
    const offSeqRate = rate(offSeq);
    const offRate = rate(off256);
    const onRate = rate(on256);
    const recordingCost = 1 - onRate / offRate;
    const bestOff = Math.max(offSeqRate, offRate);

    if (PROFILE_DIR) {
      await profiled('screen-record-off', () => screenFor(app, next, SCREEN_SECONDS, false, 1));
      await profiled('screen-record-on', () => screenFor(app, next, SCREEN_SECONDS, true, 256));
    }

    // What the traffic looked like (one pass over a sample, recording off).
    const decisions: Record<string, number> = {};
    for (let j = 0; j < 20_000; j++) {
      const res = await app.screening.screen(next(), { record: false });
      decisions[res.decision] = (decisions[res.decision] ?? 0) + 1;
    }

    const perIdOk = load.bytesPerIdentifier <= 40;
    table.push(
      {
        what: `index: ${IDENTIFIERS.toLocaleString('en')} phone entries, bytes/identifier (heap+arrayBuffers Δ)`,
        value: round1(load.bytesPerIdentifier),
        target: '≤ 40',
        result: verdict(perIdOk, `${round1(load.bytesPerIdentifier - 40)} bytes over`, why.bytes),
      },
      {
        what: `index: load ${IDENTIFIERS.toLocaleString('en')} (upsert only, entries prebuilt)`,
        value: `${round1(load.loadMs)} ms`,
        target: `10M in ≤ 10 s (→ ${round1((load.loadMs / IDENTIFIERS) * 1e4)} s extrapolated)`,
        result: verdict(
          (load.loadMs / IDENTIFIERS) * 1e7 <= 10_000,
          `${round1((load.loadMs / IDENTIFIERS) * 1e4 - 10)} s over`,
          why.upsert,
        ),
      },
      {
        what: `index: load ${IDENTIFIERS.toLocaleString('en')} from its snapshot file (read, check, rebuild)`,
        value: `${round1(snapshot.readMs)} ms (written in ${round1(snapshot.writeMs)} ms, ${round1(snapshot.bytes / IDENTIFIERS)} B/entry)`,
        target: `10M in ≤ 10 s (→ ${round1((snapshot.readMs / IDENTIFIERS) * 1e4)} s extrapolated)`,
        result: verdict(
          (snapshot.readMs / IDENTIFIERS) * 1e7 <= 10_000,
          `${round1((snapshot.readMs / IDENTIFIERS) * 1e4 - 10)} s over`,
          'reading the file, checking its SHA-256 and rebuilding the slot tables; the disk is shared',
        ),
      },
      {
        what: 'screens/s, record off, sequential await (one thread)',
        value: offSeqRate,
        target: '≥ 100,000',
        result: verdict(offSeqRate >= 100_000, `${fmt(offSeqRate / 1000)} % of the target`, why.offPath),
      },
      {
        what: 'screens/s, record off, 256 in flight',
        value: offRate,
        target: '≥ 100,000',
        result: verdict(offRate >= 100_000, `${fmt(offRate / 1000)} % of the target`, why.offPath),
      },
      {
        what: 'screens/s, record on (group commit), 256 in flight',
        value: onRate,
        target: '',
        result: `${recorded > 0 ? round1(recorded / batches) : 0} records and ${batches > 0 ? round1(intakes / batches) : 0} complaint intakes a transaction; the writer thread busy ${round1(writerBusy * 100)} % of the time`,
      },
      {
        what: 'recording cost (1 − on/off, 256 in flight)',
        value: `${round1(recordingCost * 100)} %`,
        target: '≤ 25 % in this issue, ≤ 10 % the goal',
        result: verdict(
          recordingCost <= 0.25,
          `${round1(recordingCost * 100 - 25)} points over 25 %`,
          why.recording,
        ),
      },
      {
        what: 'event-loop delay while recording, p99 / max (ms)',
        value: `${onDelayMs.p99} / ${onDelayMs.max}`,
        target: '',
        result: 'info',
      },
    );
    figures.setup = {
      identifiers: IDENTIFIERS,
      loadedVia:
        'BlocklistIndex.upsert with synthetic PolicyEntry objects (ids from newId("blocklistEntry")); each held by its blind index as loadIndex holds a row’s; the database path (rows read, no decryption for exact identifiers) is measured as restart-to-ready in bench/propagation.bench.ts',
      entriesWithDatabaseRows: load.kept.length,
      databaseRowsWhy:
        'blocklist_events.entry_id is a foreign key: a violation of an entry with no row fails the whole group-commit transaction, so the entries senders hit (and the range entries) also get rows',
      indexMemoryEstimate: load.estimate,
      rules: ruleCount,
      keywords: keywords.length,
      distinctTexts: corpus.messages.length,
      averageChars: Math.round(corpus.messages.reduce((a, t) => a + t.length, 0) / corpus.messages.length),
      senders: SENDERS,
      blocklistedSenderShare: 0.1,
      decisionsOnASample: decisions,
      customers: 'none (every sender is unknown to the directory)',
    };
    figures.index = {
      bytesPerIdentifier: round1(load.bytesPerIdentifier),
      measuredAs: 'process.memoryUsage() heapUsed + arrayBuffers after global.gc(), before vs after the load',
      target: '≤ 40 bytes per blocklisted identifier',
      targetMet: perIdOk,
      loadMs: round1(load.loadMs),
      loadPerSecond: Math.round(IDENTIFIERS / (load.loadMs / 1000)),
      extrapolated10MSeconds: round1((load.loadMs / IDENTIFIERS) * 1e4),
      loadTarget: '10,000,000 identifiers load in ≤ 10 s (extrapolated from this load, upsert only)',
      loadTargetMet: (load.loadMs / IDENTIFIERS) * 1e7 <= 10_000,
      snapshot: {
        what: 'the index written to its snapshot file and read back as a restart does (then the change feed since is replayed: bench/propagation.bench.ts measures whole restarts)',
        writeMs: round1(snapshot.writeMs),
        readAndRebuildMs: round1(snapshot.readMs),
        bytes: snapshot.bytes,
        extrapolated10MSeconds: round1((snapshot.readMs / IDENTIFIERS) * 1e4),
        targetMet: (snapshot.readMs / IDENTIFIERS) * 1e7 <= 10_000,
      },
    };
    figures.inProcess = {
      what: 'app.screening.screen() on the main thread; SQLite (better-sqlite3) writes also run on it',
      secondsPerRound: SCREEN_SECONDS,
      rounds: ROUNDS,
      recordOffSequential: { median: offSeqRate, rounds: offSeq },
      recordOff256InFlight: { median: offRate, rounds: off256 },
      recordOn256InFlight: {
        median: onRate,
        rounds: on256,
        transactions: batches,
        records: recorded,
        complaintIntakes: intakes,
        writerBusyShare: round1(writerBusy * 1000) / 1000,
      },
      target: '≥ 100,000 messages/s on one core',
      targetMet: bestOff >= 100_000,
      recordingCostPercent: round1(recordingCost * 100),
      eventLoopDelayWhileRecordingMs: onDelayMs,
      recordingTarget:
        'durable message record costs ≤ 25 % of throughput against recording off (issue 13), ≤ 10 % the goal',
      recordingTargetMet: recordingCost <= 0.25,
      recordingGoalMet: recordingCost <= 0.1,
    };

    // -- b. HTTP -------------------------------------------------------------------
    if (!SKIP_HTTP) {
      const { key } = await app.access.createApiKey(
        systemContext,
        {
          name: 'bench',
          role: 'agent',
          scopes: ['screen'],
        },
        everyPermission,
      );
      const server = await buildServer(app);
      await server.listen({ host: '127.0.0.1', port: 0 });
      const empty = Fastify();
      empty.post('/screen', async () => ({}));
      await empty.listen({ host: '127.0.0.1', port: 0 });
      try {
        const portOf = (s: { server: { address(): ReturnType<typeof empty.server.address> } }) => {
          const a = s.server.address();
          if (a === null || typeof a === 'string') throw new Error('no port');
          return a.port;
        };
        const screenUrl = `http://127.0.0.1:${portOf(server)}/api/v1/screen`;
        const emptyUrl = `http://127.0.0.1:${portOf(empty)}/screen`;
        // The in-process mix (≈ 12 % complaints, 10 % blocklisted senders, keyword hits,
        // duplicates), as 4,000 bodies sent in turn; the empty route gets the same bodies.
        const bodies = Array.from({ length: 4_000 }, (_, i) =>
          JSON.stringify(inputOf(senders, corpus.messages, 5_000_000 + i)),
        );
        const headers = { 'content-type': 'application/json', authorization: `Bearer ${key}` };
        for (const body of bodies.slice(0, 50)) {
          const check = await fetch(screenUrl, { method: 'POST', headers, body });
          if (check.status !== 200)
            throw new Error(`/screen answered ${check.status}: ${await check.text()}`);
        }
        const checkEmpty = await fetch(emptyUrl, { method: 'POST', headers, body: bodies[0] });
        if (checkEmpty.status !== 200) throw new Error(`empty route answered ${checkEmpty.status}`);

        // Warm both (JIT, connection set-up), then the measured runs.
        await loadRun(screenUrl, bodies, headers);
        const emptyMax = await loadRun(emptyUrl, bodies, headers);
        const screenMax = await loadRun(screenUrl, bodies, headers);
        if (PROFILE_DIR) await profiled('http-screen', () => loadRun(screenUrl, bodies, headers));
        // Open loop at fixed shares of the empty route's maximum, both routes.
        const shares = [0.25, 0.5, 0.75];
        const openRuns: { share: number; offered: number; screen: LoadResult; empty: LoadResult }[] = [];
        for (const share of shares) {
          const offered = emptyMax.requestsPerSecond * share;
          openRuns.push({
            share,
            offered: Math.round(offered),
            screen: await loadRun(screenUrl, bodies, headers, offered),
            empty: await loadRun(emptyUrl, bodies, headers, offered),
          });
        }
        // And at half of /screen's own maximum: the latency it adds where it is not saturated.
        const ownHalf = screenMax.requestsPerSecond / 2;
        const screenAtOwnHalf = await loadRun(screenUrl, bodies, headers, ownHalf);
        const emptyAtOwnHalf = await loadRun(emptyUrl, bodies, headers, ownHalf);
        const pct = (screenMax.requestsPerSecond / emptyMax.requestsPerSecond) * 100;
        const p99Ratio = screenAtOwnHalf.p99Ms / Math.max(0.01, emptyAtOwnHalf.p99Ms);
        const faults = (c: LoadResult) =>
          c.non2xx || c.errors || c.unfinished
            ? ` (non-2xx ${c.non2xx}, errors ${c.errors}, unanswered ${c.unfinished})`
            : '';
        const row = (what: string, c: LoadResult, target: string, result: string) => ({
          what,
          value: `${c.requestsPerSecond} req/s, p50 ${c.p50Ms} / p99 ${c.p99Ms} / p99.9 ${c.p999Ms} ms`,
          target,
          result: `${result}${faults(c)}`,
        });
        table.push(
          row('HTTP empty Fastify POST, max rate (closed loop)', emptyMax, 'baseline', ''),
          row('HTTP POST /api/v1/screen (recording on), max rate', screenMax, '≥ 60 % of empty', ''),
          {
            what: '/screen req/s as % of the empty route',
            value: `${round1(pct)} %`,
            target: '≥ 60 %',
            result: verdict(pct >= 60, `${round1(60 - pct)} points short`, why.http),
          },
          ...openRuns.flatMap((r) => [
            row(
              `/screen, open loop at ${r.share * 100} % of empty max (${r.offered} req/s)`,
              r.screen,
              'info',
              '',
            ),
            row(`empty route, open loop at ${r.offered} req/s`, r.empty, 'reference', ''),
          ]),
          row(
            `/screen at 50 % of its own max (${Math.round(ownHalf)} req/s, open loop)`,
            screenAtOwnHalf,
            '',
            '',
          ),
          row(`empty route at the same ${Math.round(ownHalf)} req/s`, emptyAtOwnHalf, 'reference', ''),
          {
            what: '/screen p99 ÷ empty p99 at 50 % of /screen’s max',
            value: `${round1(p99Ratio)}×`,
            target: '≤ 1.5×',
            result: verdict(p99Ratio <= 1.5, `${round1(p99Ratio / 1.5)}× the allowed ratio`, why.latency),
          },
        );
        figures.http = {
          how: `bench/http-load.ts in a child process: ${CONNECTIONS} keep-alive connections, ${HTTP_SECONDS} s per run; max rate closed loop, fixed rates open loop (latency from when each request was due); server and empty route in this process; the machine has 2 cores shared by server and load generator`,
          body: {
            distinct: bodies.length,
            averageBytes: Math.round(bodies.reduce((a, b) => a + Buffer.byteLength(b), 0) / bodies.length),
            mix: 'the in-process mix: ~100k senders (10 % blocklisted), texts with keyword hits, complaints and repeats',
          },
          recording:
            'on (the real configuration). The HTTP API exposes no way to screen without recording, so there is no recording-off HTTP run.',
          emptyMax,
          screenMax,
          screenPercentOfEmpty: round1(pct),
          throughputTarget:
            'POST /screen ≥ 60 % of the requests/s of an empty Fastify POST route with the same bodies',
          throughputTargetMet: pct >= 60,
          openLoop: openRuns,
          screenAtHalfOwnMax: screenAtOwnHalf,
          emptyAtHalfScreenMax: emptyAtOwnHalf,
          p99RatioAtHalfOwnMax: round1(p99Ratio),
          latencyTarget: '/screen p99 ≤ 1.5× the empty route’s p99 at 50 % of /screen’s max rate, open loop',
          latencyTargetMet: p99Ratio <= 1.5,
          recorder: app.recorder.stats,
        };
      } finally {
        await empty.close();
        await server.close();
      }
    }

    // -- c. PostgreSQL import against a bare COPY ---------------------------------------
    if (!SKIP_PG) {
      const pg = await postgresImportAgainstCopy(PG_IMPORT_ROWS);
      if (!pg) throw new Error('the PostgreSQL part needs initdb and pg_ctl (or BENCH_SKIP_PG=1)');
      table.push(
        {
          what: `PostgreSQL: import ${PG_IMPORT_ROWS.toLocaleString('en')} rows (CSV → entries + events)`,
          value: `${pg.importRowsPerSecond} rows/s`,
          target: '',
          result: '',
        },
        {
          what: 'PostgreSQL: bare COPY of the same rows (sealed beforehand, one transaction)',
          value: `${pg.copyRowsPerSecond} rows/s`,
          target: 'baseline',
          result: '',
        },
        {
          what: 'PostgreSQL import as % of the bare COPY',
          value: `${pg.percentOfCopy} %`,
          target: '≥ 50 %',
          result: verdict(
            pg.percentOfCopy >= 50,
            `${round1(50 - pg.percentOfCopy)} points short`,
            why.postgres,
          ),
        },
      );
      figures.postgresImport = {
        ...pg,
        how: 'bench/import.bench.ts postgresImportAgainstCopy: the import (parse, validate, seal on a worker thread, staged batches of 5,000 rows by unnest, then the flip) into one fresh database; COPY … FROM STDIN (pg-copy-streams) of the same entries and events, values sealed before the clock starts, into another fresh database of the same server',
        target: 'import ≥ 50 % of a bare COPY of the same rows in the same run',
        targetMet: pg.percentOfCopy >= 50,
      };
    }
    figures.loadAverageAtEnd = loadavg().map((x) => Math.round(x * 10) / 10);
    return { table, figures };
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await run();
  console.table(result.table);
  console.log(JSON.stringify(result.figures, null, 2));
}
