import { describe, expect, it } from 'vitest';
import type { Identifier } from '../identity/model.js';
import type { PolicyDecision, PolicyEntry, PolicyExemption } from './model.js';
import { deriveStatus, evaluatePolicy } from './policy.js';
import { BlocklistIndex, type PolicySubject } from './policy-index.js';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const HOUR = 3_600_000;

/** Canonical ids (`blk_` + 28 base32), so identifier entries take the compact path; they sort by n. */
const bid = (n: number): string => `blk_01jd7x3k8m00${String(n).padStart(16, '0')}`;

const phone = (value: string): Identifier => ({ type: 'phone', value });
const email = (value: string): Identifier => ({ type: 'email', value });
const ip = (value: string): Identifier => ({ type: 'ip', value });

const entry = (n: number, target: Identifier | string, over: Partial<PolicyEntry> = {}): PolicyEntry => ({
  id: bid(n),
  level: 1,
  customerId: typeof target === 'string' ? target : null,
  identifier: typeof target === 'string' ? null : target,
  category: 'harassment',
  state: 'approved',
  startsAt: null,
  expiresAt: null,
  limit: null,
  allowedChannels: null,
  exemptions: [],
  ...over,
});

const exemption = (over: Partial<PolicyExemption>): PolicyExemption => ({
  id: 'exm_1',
  from: null,
  until: null,
  sessionId: null,
  channel: null,
  revokedAt: null,
  ...over,
});

const P = '+8613800138000';
const sender = (...identifiers: Identifier[]): PolicySubject => ({ identifiers, customerId: null });
const customer = (customerId: string, ...identifiers: Identifier[]): PolicySubject => ({
  identifiers,
  customerId,
});

interface Case {
  name: string;
  entries: PolicyEntry[];
  subject?: PolicySubject;
  channel?: string;
  sessionId?: string | null;
  now?: number;
  decision: PolicyDecision;
  /** Entry number (see bid) expected as `entry`; null for none. */
  by: number | null;
  /** Entry numbers expected in `limits`, in order; default []. */
  limits?: number[];
}

const limit = (max: number, windowSeconds: number) => ({ max, windowSeconds });

