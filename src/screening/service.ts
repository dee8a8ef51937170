import type { AuditContext } from '../access/audit.js';
import { systemContext } from '../access/audit.js';
import type { PolicyEntry, RateLimit } from '../blocklist/model.js';
import type { BlocklistService } from '../blocklist/service.js';
import { keyCustomerRisk } from '../blocklist/service.js';
import type { ScreenedIntake } from '../complaints/service.js';
import type { Clock } from '../core/clock.js';
import type { KeyRing } from '../core/crypto/keyring.js';
import { WardenError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { Logger } from '../core/logging.js';
import { LruCache } from '../core/lru.js';
import { normalizeText } from '../core/text/normalize.js';
import type { CustomerDirectory, CustomerFacts } from '../identity/directory.js';
import { tryNormalizeIdentifier } from '../identity/identifiers.js';
import { type Identifier, type IdentifierType, isIdentifierType } from '../identity/model.js';
import type { AlertService } from '../notify/alerts.js';
import { measureForRules, type RuleMeasurements } from '../rules/measure.js';
import type { CompiledRules, RuleAction, RuleInput, RuleMatch } from '../rules/model.js';
import { type Counters, hitEach } from '../storage/counters.js';
import type { BlocklistEventTable, MessageRuleHitTable } from '../storage/schema.js';
import type { ConsentService } from './consent.js';
import type { DuplicateTracker } from './duplicates.js';
import {
  decisionOrder,
  type ScreenActions,
  type ScreenInput,
  type ScreeningDecision,
  type ScreenReason,
  type ScreenResult,
} from './model.js';
import { replyLocale } from './opt-out.js';
import type { IntakeSettled, MessageRecorder } from './recorder.js';

/** Identifier types in the order a sender is resolved by: phone first (the seeds key complaints on it). */
const resolveOrder = ['phone', 'user_id', 'open_id', 'email', 'device_id', 'ip'];
const resolveRank: Partial<Record<string, number>> = Object.fromEntries(resolveOrder.map((t, i) => [t, i]));
const byResolveOrder = (a: Identifier, b: Identifier): number =>
  (resolveRank[a.type] ?? resolveOrder.length) - (resolveRank[b.type] ?? resolveOrder.length);

/** Position in `decisionOrder` (lower is stronger), looked up once per decision instead of searched. */
const decisionRank = Object.fromEntries(decisionOrder.map((d, i) => [d, i])) as Record<
  ScreeningDecision,
  number
>;
const stronger = (current: ScreeningDecision, next: ScreeningDecision): ScreeningDecision =>
  decisionRank[next] < decisionRank[current] ? next : current;

/** Entries in the identifier cache; senders repeat. Full, it holds ~300 bytes a sender: ~30 MB. */
const IDENTIFIER_CACHE_ENTRIES = 100_000;
/** One identifier as screening knows it once seen: normalised, its blind index, and the counters' key of a sender known by it. */
interface KnownIdentifier {
  readonly identifier: Identifier;
  readonly index: string;
  readonly senderKey: string;
}
/** What is known of a raw value for each identifier type it has been seen as (nearly always one). */
type ByType = Partial<Record<IdentifierType, KnownIdentifier>>;

export interface ScreeningDeps {
  keys: KeyRing;
  clock: Clock;
  log: Logger;
  directory: CustomerDirectory;
  blocklist: BlocklistService;
  consent: ConsentService;
  counters: Counters;
  duplicates: DuplicateTracker;
  recorder: MessageRecorder;
  alerts: AlertService;
  rules: () => CompiledRules;
  spamScore: (text: string) => number;
  sentiment: (text: string) => number;
  protection: { protectedTiers: readonly string[]; protectedLifetimeValue: number };
  defaultRegion: string;
  /** Entries in each of the identifier caches (normalised form, blind index); default 100,000. */
  identifierCacheEntries?: number | undefined;
  /** Complaint detection: an intake prepared before the record, written with it, settled after. */
  complaints?: ScreeningComplaints | undefined;
}

/** What screening asks of complaints (ComplaintService.prepareScreened / settleScreened). */
export interface ScreeningComplaints {
  prepare(
    result: ScreenResult,
    input: ScreenInput,
    facts: CustomerFacts | null,
    /** Blind indexes of `result.identifiers`, as identify computed them. */
    indexes: readonly string[],
  ): Promise<ScreenedIntake | null>;
  settle(
    outcome: IntakeSettled,
    result: ScreenResult,
    intake: ScreenedIntake,
  ): Promise<ScreenResult['complaint']>;
}

/**
 * One message as the rules see it. A class rather than an object literal
 * with closures, and one instance reused message after message: rules read it
 * synchronously, and nothing keeps it once they have answered. The scores are
 * methods, computed at most once and only if a rule asks.
 */
class RuleSubject implements RuleInput {
  channel = '';
  source: string | null = null;
  normalized = '';
  text = '';
  identifiers: readonly Identifier[] = [];
  customerTier: string | null = null;
  senderKey = '';
  now = 0;
  messageCounts: ReadonlyMap<number, number> = new Map();
  duplicates: ReadonlyMap<string, number> = new Map();
  private spam = Number.NaN;
  private mood = Number.NaN;

  constructor(private readonly scorers: Pick<ScreeningDeps, 'spamScore' | 'sentiment'>) {}

  /** Points the subject at message `m` and its measurements. */
  of(m: Screening, measured: RuleMeasurements): this {
    this.channel = m.input.channel;
    this.source = m.input.source ?? null;
    this.normalized = m.normalized;
    this.text = m.input.text;
    this.identifiers = m.identifiers;
    this.customerTier = m.facts?.tier ?? null;
    this.senderKey = m.senderKey;
    this.now = m.receivedAt;
    this.messageCounts = measured.messageCounts;
    this.duplicates = measured.duplicates;
    this.spam = Number.NaN;
    this.mood = Number.NaN;
    return this;
  }

  spamScore(): number {
    if (Number.isNaN(this.spam)) this.spam = this.scorers.spamScore(this.text);
    return this.spam;
  }

  sentiment(): number {
    if (Number.isNaN(this.mood)) this.mood = this.scorers.sentiment(this.text);
    return this.mood;
  }
}

const NOTHING_TO_RECORD: never[] = Object.freeze([]) as never[];

const hasCjk = (s: string) => /[\u3400-\u9fff]/.test(s);

type WatchAction = {
  match: RuleMatch;
  action: Extract<RuleAction, { type: 'add_to_blocklist' } | { type: 'notify' }>;
};

/** One message on its way through `screen`: what is known of it, and what has been decided so far. */
interface Screening {
  readonly input: ScreenInput;
  readonly record: boolean;
  readonly now: number;
  readonly receivedAt: number;
  readonly identifiers: Identifier[];
  readonly indexes: string[];
  readonly facts: CustomerFacts | null;
  /** The counters' key for the sender: the customer, else the first identifier's blind index. */
  readonly senderKey: string;
  readonly messageId: string;
  normalized: string;
  decision: ScreeningDecision;
  readonly reasons: ScreenReason[];
  readonly actions: ScreenActions;
  /** Blocklist violations, kept only for the record: entry id and what it decided. */
  readonly violated: { entryId: string; kind: string }[];
  readonly ruleHits: MessageRuleHitTable[];
}

/** What an enforced rule's action does to the answer (watch actions run after the record). */
function applyRuleAction(m: Screening, a: Exclude<RuleAction, WatchAction['action']>): void {
  switch (a.type) {
    case 'reject':
      m.decision = stronger(m.decision, 'block');
      return;
    case 'drop':
      m.decision = stronger(m.decision, 'drop');
      return;
    case 'quarantine':
      m.decision = stronger(m.decision, 'quarantine');
      return;
    case 'mark_spam':
      m.decision = stronger(m.decision, 'spam');
      return;
    case 'auto_reply':
      m.actions.autoReply ??= hasCjk(m.input.text) || !a.textEn ? a.text : a.textEn;
      return;
    case 'tag':
      if (!m.actions.tags.includes(a.value)) m.actions.tags.push(a.value);
      return;
    case 'route':
      m.actions.route ??= a.team;
      return;
    case 'set_priority':
      if (!m.actions.priority || a.priority < m.actions.priority) m.actions.priority = a.priority;
      return;
  }
}

/** The rate limits that a sender's counts exceed: the decision, the reasons, what the record keeps. */
function applyLimits(m: Screening, limited: readonly PolicyEntry[], counts: readonly number[]): void {
  for (let i = 0; i < limited.length; i++) {
    const entry = limited[i] as PolicyEntry;
    const limit = entry.limit as RateLimit;
    if ((counts[i] as number) <= limit.max) continue;
    m.decision = stronger(m.decision, 'limit');
    m.reasons.push({
      kind: 'limit',
      id: entry.id,
      name: entry.category,
      detail: `level 2: more than ${limit.max} messages in ${limit.windowSeconds}s`,
    });
    if (m.record) m.violated.push({ entryId: entry.id, kind: 'limit' });
  }
}

/** What the matched rules do: reasons, enforced actions, and the watch actions to run after the record. */
function applyMatches(m: Screening, matches: readonly RuleMatch[]): WatchAction[] {
  const watches: WatchAction[] = [];

  for (const match of matches) {
    if (m.record)
      m.ruleHits.push({ message_id: m.messageId, rule_id: match.ruleId, mode: match.mode, at: m.now });
    m.reasons.push({
      kind: 'rule',
      id: match.ruleId,
      name: match.ruleName,
      detail: match.details.join('; '),
      mode: match.mode,
    });
    if (match.mode === 'shadow') continue;
    for (const action of match.actions) {
      if (action.type === 'add_to_blocklist' || action.type === 'notify') watches.push({ match, action });
      else applyRuleAction(m, action);
    }
  }
  return watches;
}

/**
 * The screening pipeline: identify the sender → blocklist policy → filter
 * rules → watch rules → record. Everything before the record reads memory
 * only; the record is a group commit, and the answer waits for it.
 */
export class ScreeningService {
  /**
   * raw value → what identifying it found, per identifier type: senders write
   * again and again, and normalising (libphonenumber) and the HMAC are most of
   * identifying one. Keyed by the value alone, not `type + value`, because a
   * string built per look-up must be hashed again every time (~0.3 µs); the
   * type picks the slot in the entry. Pure for a given configuration (region;
   * the index key, which key rotation never changes), so entries never go
   * stale. It holds identifiers in plain text, in memory only, as the
   * blocklist index already does; bounded, the least recently used dropped.
   */
  private readonly identified: LruCache<string, ByType>;
  /** The counters' key of each customer, made once (a stable string is hashed once, then its hash is kept). */
  private readonly customerKeys = new WeakMap<CustomerFacts, string>();
  private readonly normalizeOptions: { defaultRegion: string };
  /** Reused by applyRules while it does not wait (see there). */
  private readonly subject: RuleSubject;
  private readonly measured: RuleMeasurements = { messageCounts: new Map(), duplicates: new Map() };

  constructor(private readonly d: ScreeningDeps) {
    this.subject = new RuleSubject(d);
    this.identified = new LruCache(d.identifierCacheEntries ?? IDENTIFIER_CACHE_ENTRIES);
    this.normalizeOptions = { defaultRegion: d.defaultRegion };
  }

  /**
   * Normalises `from`; throws INVALID_IDENTIFIER naming the field. Identifiers
   * come in resolve order with their blind indexes; `senderKey` is the
   * counters' key of a sender known by the first (no customer). The
   * identifier objects are shared between messages, and frozen.
   */
  identify(from: Record<string, string>): {
    identifiers: Identifier[];
    indexes: string[];
    senderKey: string;
  } {
    const identifiers: Identifier[] = [];
    const indexes: string[] = [];
    let first: KnownIdentifier | null = null;
    for (const type of Object.keys(from)) {
      if (!isIdentifierType(type) || type === 'email_domain' || type === 'phone_prefix') {
        throw new WardenError('VALIDATION_FAILED', `"${type}" is not a sender identifier type`, {
          errors: [{ field: `/from/${type}`, message: 'unknown identifier type' }],
        });
      }
      const known = this.known(type, from[type] as string); // a key of `from`
      // Insertion in resolve order (a sender has one or two identifiers).
      let at = identifiers.length;
      while (at > 0 && byResolveOrder(identifiers[at - 1] as Identifier, known.identifier) > 0) at--;
      identifiers.splice(at, 0, known.identifier);
      indexes.splice(at, 0, known.index);
      if (at === 0) first = known;
    }
    if (first === null) {
      throw new WardenError('VALIDATION_FAILED', 'the sender needs at least one identifier', {
        errors: [{ field: '/from', message: 'empty' }],
      });
    }
    return { identifiers, indexes, senderKey: first.senderKey };
  }

  private known(type: IdentifierType, raw: string): KnownIdentifier {
    // Values come from JSON: only strings are cached, so `13800138000` (a number) still fails as it should.
    const cached = typeof raw === 'string' ? this.identified.get(raw) : undefined;
    const hit = cached?.[type];
    if (hit !== undefined) return hit;
    const r = tryNormalizeIdentifier(type, raw, this.normalizeOptions);
    if (!r.ok)
      throw new WardenError('INVALID_IDENTIFIER', r.message, {
        errors: [{ field: `/from/${type}`, message: r.message }],
      });
    const index = this.d.keys.blindIndex(r.identifier.type, r.identifier.value);
    const known: KnownIdentifier = {
      identifier: Object.freeze({ type: r.identifier.type, value: r.identifier.value }),
      index,
      senderKey: `i:${index}`,
    };
    if (cached) cached[type] = known;
    else if (typeof raw === 'string') this.identified.set(raw, { [type]: known });
    return known;
  }

  async screen(
    input: ScreenInput,
    options: { record?: boolean; ctx?: AuditContext } = {},
  ): Promise<ScreenResult> {
    const m = this.begin(input, options.record !== false);
    await this.applyPolicy(m);
    const intent = this.applyOptIntent(m);
    const watches = await this.applyRules(m);
    // A dropped message gets no reply.
    if (m.decision === 'drop') m.actions.autoReply = null;
    const result: ScreenResult = {
      messageId: m.messageId,
      decision: m.decision,
      reasons: m.reasons,
      actions: m.actions,
      customer: m.facts ? { id: m.facts.id, tier: m.facts.tier } : null,
      complaint: null,
      recorded: false,
      identifiers: m.identifiers,
    };
    if (!m.record) return result; // a dry run (`warden screen --no-record`) reports effects and writes none
    const complaints = this.d.complaints;
    const intake = complaints ? await complaints.prepare(result, input, m.facts, m.indexes) : null;
    const recorded = await this.recordMessage(m, intake);
    result.recorded = recorded.ok;
    await this.keepConsent(m, intent, result.recorded, options.ctx ?? systemContext);
    if (!result.recorded) return result;
    for (const w of watches) await this.runWatchAction(w.match, w.action, m.identifiers, m.facts, m.now);
    if (complaints && intake) result.complaint = await complaints.settle(recorded.intake, result, intake);
    return result;
  }

  /** Who sent it (identifiers, their blind indexes, the customer) and the message's id. */
  private begin(input: ScreenInput, record: boolean): Screening {
    const now = this.d.clock.now();
    const { identifiers, indexes, senderKey } = this.identify(input.from);
    const facts = this.d.directory.resolve(identifiers, indexes);
    let customerKey: string | undefined;
    if (facts) {
      customerKey = this.customerKeys.get(facts);
      if (customerKey === undefined) {
        customerKey = `c:${facts.id}`;
        this.customerKeys.set(facts, customerKey);
      }
    }
    return {
      input,
      record,
      now,
      receivedAt: input.receivedAt ?? now,
      identifiers,
      indexes,
      facts,
      senderKey: customerKey ?? senderKey,
      messageId: newId('message', now),
      normalized: '',
      decision: 'allow',
      reasons: [],
      actions: { autoReply: null, tags: [], route: null, priority: null },
      // Filled only for the record; a dry run shares frozen empty lists (a push would throw).
      violated: record ? [] : NOTHING_TO_RECORD,
      ruleHits: record ? [] : NOTHING_TO_RECORD,
    };
  }

  /** 1. Blocklist policy, from memory: a block or channel restriction, and the rate limits that apply. */
  private applyPolicy(m: Screening): void | Promise<void> {
    const d = this.d;
    const { input } = m;
    const policy = d.blocklist.evaluate(
      { identifiers: m.identifiers, customerId: m.facts?.id ?? null, indexes: m.indexes },
      input.channel,
      input.sessionId ?? null,
      m.now,
    );
    if ((policy.decision === 'block' || policy.decision === 'restrict') && policy.entry) {
      const e = policy.entry;
      m.decision = stronger(m.decision, policy.decision);
      m.reasons.push({
        kind: 'blocklist',
        id: e.id,
        name: e.category,
        detail:
          policy.decision === 'block'
            ? 'level 1: full block'
            : `level 3: ${input.channel} is not an allowed channel`,
      });
      if (m.record) m.violated.push({ entryId: e.id, kind: policy.decision });
    }
    if (policy.limits.length === 0) return;
    // Every limit of the sender counted in one go: one look-up of the sender in memory.
    const limited = policy.limits.filter((e) => e.limit !== null);
    const set = {
      names: limited.map((e) => `lim:${e.id}`),
      windowsMs: limited.map((e) => (e.limit as RateLimit).windowSeconds * 1000),
      caps: limited.map((e) => (e.limit as RateLimit).max + 1),
    };
    const counted = hitEach(d.counters, m.senderKey, set, m.now, []);
    // In memory the counts are at hand: no promise, no wait (the common case returns nothing at all).
    if (Array.isArray(counted)) return applyLimits(m, limited, counted);
    return counted.then((counts) => applyLimits(m, limited, counts));
  }

  /**
   * 2. Opt-out / opt-in (keywords, or phrases in a short message) answer with a
   * confirmation in the customer's language; a question about opting out gets
   * a hint and changes nothing. Returns the intent to keep, if any.
   */
  private applyOptIntent(m: Screening): 'opt_out' | 'opt_in' | null {
    const d = this.d;
    const text = m.input.text;
    m.normalized = normalizeText(text);
    const optIntent = d.consent.keywordIntent(text, m.normalized);
    if (!optIntent) return null;
    const matcher = d.consent.matcher;
    const locale = replyLocale(text, m.identifiers, d.defaultRegion, matcher.isBareKeyword(text));
    const replies = matcher.settings.replies;
    m.actions.autoReply = (
      optIntent === 'opt_out' ? replies.optOut : optIntent === 'opt_in' ? replies.optIn : replies.question
    )[locale];
    m.actions.tags.push(optIntent);
    m.reasons.push({
      kind: optIntent,
      detail:
        optIntent === 'opt_out'
          ? 'marketing opt-out recorded'
          : optIntent === 'opt_in'
            ? 'marketing opt-in recorded'
            : 'asks how to opt out; answered with how, nothing recorded',
    });
    return optIntent === 'opt_out_question' ? null : optIntent;
  }

  /** 3. Rules: measure what they need, evaluate purely, apply what enforced rules decide. Returns the watch actions. */
  private applyRules(m: Screening): WatchAction[] | Promise<WatchAction[]> {
    const d = this.d;
    const rules = d.rules();
    const measuring = measureForRules(
      rules.needs,
      d.counters,
      d.duplicates,
      m.senderKey,
      m.normalized,
      m.now,
      this.measured,
    );
    // In-process counters answer at once: measured and evaluated with no other message in between,
    // so the shared measurements and subject serve, and nothing waits. Shared counters (Redis) get fresh ones.
    if (measuring instanceof Promise)
      return measuring.then((measured) =>
        applyMatches(m, rules.evaluate(new RuleSubject(d).of(m, measured))),
      );
    return applyMatches(m, rules.evaluate(this.subject.of(m, measuring)));
  }

  /**
   * 4. Records the message durably (group commit) before the answer, with its
   * complaint intake if it has one; not ok when it could not be recorded.
   */
  private async recordMessage(
    m: Screening,
    intake: ScreenedIntake | null,
  ): Promise<{ ok: boolean; intake: IntakeSettled }> {
    const d = this.d;
    const { input, now, messageId, decision } = m;
    const violations: BlocklistEventTable[] = m.violated.map((v) => ({
      id: newId('event', now),
      entry_id: v.entryId,
      at: now,
      kind: 'violation',
      actor_type: 'system',
      actor_id: null,
      detail: JSON.stringify({ messageId, channel: input.channel, decision: v.kind }),
      note_enc: null,
    }));
    try {
      const settled = await d.recorder.record(
        {
          message: {
            id: messageId,
            received_at: m.receivedAt,
            channel: input.channel,
            source: input.source ?? null,
            customer_id: m.facts?.id ?? null,
            sender_index: m.indexes[0] ?? null,
            identifiers_enc: d.keys.encrypt(JSON.stringify(m.identifiers)),
            text_enc: d.keys.encrypt(input.text),
            decision,
            reasons: JSON.stringify(m.reasons),
            actions: JSON.stringify(m.actions),
            external_id: input.externalId ?? null,
            session_id: input.sessionId ?? null,
            complaint_id: null,
            mark: null,
            marked_by: null,
            marked_at: null,
            created_at: now,
          },
          ruleHits: m.ruleHits,
          violations,
        },
        intake,
      );
      return { ok: true, intake: settled };
    } catch (err) {
      // The decision stands (it was made in memory); the answer says it is not on record.
      d.log.warn({ err: { message: (err as Error).message }, messageId }, 'screen answered unrecorded');
      return { ok: false, intake: null };
    }
  }

  /**
   * 5. Keeps an opt-out or opt-in. It must not be confirmed to the sender
   * unless it is kept: a failure answers an error, and the gateway retries.
   */
  private async keepConsent(
    m: Screening,
    intent: 'opt_out' | 'opt_in' | null,
    recorded: boolean,
    ctx: AuditContext,
  ): Promise<void> {
    if (!intent) return;
    try {
      await this.d.consent.set(
        ctx,
        m.identifiers,
        'marketing',
        intent === 'opt_out' ? 'opted_out' : 'opted_in',
        'inbound_keyword',
      );
    } catch (err) {
      if (recorded) throw err;
      throw new WardenError('RECORD_UNAVAILABLE', 'the database cannot record this opt-out or opt-in now', {
        cause: err,
      });
    }
  }

  private async runWatchAction(
    match: RuleMatch,
    action: Extract<RuleAction, { type: 'add_to_blocklist' } | { type: 'notify' }>,
    identifiers: Identifier[],
    facts: CustomerFacts | null,
    now: number,
  ): Promise<void> {
    const d = this.d;
    if (action.type === 'notify') {
      await d.alerts.raise({
        kind: 'rule_notify',
        severity: 'info',
        title: action.message ?? `Rule "${match.ruleName}" matched`,
        detail: { ruleId: match.ruleId, rule: match.ruleName, details: match.details },
        targetType: 'rule',
        targetId: match.ruleId,
      });
      return;
    }
    const risks = keyCustomerRisk(facts, d.protection);
    const target = facts ? { customerId: facts.id } : { identifier: identifiers[0] as Identifier };
    const dayKey = new Date(now).toISOString().slice(0, 10);
    if (risks) {
      await d.alerts.raise({
        kind: 'protected_customer',
        severity: 'warning',
        title: `Rule "${match.ruleName}" would block a key customer; not blocked`,
        detail: {
          ruleId: match.ruleId,
          rule: match.ruleName,
          customerId: facts?.id,
          risks,
          details: match.details,
        },
        targetType: 'customer',
        ...(facts ? { targetId: facts.id } : {}),
        dedupeKey: `protected:${match.ruleId}:${facts?.id}:${dayKey}`,
      });
      return;
    }
    try {
      const entry = await d.blocklist.create(
        { actor: { type: 'system', id: null, role: null }, requestId: null },
        {
          ...(target.customerId ? { customerId: target.customerId } : { identifier: target.identifier }),
          level: action.level,
          category: action.category,
          reason: `rule "${match.ruleName}": ${match.details.join('; ')}`,
          expiresAt: action.durationSeconds ? now + action.durationSeconds * 1000 : null,
          status: action.status === 'active' ? 'active' : 'pending',
          ...(action.limit ? { limit: action.limit } : {}),
          ...(action.allowedChannels ? { allowedChannels: action.allowedChannels } : {}),
        },
        `rule:${match.ruleId}`,
      );
      await d.alerts.raise({
        kind: 'auto_blocklist',
        severity: 'warning',
        title: `Rule "${match.ruleName}" added a blocklist entry (${entry.status})`,
        detail: {
          ruleId: match.ruleId,
          rule: match.ruleName,
          entryId: entry.id,
          level: entry.level,
          status: entry.status,
          details: match.details,
        },
        targetType: 'blocklist_entry',
        targetId: entry.id,
      });
    } catch (err) {
      // Already on the list at this level: the rule has nothing to add.
      if (err instanceof WardenError && err.code === 'BLOCKLIST_ENTRY_EXISTS') return;
      d.log.error({ err, ruleId: match.ruleId }, 'automatic blocklist addition failed');
    }
  }
}
