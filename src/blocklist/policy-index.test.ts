import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../core/hash.js';
import type { Identifier } from '../identity/model.js';
import { readSnapshot, writeSnapshot } from './index-snapshot.js';
import type { BlocklistLevel, PolicyEntry, StoredEntryState } from './model.js';
import { BlocklistIndex, type PolicySubject, parseIpv4, parseIpv6 } from './policy-index.js';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const T0 = Date.UTC(2026, 0, 15);

/** A fixed seed keeps the random cases reproducible. */
const rng = seededRandom;

const bid = (n: number): string => `blk_01jd7x3k8m00${String(n).padStart(16, '0')}`;

const base = (id: string, identifier: Identifier | null, customerId: string | null = null): PolicyEntry => ({
  id,
  level: 1,
  customerId,
  identifier,
  category: 'spam',
  state: 'approved',
  startsAt: null,
  expiresAt: null,
  limit: null,
  allowedChannels: null,
  exemptions: [],
});

const phone = (value: string): Identifier => ({ type: 'phone', value });
const subjectOf = (...identifiers: Identifier[]): PolicySubject => ({ identifiers, customerId: null });
const ids = (entries: PolicyEntry[]): string[] => entries.map((e) => e.id).sort();

describe('BlocklistIndex', () => {
  it('upsert with a new target drops the old key (compact path)', () => {
    const index = new BlocklistIndex();
    index.upsert(base(bid(1), phone('+8613800138000')));
    index.upsert(base(bid(1), phone('+8613900139000')));
    expect(index.size).toBe(1);
    expect(index.candidates(subjectOf(phone('+8613800138000')))).toEqual([]);
    expect(ids(index.candidates(subjectOf(phone('+8613900139000'))))).toEqual([bid(1)]);
  });

  it('upsert moves an entry between the compact and the whole-entry stores', () => {
    const index = new BlocklistIndex();
    const target = phone('+8613800138000');
    index.upsert(base(bid(1), target));
    const exempt = {
      ...base(bid(1), target),
      exemptions: [{ id: 'exm_1', from: null, until: null, sessionId: 's', channel: null, revokedAt: null }],
    };
    index.upsert(exempt);
    expect(index.size).toBe(1);
    expect(index.candidates(subjectOf(target))).toEqual([exempt]);
    index.upsert(base(bid(1), { type: 'phone_prefix', value: '+86139' }));
    expect(index.candidates(subjectOf(target))).toEqual([]);
    expect(ids(index.candidates(subjectOf(phone('+8613912345678'))))).toEqual([bid(1)]);
    index.upsert(base(bid(1), target));
    expect(index.candidates(subjectOf(phone('+8613912345678')))).toEqual([]);
    expect(ids(index.candidates(subjectOf(target)))).toEqual([bid(1)]);
    expect(index.memoryEstimate()).toMatchObject({ compactEntries: 1, otherEntries: 0 });
  });

  it('remove takes the entry out and reports whether it was there', () => {
    const index = new BlocklistIndex();
    index.upsert(base(bid(1), phone('+8613800138000')));
    index.upsert(base('blk_not-canonical', phone('+8613800138000')));
    index.upsert(base(bid(2), null, 'cus_1'));
    expect(index.size).toBe(3);
    expect(index.remove(bid(1))).toBe(true);
    expect(index.remove(bid(1))).toBe(false);
    expect(index.remove('blk_not-canonical')).toBe(true);
    expect(index.remove(bid(2))).toBe(true);
    expect(index.remove(bid(3))).toBe(false);
    expect(index.size).toBe(0);
    expect(index.candidates({ identifiers: [phone('+8613800138000')], customerId: 'cus_1' })).toEqual([]);
  });

  it('reaches an erased (tombstone) entry only by its blind index, and drops it on remove', () => {
    const index = new BlocklistIndex();
    index.upsert({ ...base(bid(7), null), identifierIndex: 'ix-erased' });
    const sender = phone('+8613700137001');
    expect(ids(index.candidates(subjectOf(sender)))).toEqual([]);
    expect(ids(index.candidates({ ...subjectOf(sender), indexes: ['ix-other'] }))).toEqual([]);
    expect(ids(index.candidates({ ...subjectOf(sender), indexes: ['ix-erased'] }))).toEqual([bid(7)]);
    expect(index.remove(bid(7))).toBe(true);
    expect(ids(index.candidates({ ...subjectOf(sender), indexes: ['ix-erased'] }))).toEqual([]);
  });

  it('keeps several entries on one identifier apart', () => {
    const index = new BlocklistIndex();
    const target = { type: 'email', value: 'a@example.com' } as const;
    index.upsert(base(bid(1), target));
    index.upsert({ ...base(bid(2), target), level: 2, limit: { max: 3, windowSeconds: 60 } });
    expect(ids(index.candidates(subjectOf(target)))).toEqual([bid(1), bid(2)]);
    index.remove(bid(1));
    expect(ids(index.candidates(subjectOf(target)))).toEqual([bid(2)]);
  });

  it('clear empties everything', () => {
    const index = new BlocklistIndex();
    for (let i = 0; i < 1000; i++) index.upsert(base(bid(i), phone(`+86138${String(i).padStart(8, '0')}`)));
    index.clear();
    expect(index.size).toBe(0);
    expect(index.candidates(subjectOf(phone('+8613800000001')))).toEqual([]);
    index.upsert(base(bid(1), phone('+8613800000001')));
    expect(ids(index.candidates(subjectOf(phone('+8613800000001'))))).toEqual([bid(1)]);
  });

  // Keyed by blind index (as the service builds it), entries of exact types are
  // stored as a load stores them, without their value, and subjects come with
  // their indexes or without (the index computes them).
  it.each([
    ['keyed by value', false],
    ['keyed by blind index, entries without values', true],
  ])(
    'matches a naive oracle over random upserts and removes, across snapshot round trips (%s)',
    async (_mode, blind) => {
      const random = rng(20260115);
      const indexOf = (type: string, value: string) =>
        createHmac('sha256', 'oracle-key').update(`${type}\u0000${value}`).digest('base64url');
      const byValue = new Set(['phone', 'email', 'user_id', 'device_id', 'open_id']);
      /** What each stored entry really targets, for the oracle. */
      const truth = new Map<string, Identifier | null>();
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T; // index < length
      const phones = Array.from(
        { length: 60 },
        (_, i) => `+861${i % 3 === 0 ? '70' : '38'}${String(i * 7919).padStart(8, '0')}`,
      );
      const emails = [
        'a@example.com',
        'b@mail.example.com',
        'c@notexample.com',
        'd@x.org',
        'e@deep.sub.x.org',
      ];
      const ips = [
        '10.1.2.3',
        '10.200.0.1',
        '192.168.1.5',
        '8.8.8.8',
        '2001:db8::1',
        '2001:db8:ffff::2',
        'fe80::1',
      ];
      const ranges = [
        '10.0.0.0/8',
        '10.1.0.0/16',
        '192.168.0.0/16',
        '0.0.0.0/0',
        '2001:db8::/32',
        '2001:db8::/48',
        '::/0',
      ];
      const prefixes = ['+86170', '+86138', '+861', '+86139'];
      const domains = ['example.com', 'x.org', 'sub.x.org', 'com'];
      const customers = ['cus_1', 'cus_2', 'cus_3'];
      const opaque = ['u-1', 'u-2', 'u-3'];
      const idPool = Array.from({ length: 400 }, (_, i) => {
        if (i % 10 === 9) return `blk_other_${i}`;
        let tail = '';
        for (let j = 0; j < 24; j++) tail += ALPHABET[Math.floor(random() * 32)];
        return `blk_${i % 20 === 0 ? '02ab' : '01jd'}${tail}`;
      });
      const states: StoredEntryState[] = ['approved', 'approved', 'pending', 'released'];

      const randomTarget = (): { identifier: Identifier | null; customerId: string | null } => {
        const r = random();
        if (r < 0.35) return { identifier: phone(pick(phones)), customerId: null };
        if (r < 0.45) return { identifier: { type: 'email', value: pick(emails) }, customerId: null };
        if (r < 0.52) return { identifier: { type: 'ip', value: pick(ips) }, customerId: null };
        if (r < 0.6) return { identifier: { type: 'ip', value: pick(ranges) }, customerId: null };
        if (r < 0.67)
          return { identifier: { type: 'phone_prefix', value: pick(prefixes) }, customerId: null };
        if (r < 0.74) return { identifier: { type: 'email_domain', value: pick(domains) }, customerId: null };
        if (r < 0.82) return { identifier: { type: 'user_id', value: pick(opaque) }, customerId: null };
        if (r < 0.87) return { identifier: { type: 'device_id', value: pick(opaque) }, customerId: null };
        return { identifier: null, customerId: pick(customers) };
      };

      const randomEntry = (id: string): PolicyEntry => {
        const level = (1 + Math.floor(random() * 3)) as BlocklistLevel;
        const timed = random();
        return {
          id,
          level,
          ...randomTarget(),
          category: pick(['spam', 'fraud', 'harassment']),
          state: pick(states),
          startsAt: random() < 0.2 ? T0 + Math.floor(random() * 5) * 1000 : null,
          // Whole seconds (absolute) and odd ms (stored relative to the id's time) both round-trip.
          expiresAt: timed < 0.3 ? T0 + 86_400_000 : timed < 0.5 ? T0 + Math.floor(random() * 1e9) : null,
          limit:
            level === 2 && random() < 0.8
              ? { max: 1 + Math.floor(random() * 10), windowSeconds: 3600 }
              : null,
          allowedChannels: level === 3 ? [pick(['sms', 'email', 'chat'])] : null,
          exemptions:
            random() < 0.1
              ? [{ id: 'exm_1', from: T0, until: T0 + 1000, sessionId: null, channel: null, revokedAt: null }]
              : [],
        };
      };

      const v4InRange = (addr: string, range: string): boolean => {
        const [net, len] = range.split('/') as [string, string];
        const a = parseIpv4(addr);
        const n = parseIpv4(net);
        if (a < 0 || n < 0) return false;
        const bits = BigInt(Number(len));
        const shift = 32n - bits;
        return BigInt(a) >> shift === BigInt(n) >> shift;
      };
      const v6Big = (addr: string): bigint | null => {
        const w = parseIpv6(addr);
        if (w === null) return null;
        return w.reduce((acc, x) => (acc << 32n) | BigInt(x), 0n);
      };
      const v6InRange = (addr: string, range: string): boolean => {
        const [net, len] = range.split('/') as [string, string];
        const a = v6Big(addr);
        const n = v6Big(net);
        if (a === null || n === null) return false;
        const shift = 128n - BigInt(Number(len));
        return a >> shift === n >> shift;
      };

      const naiveMatches = (e: PolicyEntry, s: PolicySubject): boolean => {
        if (e.customerId !== null) return e.customerId === s.customerId;
        const t = truth.get(e.id) ?? null;
        if (t === null) return false;
        return s.identifiers.some((i) => {
          if (t.type === 'phone_prefix') return i.type === 'phone' && i.value.startsWith(t.value);
          if (t.type === 'email_domain') {
            if (i.type !== 'email') return false;
            const domain = i.value.slice(i.value.lastIndexOf('@') + 1);
            return domain === t.value || domain.endsWith(`.${t.value}`);
          }
          if (t.type === 'ip' && t.value.includes('/')) {
            return (
              i.type === 'ip' &&
              (t.value.includes(':') ? v6InRange(i.value, t.value) : v4InRange(i.value, t.value))
            );
          }
          return i.type === t.type && i.value === t.value;
        });
      };

      const options = blind ? { indexOf } : {};
      let index = new BlocklistIndex(options);
      const oracle = new Map<string, PolicyEntry>();
      let hits = 0;
      const dir = mkdtempSync(join(tmpdir(), 'warden-index-snapshot-'));
      const header = {
        feedVersion: 1,
        takenAt: T0,
        entries: 0,
        keyCheck: 'k',
        databaseId: 'd',
        schema: 's',
        feedRowAt: null,
      };
      const plain = { seal: (x: string) => x, open: (x: string) => x };
      for (let step = 0; step < 6000; step++) {
        // Twice on the way, the index goes to disk and back, and the walk goes on with the copy.
        if (step === 2000 || step === 4000) {
          const path = join(dir, `index-${step}`);
          await writeSnapshot(path, header, index.toSnapshot(), plain);
          const read = await readSnapshot(path, plain);
          const snapshot = read?.snapshot as NonNullable<typeof read>['snapshot'];
          // The loader reads the few whole entries again; here the oracle has them.
          const others = snapshot.meta.otherIds.map((id) => oracle.get(id) as PolicyEntry);
          index = BlocklistIndex.fromSnapshot(snapshot, others, options);
          expect(index.size).toBe(oracle.size);
        }
        const id = pick(idPool);
        if (random() < 0.3) {
          expect(index.remove(id)).toBe(oracle.delete(id));
        } else {
          let e = randomEntry(id);
          truth.set(id, e.identifier);
          if (blind && e.identifier && byValue.has(e.identifier.type) && random() < 0.7) {
            e = { ...e, identifier: null, identifierIndex: indexOf(e.identifier.type, e.identifier.value) };
          }
          index.upsert(e);
          oracle.set(id, e);
        }
        expect(index.size).toBe(oracle.size);
        if (step % 20 !== 0) continue;
        for (let q = 0; q < 10; q++) {
          const identifiers: Identifier[] = [phone(pick(phones)), { type: 'email', value: pick(emails) }];
          identifiers.push(
            { type: 'ip', value: pick(ips) },
            { type: pick(['user_id', 'device_id', 'open_id'] as const), value: pick(opaque) },
          );
          const s: PolicySubject = {
            identifiers,
            customerId: random() < 0.5 ? pick(customers) : null,
            ...(blind && random() < 0.5 ? { indexes: identifiers.map((i) => indexOf(i.type, i.value)) } : {}),
          };
          const got = index.candidates(s);
          const want = [...oracle.values()].filter((e) => naiveMatches(e, s));
          expect(ids(got)).toEqual(ids(want));
          hits += got.length;
          // Every field survives the compact round trip; the identifier is the one looked up
          // (a compact row keeps no value and no blind index: it gives the subject's).
          const byId = new Map(want.map((e) => [e.id, e]));
          for (const g of got) {
            const w = byId.get(g.id) as PolicyEntry;
            if (g.identifier !== null && w.identifier === null) {
              const { identifierIndex, ...rest } = w;
              expect(identifierIndex).toBe(indexOf(g.identifier.type, g.identifier.value));
              expect(g).toEqual({ ...rest, identifier: truth.get(g.id) });
            } else expect(g).toEqual(w);
          }
        }
      }
      expect(hits).toBeGreaterThan(5000); // the queries really hit entries of every kind
      // Remove everything: the index is empty again and nothing matches.
      for (const id of [...oracle.keys()]) expect(index.remove(id)).toBe(true);
      expect(index.size).toBe(0);
      expect(index.candidates({ identifiers: [phone(pick(phones))], customerId: 'cus_1' })).toEqual([]);
      rmSync(dir, { recursive: true, force: true });
      // 6,000 steps against a naive oracle: seconds alone, far more on a loaded CI machine.
    },
    60_000,
  );

  it('survives many compact rows: growth, dense removal, lookups of every row', () => {
    const index = new BlocklistIndex();
    const n = 50_000;
    const p = (i: number) => `+8613${String(i * 37).padStart(9, '0')}`;
    for (let i = 0; i < n; i++) index.upsert(base(bid(i), phone(p(i))));
    for (let i = 0; i < n; i += 2) expect(index.remove(bid(i))).toBe(true);
    expect(index.size).toBe(n / 2);
    for (let i = 0; i < n; i++) {
      const got = index.candidates(subjectOf(phone(p(i))));
      expect(got.map((e) => e.id)).toEqual(i % 2 === 0 ? [] : [bid(i)]);
    }
  });

  it('refuses a snapshot file that was cut short or altered, and one keyed the other way', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-index-snapshot-'));
    const plain = { seal: (x: string) => x, open: (x: string) => x };
    const header = {
      feedVersion: 1,
      takenAt: T0,
      entries: 3,
      keyCheck: 'k',
      databaseId: 'd',
      schema: 's',
      feedRowAt: null,
    };
    const index = new BlocklistIndex();
    for (let i = 0; i < 3; i++) index.upsert(base(bid(i), phone(`+8613800000${i}`)));
    const path = join(dir, 'index');
    await writeSnapshot(path, header, index.toSnapshot(), plain);
    const { readFileSync, writeFileSync } = await import('node:fs');
    const good = readFileSync(path);
    expect((await readSnapshot(path, plain))?.header).toEqual(header);
    const flipped = Buffer.from(good);
    flipped.writeUInt8(flipped.readUInt8(good.length >> 1) ^ 1, good.length >> 1);
    writeFileSync(path, flipped);
    await expect(readSnapshot(path, plain)).rejects.toThrow(/checksum/);
    writeFileSync(path, good.subarray(0, good.length - 100));
    await expect(readSnapshot(path, plain)).rejects.toThrow(/checksum/);
    writeFileSync(path, good);
    const read = await readSnapshot(path, plain);
    expect(() => BlocklistIndex.fromSnapshot(read?.snapshot as never, [], { indexOf: () => 'x' })).toThrow(
      /keyed/,
    );
    expect(await readSnapshot(join(dir, 'none'), plain)).toBeNull();
    rmSync(dir, { recursive: true, force: true });
  });

  it('estimates memory under 40 bytes per compact identifier entry', () => {
    const index = new BlocklistIndex();
    const n = 200_000;
    for (let i = 0; i < n; i++) index.upsert(base(bid(i), phone(`+86139${String(i).padStart(8, '0')}`)));
    const m = index.memoryEstimate();
    expect(m.compactEntries).toBe(n);
    expect(m.otherEntries).toBe(0);
    expect(m.totalBytes / n).toBeGreaterThan(28);
    expect(m.totalBytes / n).toBeLessThan(40);
    index.upsert(base('blk_custom', null, 'cus_1'));
    expect(index.memoryEstimate().objectBytes).toBeGreaterThan(m.objectBytes);
  });
});

describe('IP parsing', () => {
  it.each([
    ['1.2.3.4', 0x01020304],
    ['255.255.255.255', 0xffffffff],
    ['0.0.0.0', 0],
    ['256.1.1.1', -1],
    ['1.2.3', -1],
    ['1.2.3.4.5', -1],
    ['1..3.4', -1],
  ])('parseIpv4(%s) = %i', (text, want) => {
    expect(parseIpv4(text)).toBe(want);
  });

  it.each([
    ['2001:db8::1', [0x20010db8, 0, 0, 1]],
    ['::', [0, 0, 0, 0]],
    ['::ffff:1.2.3.4', [0, 0, 0xffff, 0x01020304]],
    ['1:2:3:4:5:6:7:8', [0x00010002, 0x00030004, 0x00050006, 0x00070008]],
    ['1:2:3:4:5:6:7:8:9', null],
    ['1::2::3', null],
    ['g::1', null],
  ])('parseIpv6(%s)', (text, want) => {
    const got = parseIpv6(text);
    expect(got === null ? null : [...got]).toEqual(want);
  });
});