const cases: Case[] = [
  // Levels
  { name: 'no entries → allow', entries: [], decision: 'allow', by: null },
  {
    name: 'other phone listed → allow',
    entries: [entry(1, phone('+8613900139000'))],
    decision: 'allow',
    by: null,
  },
  { name: 'level 1 on the phone → block', entries: [entry(1, phone(P))], decision: 'block', by: 1 },
  {
    name: 'level 2 → limit with the entry in limits',
    entries: [entry(1, phone(P), { level: 2, limit: limit(5, 86400) })],
    decision: 'limit',
    by: 1,
    limits: [1],
  },
  {
    name: 'level 3, channel not allowed → restrict',
    entries: [entry(1, phone(P), { level: 3, allowedChannels: ['email'] })],
    channel: 'sms',
    decision: 'restrict',
    by: 1,
  },
  {
    name: 'level 3, channel allowed → allow',
    entries: [entry(1, phone(P), { level: 3, allowedChannels: ['email', 'sms'] })],
    channel: 'sms',
    decision: 'allow',
    by: null,
  },
  {
    name: 'level 3 without allowed channels restricts every channel',
    entries: [entry(1, phone(P), { level: 3, allowedChannels: null })],
    channel: 'email',
    decision: 'restrict',
    by: 1,
  },
  // Stored state
  {
    name: 'pending never applies',
    entries: [entry(1, phone(P), { state: 'pending' })],
    decision: 'allow',
    by: null,
  },
  {
    name: 'rejected never applies',
    entries: [entry(1, phone(P), { state: 'rejected' })],
    decision: 'allow',
    by: null,
  },
  {
    name: 'released never applies',
    entries: [entry(1, phone(P), { state: 'released' })],
    decision: 'allow',
    by: null,
  },
  // Schedules
  {
    name: 'before startsAt → allow',
    entries: [entry(1, phone(P), { startsAt: NOW + 1 })],
    decision: 'allow',
    by: null,
  },
  {
    name: 'exactly at startsAt → block',
    entries: [entry(1, phone(P), { startsAt: NOW })],
    decision: 'block',
    by: 1,
  },
  {
    name: 'one ms before expiresAt → block',
    entries: [entry(1, phone(P), { expiresAt: NOW + 1 })],
    decision: 'block',
    by: 1,
  },
  {
    name: 'exactly at expiresAt → allow',
    entries: [entry(1, phone(P), { expiresAt: NOW })],
    decision: 'allow',
    by: null,
  },
  {
    name: 'after expiry → allow',
    entries: [entry(1, phone(P), { startsAt: NOW - 48 * HOUR, expiresAt: NOW - HOUR })],
    decision: 'allow',
    by: null,
  },
  {
    name: 'rule-style expiry (now + duration, not whole seconds) still blocks before it',
    entries: [entry(1, phone(P), { expiresAt: NOW + 7 * 24 * HOUR + 123 })],
    decision: 'block',
    by: 1,
  },
  // Exemptions
  {
    name: 'session exemption, same session → allow',
    entries: [entry(1, phone(P), { exemptions: [exemption({ sessionId: 'c-812' })] })],
    sessionId: 'c-812',
    decision: 'allow',
    by: null,
  },
  {
    name: 'session exemption, other session → block',
    entries: [entry(1, phone(P), { exemptions: [exemption({ sessionId: 'c-812' })] })],
    sessionId: 'c-999',
    decision: 'block',
    by: 1,
  },
  {
    name: 'session exemption, no session on the message → block',
    entries: [entry(1, phone(P), { exemptions: [exemption({ sessionId: 'c-812' })] })],
    sessionId: null,
    decision: 'block',
    by: 1,
  },
  {
    name: 'window exemption, inside → allow',
    entries: [entry(1, phone(P), { exemptions: [exemption({ from: NOW - HOUR, until: NOW + HOUR })] })],
    decision: 'allow',
    by: null,
  },
  {
    name: 'window exemption, exactly at from → allow',
    entries: [entry(1, phone(P), { exemptions: [exemption({ from: NOW, until: NOW + HOUR })] })],
    decision: 'allow',
    by: null,
  },
  {
    name: 'window exemption, exactly at until → block',
    entries: [entry(1, phone(P), { exemptions: [exemption({ from: NOW - HOUR, until: NOW })] })],
    decision: 'block',
    by: 1,
  },
  {
    name: 'window exemption, before it → block',
    entries: [entry(1, phone(P), { exemptions: [exemption({ from: NOW + HOUR, until: NOW + 2 * HOUR })] })],
    decision: 'block',
    by: 1,
  },
  {
    name: 'exemption for another channel → block',
    entries: [
      entry(1, phone(P), {
        exemptions: [exemption({ from: NOW - HOUR, until: NOW + HOUR, channel: 'email' })],
      }),
    ],
    channel: 'sms',
    decision: 'block',
    by: 1,
  },
  {
    name: 'exemption for this channel → allow',
    entries: [entry(1, phone(P), { exemptions: [exemption({ sessionId: 's-1', channel: 'sms' })] })],
    channel: 'sms',
    sessionId: 's-1',
    decision: 'allow',
    by: null,
  },
  {
    name: 'revoked exemption → block',
    entries: [
      entry(1, phone(P), {
        exemptions: [exemption({ from: NOW - HOUR, until: NOW + HOUR, revokedAt: NOW - 60_000 })],
      }),
    ],
    decision: 'block',
    by: 1,
  },
  {
    name: 'exemption suspends only its own entry',
    entries: [
      entry(1, phone(P), { exemptions: [exemption({ sessionId: 's-1' })] }),
      entry(2, email('a@example.com'), { level: 3, allowedChannels: ['email'] }),
    ],
    subject: sender(phone(P), email('a@example.com')),
    sessionId: 's-1',
    decision: 'restrict',
    by: 2,
  },
  // Strongest of several
  {
    name: 'customer-level block beats identifier limit',
    entries: [entry(1, phone(P), { level: 2, limit: limit(5, 3600) }), entry(2, 'cus_1')],
    subject: customer('cus_1', phone(P)),
    decision: 'block',
    by: 2,
    limits: [1],
  },
  {
    name: 'phone prefix block beats identifier restrict',
    entries: [
      entry(1, phone(P), { level: 3, allowedChannels: ['email'] }),
      entry(2, { type: 'phone_prefix', value: '+86138' }),
    ],
    decision: 'block',
    by: 2,
  },
  {
    name: 'two blocks: the customer-level one is reported',
    entries: [entry(1, phone(P)), entry(2, 'cus_1')],
    subject: customer('cus_1', phone(P)),
    decision: 'block',
    by: 2,
  },
  {
    name: 'two identifier blocks: the earliest created is reported',
    entries: [entry(7, phone(P)), entry(3, email('a@example.com'))],
    subject: sender(phone(P), email('a@example.com')),
    decision: 'block',
    by: 3,
  },
  {
    name: 'several limits: all returned, strictest first and as entry',
    entries: [
      entry(1, phone(P), { level: 2, limit: limit(10, 3600) }),
      entry(2, email('a@example.com'), { level: 2, limit: limit(2, 3600) }),
      entry(3, 'cus_1', { level: 2, limit: null }),
    ],
    subject: customer('cus_1', phone(P), email('a@example.com')),
    decision: 'limit',
    by: 2,
    limits: [2, 1, 3],
  },
  {
    name: 'restrict beats limit',
    entries: [
      entry(1, phone(P), { level: 2, limit: limit(1, 60) }),
      entry(2, 'cus_1', { level: 3, allowedChannels: ['chat'] }),
    ],
    subject: customer('cus_1', phone(P)),
    channel: 'sms',
    decision: 'restrict',
    by: 2,
    limits: [1],
  },
  {
    name: 'customer entry does not reach another customer',
    entries: [entry(1, 'cus_1')],
    subject: customer('cus_2', phone(P)),
    decision: 'allow',
    by: null,
  },
  // Phone prefixes
  {
    name: 'prefix +86170 matches +8617012345678',
    entries: [entry(1, { type: 'phone_prefix', value: '+86170' })],
    subject: sender(phone('+8617012345678')),
    decision: 'block',
    by: 1,
  },
  {
    name: 'prefix +86170 does not match +8618012345678',
    entries: [entry(1, { type: 'phone_prefix', value: '+86170' })],
    subject: sender(phone('+8618012345678')),
    decision: 'allow',
    by: null,
  },
  // Email domains
  {
    name: 'email_domain example.com matches a@example.com',
    entries: [entry(1, { type: 'email_domain', value: 'example.com' })],
    subject: sender(email('a@example.com')),
    decision: 'block',
    by: 1,
  },
  {
    name: 'email_domain example.com matches a subdomain',
    entries: [entry(1, { type: 'email_domain', value: 'example.com' })],
    subject: sender(email('a@mail.example.com')),
    decision: 'block',
    by: 1,
  },
  {
    name: 'email_domain example.com never matches notexample.com',
    entries: [entry(1, { type: 'email_domain', value: 'example.com' })],
    subject: sender(email('a@notexample.com')),
    decision: 'allow',
    by: null,
  },
  {
    name: 'exact email entry does not match another address',
    entries: [entry(1, email('a@example.com'))],
    subject: sender(email('b@example.com')),
    decision: 'allow',
    by: null,
  },
  // IP
  {
    name: 'exact IPv4 address',
    entries: [entry(1, ip('1.2.3.4'))],
    subject: sender(ip('1.2.3.4')),
    decision: 'block',
    by: 1,
  },
  {
    name: 'IPv4 inside 10.0.0.0/8',
    entries: [entry(1, ip('10.0.0.0/8'))],
    subject: sender(ip('10.200.3.4')),
    decision: 'block',
    by: 1,
  },
  {
    name: 'IPv4 outside 10.0.0.0/8',
    entries: [entry(1, ip('10.0.0.0/8'))],
    subject: sender(ip('11.0.0.1')),
    decision: 'allow',
    by: null,
  },
  {
    name: 'IPv4 in two nested ranges: both candidates, earliest reported',
    entries: [entry(5, ip('192.168.1.0/24')), entry(4, ip('192.168.0.0/16'), { level: 2 })],
    subject: sender(ip('192.168.1.77')),
    decision: 'block',
    by: 5,
    limits: [4],
  },
  {
    name: 'IPv6 inside 2001:db8::/32',
    entries: [entry(1, ip('2001:db8::/32'))],
    subject: sender(ip('2001:db8:1234::1')),
    decision: 'block',
    by: 1,
  },
  {
    name: 'IPv6 outside 2001:db8::/32',
    entries: [entry(1, ip('2001:db8::/32'))],
    subject: sender(ip('2001:db9::1')),
    decision: 'allow',
    by: null,
  },
  {
    name: 'IPv6 /127 boundary inside a word',
    entries: [entry(1, ip('2001:db8::a/127'))],
    subject: sender(ip('2001:db8::b')),
    decision: 'block',
    by: 1,
  },
  {
    name: 'IPv4 range does not catch an IPv6 address',
    entries: [entry(1, ip('0.0.0.0/0'))],
    subject: sender(ip('2001:db8::1')),
    decision: 'allow',
    by: null,
  },
  // Identifier types kept by hash
  {
    name: 'device_id exact',
    entries: [entry(1, { type: 'device_id', value: 'dev-42' })],
    subject: sender({ type: 'device_id', value: 'dev-42' }),
    decision: 'block',
    by: 1,
  },
  {
    name: 'same value under another type does not match',
    entries: [entry(1, { type: 'user_id', value: 'u-1' })],
    subject: sender({ type: 'open_id', value: 'u-1' }),
    decision: 'allow',
    by: null,
  },
];

