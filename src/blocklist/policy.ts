import type {
  BlocklistStatus,
  PolicyDecision,
  PolicyEntry,
  PolicyExemption,
  StoredEntryState,
} from './model.js';
import type { PolicyCandidateSource, PolicySubject } from './policy-index.js';

/**
 * What screening does with a message: `entry` is the entry that decided it
 * (null on `allow`); `limits` lists every applicable level-2 entry, strictest
 * first, whatever the decision, so the caller can check (and count) them.
 */
export interface PolicyResult {
  decision: PolicyDecision;
  entry: PolicyEntry | null;
  limits: PolicyEntry[];
}

/** The part of an entry its status is derived from. */
export interface EntrySchedule {
  state: StoredEntryState;
  startsAt: number | null;
  expiresAt: number | null;
}

/**
 * `scheduled`, `active` and `expired` are not stored: they follow from the
 * clock. The window is [startsAt, expiresAt): active exactly at startsAt,
 * expired exactly at expiresAt.
 */
export function deriveStatus(entry: EntrySchedule, now: number): BlocklistStatus {
  if (entry.state !== 'approved') return entry.state;
  if (entry.startsAt !== null && now < entry.startsAt) return 'scheduled';
  if (entry.expiresAt !== null && now >= entry.expiresAt) return 'expired';
  return 'active';
}

/**
 * An exemption suspends its entry while it is not revoked (a revocation
 * takes effect at `revokedAt`), it matches this session or `now` lies in
 * [from, until) (an open bound is unbounded; a session-only exemption has no
 * window), and it is for this channel or every channel.
 */
export function exemptionSuspends(
  exemption: PolicyExemption,
  channel: string,
  sessionId: string | null,
  now: number,
): boolean {
  if (exemption.revokedAt !== null && exemption.revokedAt <= now) return false;
  if (exemption.channel !== null && exemption.channel !== channel) return false;
  if (sessionId !== null && exemption.sessionId !== null && exemption.sessionId === sessionId) return true;
  const { from, until } = exemption;
  if (from === null && until === null) return false;
  return (from === null || from <= now) && (until === null || now < until);
}

/** Whether the entry is in force for this message: active and not suspended by an exemption. */
export function entryApplies(
  entry: PolicyEntry,
  channel: string,
  sessionId: string | null,
  now: number,
): boolean {
  if (deriveStatus(entry, now) !== 'active') return false;
  for (const exemption of entry.exemptions) {
    if (exemptionSuspends(exemption, channel, sessionId, now)) return false;
  }
  return true;
}

const BLOCK = 3;
const RESTRICT = 2;
const LIMIT = 1;
const NONE = 0;

/** What the entry does to a message on this channel; level 3 does nothing on an allowed channel. */
const strengthOf = (entry: PolicyEntry, channel: string): number => {
  if (entry.level === 1) return BLOCK;
  if (entry.level === 2) return LIMIT;
  return entry.allowedChannels?.includes(channel) ? NONE : RESTRICT;
};

/** Customer-level first, then the earliest created: ids sort by creation time. */
const compareTies = (a: PolicyEntry, b: PolicyEntry): number => {
  const ac = a.customerId !== null ? 0 : 1;
  const bc = b.customerId !== null ? 0 : 1;
  if (ac !== bc) return ac - bc;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
};

/**
 * Strictest limit first: the lowest allowed rate (max per windowSeconds,
 * compared by cross-multiplying). A level-2 entry without its own limit uses
 * its category's default, unknown here, so it ranks after explicit limits.
 */
const compareLimits = (a: PolicyEntry, b: PolicyEntry): number => {
  const la = a.limit;
  const lb = b.limit;
  if (la !== null && lb !== null) {
    const diff = la.max * lb.windowSeconds - lb.max * la.windowSeconds;
    if (diff !== 0) return diff;
  } else if (la !== null || lb !== null) {
    return la !== null ? -1 : 1;
  }
  return compareTies(a, b);
};

const decisionOf = ['allow', 'limit', 'restrict', 'block'] as const satisfies readonly PolicyDecision[];

/** The answer for a sender no entry names (nearly every one), shared and frozen: no objects per message. */
const NOTHING_APPLIES: PolicyResult = Object.freeze({
  decision: 'allow',
  entry: null,
  limits: Object.freeze([]) as unknown as PolicyEntry[],
});

/**
 * The blocklist's verdict on one message. Pure: the index is read, the clock
 * is passed in. Strongest wins (block > restrict > limit > allow); among
 * equals the customer-level entry, then the earliest created.
 *
 * @example
 *   evaluatePolicy(index, { identifiers: [{ type: 'phone', value: '+8613800138000' }], customerId: null },
 *     'sms', null, Date.now()) // → { decision: 'block', entry: {…}, limits: [] }
 */
export function evaluatePolicy(
  index: PolicyCandidateSource,
  subject: PolicySubject,
  channel: string,
  sessionId: string | null,
  now: number,
): PolicyResult {
  const candidates = index.candidates(subject);
  if (candidates.length === 0) return NOTHING_APPLIES;

  let best: PolicyEntry | null = null;
  let bestStrength = NONE;
  const limits: PolicyEntry[] = [];
  for (const entry of candidates) {
    const strength = strengthOf(entry, channel);
    if (strength === NONE || !entryApplies(entry, channel, sessionId, now)) continue;
    if (strength === LIMIT) limits.push(entry);
    if (
      strength > bestStrength ||
      (strength === bestStrength && best !== null && compareTies(entry, best) < 0)
    ) {
      best = entry;
      bestStrength = strength;
    }
  }
  if (limits.length > 1) limits.sort(compareLimits);
  // For a limit the strictest entry decides, not merely the earliest.
  const entry = bestStrength === LIMIT ? (limits[0] ?? null) : best;
  return { decision: decisionOf[bestStrength] ?? 'allow', entry, limits };
}