describe('evaluatePolicy', () => {
  it.each(cases)('$name', (c) => {
    const index = new BlocklistIndex();
    for (const e of c.entries) index.upsert(e);
    const result = evaluatePolicy(
      index,
      c.subject ?? sender(phone(P)),
      c.channel ?? 'sms',
      c.sessionId ?? null,
      c.now ?? NOW,
    );
    expect(result.decision).toBe(c.decision);
    expect(result.entry?.id ?? null).toBe(c.by === null ? null : bid(c.by));
    expect(result.limits.map((e) => e.id)).toEqual((c.limits ?? []).map(bid));
  });

  it('returns the entry as it was stored, rebuilt from the compact form', () => {
    const index = new BlocklistIndex();
    const stored = entry(1, phone(P), {
      level: 2,
      limit: limit(5, 86400),
      category: 'complaint_abuse',
      expiresAt: NOW + 86_400_000 + 17,
    });
    index.upsert(stored);
    const result = evaluatePolicy(index, sender(phone(P)), 'sms', null, NOW);
    expect(result.entry).toEqual(stored);
  });
});

describe('deriveStatus', () => {
  it.each([
    { state: 'pending', startsAt: null, expiresAt: null, now: NOW, status: 'pending' },
    { state: 'rejected', startsAt: null, expiresAt: null, now: NOW, status: 'rejected' },
    { state: 'released', startsAt: null, expiresAt: NOW + 1, now: NOW, status: 'released' },
    { state: 'approved', startsAt: NOW + 1, expiresAt: null, now: NOW, status: 'scheduled' },
    { state: 'approved', startsAt: NOW, expiresAt: null, now: NOW, status: 'active' },
    { state: 'approved', startsAt: null, expiresAt: NOW, now: NOW, status: 'expired' },
    { state: 'approved', startsAt: null, expiresAt: NOW + 1, now: NOW, status: 'active' },
    { state: 'approved', startsAt: null, expiresAt: null, now: NOW, status: 'active' },
  ] as const)('$state [$startsAt, $expiresAt) at now → $status', ({ now, status, ...schedule }) => {
    expect(deriveStatus(schedule, now)).toBe(status);
  });
});
