import type { AuditContext } from '../access/audit.js';
import { systemContext } from '../access/audit.js';
import type { BlocklistService } from '../blocklist/service.js';
import { keyCustomerRisk } from '../blocklist/service.js';
import type { Clock } from '../core/clock.js';
import type { KeyRing } from '../core/crypto/keyring.js';
import { WardenError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { Logger } from '../core/logging.js';
import { normalizeText } from '../core/text/normalize.js';
import type { CustomerDirectory, CustomerFacts } from '../identity/directory.js';
import { tryNormalizeIdentifier } from '../identity/identifiers.js';
import { type Identifier, isIdentifierType } from '../identity/model.js';
import type { AlertService } from '../notify/alerts.js';
import { measureForRules } from '../rules/measure.js';
import type { CompiledRules, RuleAction, RuleInput, RuleMatch } from '../rules/model.js';
import type { Counters } from '../storage/counters.js';
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
import type { MessageRecorder } from './recorder.js';

/** Identifier types in the order a sender is resolved by: phone first (the seeds key complaints on it). */
const resolveOrder = ['phone', 'user_id', 'open_id', 'email', 'device_id', 'ip'];

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
  /** Hooks that run after the record is durable (complaint detection). */
  afterScreen?:
    | ((
        result: ScreenResult,
        input: ScreenInput,
        facts: CustomerFacts | null,
        text: string,
      ) => Promise<ScreenResult['complaint']>)
    | undefined;
}

const optOutReply = {
  zh: '您已成功退订营销信息。如需重新订阅，请回复“订阅”。',
  en: 'You have been unsubscribed from marketing messages. Reply START to subscribe again.',
};
const optInReply = {
  zh: '您已重新订阅，感谢关注。',
  en: 'You are subscribed again. Thank you.',
};

const hasCjk = (s: string) => /[\u3400-\u9fff]/.test(s);

/**
 * The screening pipeline: identify the sender → blocklist policy → filter
 * rules → watch rules → record. Everything before the record reads memory
 * only; the record is a group commit, and the answer waits for it.
 */
export class ScreeningService {
  constructor(private readonly d: ScreeningDeps) {}

  /** Normalises `from`; throws INVALID_IDENTIFIER naming the field. */
  identify(from: Record<string, string>): { identifiers: Identifier[]; indexes: string[] } {
    const identifiers: Identifier[] = [];
    for (const [type, raw] of Object.entries(from)) {
      if (!isIdentifierType(type) || type === 'email_domain' || type === 'phone_prefix') {
        throw new WardenError('VALIDATION_FAILED', `"${type}" is not a sender identifier type`, {
          errors: [{ field: `/from/${type}`, message: 'unknown identifier type' }],
        });
      }
      const r = tryNormalizeIdentifier(type, raw, { defaultRegion: this.d.defaultRegion });
      if (!r.ok)
        throw new WardenError('INVALID_IDENTIFIER', r.message, {
          errors: [{ field: `/from/${type}`, message: r.message }],
        });
      identifiers.push(r.identifier);
    }
    if (identifiers.length === 0) {
      throw new WardenError('VALIDATION_FAILED', 'the sender needs at least one identifier', {
        errors: [{ field: '/from', message: 'empty' }],
      });
    }
    identifiers.sort((a, b) => rank(a.type) - rank(b.type));
    return { identifiers, indexes: identifiers.map((i) => this.d.keys.blindIndex(i.type, i.value)) };
  }

  async screen(
    input: ScreenInput,
    options: { record?: boolean; ctx?: AuditContext } = {},
  ): Promise<ScreenResult> {
    const d = this.d;
    const now = d.clock.now();
    const receivedAt = input.receivedAt ?? now;
    const { identifiers, indexes } = this.identify(input.from);
    const facts = d.directory.resolve(identifiers, indexes);
    const senderKey = facts ? `c:${facts.id}` : `i:${indexes[0]}`;
    const messageId = newId('message', now);
    const reasons: ScreenReason[] = [];
    const actions: ScreenActions = { autoReply: null, tags: [], route: null, priority: null };
    let decision: ScreeningDecision = 'allow';
    const decide = (next: ScreeningDecision) => {
      if (decisionOrder.indexOf(next) < decisionOrder.indexOf(decision)) decision = next;
    };
    const violations: BlocklistEventTable[] = [];
    const violation = (entryId: string, kind: string) =>
      violations.push({
        id: newId('event', now),
        entry_id: entryId,
        at: now,
        kind: 'violation',
        actor_type: 'system',
        actor_id: null,
        detail: JSON.stringify({ messageId, channel: input.channel, decision: kind }),
        note_enc: null,
      });

    // 1. Blocklist policy (memory only).
    const policy = d.blocklist.evaluate(
      { identifiers, customerId: facts?.id ?? null },
      input.channel,
      input.sessionId ?? null,
      now,
    );
    if (policy.decision === 'block' || policy.decision === 'restrict') {
      const e = policy.entry;
      if (e) {
        decide(policy.decision);
        reasons.push({
          kind: 'blocklist',
          id: e.id,
          name: e.category,
          detail:
            policy.decision === 'block'
              ? 'level 1: full block'
              : `level 3: ${input.channel} is not an allowed channel`,
        });
        violation(e.id, policy.decision);
      }
    }
    for (const entry of policy.limits) {
      const limit = entry.limit;
      if (!limit) continue;
      const n = await d.counters.hit(
        `lim:${entry.id}:${senderKey}`,
        limit.windowSeconds * 1000,
        now,
        limit.max + 1,
      );
      if (n > limit.max) {
        decide('limit');
        reasons.push({
          kind: 'limit',
          id: entry.id,
          name: entry.category,
          detail: `level 2: more than ${limit.max} messages in ${limit.windowSeconds}s`,
        });
        violation(entry.id, 'limit');
      }
    }

    // 2. Opt-out / opt-in keywords answer with a confirmation.
    const intent = d.consent.keywordIntent(input.text);
    if (intent) {
      const zh = hasCjk(input.text);
      actions.autoReply =
        intent === 'opt_out' ? (zh ? optOutReply.zh : optOutReply.en) : zh ? optInReply.zh : optInReply.en;
      actions.tags.push(intent);
      reasons.push({
        kind: intent,
        detail: intent === 'opt_out' ? 'marketing opt-out recorded' : 'marketing opt-in recorded',
      });
    }

    // 3. Rules: measure what they need, then evaluate purely.
    const rules = d.rules();
    const needs = rules.needs;
    const normalized = normalizeText(input.text);
    const { messageCounts, duplicates } = await measureForRules(
      needs,
      d.counters,
      d.duplicates,
      senderKey,
      normalized,
      now,
    );
    let spam: number | undefined;
    let sentiment: number | undefined;
    const ruleInput: RuleInput = {
      channel: input.channel,
      source: input.source ?? null,
      normalized,
      text: input.text,
      identifiers,
      customerTier: facts?.tier ?? null,
      senderKey,
      now: receivedAt,
      messageCounts,
      duplicates,
      spamScore: () => {
        spam ??= d.spamScore(input.text);
        return spam;
      },
      sentiment: () => {
        sentiment ??= d.sentiment(input.text);
        return sentiment;
      },
    };
    const matches = rules.evaluate(ruleInput);
    const ruleHits: MessageRuleHitTable[] = [];
    const watchActions: {
      match: RuleMatch;
      action: Extract<RuleAction, { type: 'add_to_blocklist' } | { type: 'notify' }>;
    }[] = [];
    for (const m of matches) {
      ruleHits.push({ message_id: messageId, rule_id: m.ruleId, mode: m.mode, at: now });
      reasons.push({
        kind: 'rule',
        id: m.ruleId,
        name: m.ruleName,
        detail: m.details.join('; '),
        mode: m.mode,
      });
      if (m.mode === 'shadow') continue;
      for (const a of m.actions) {
        switch (a.type) {
          case 'reject':
            decide('block');
            break;
          case 'drop':
            decide('drop');
            break;
          case 'quarantine':
            decide('quarantine');
            break;
          case 'mark_spam':
            decide('spam');
            break;
          case 'auto_reply':
            actions.autoReply ??= hasCjk(input.text) || !a.textEn ? a.text : a.textEn;
            break;
          case 'tag':
            if (!actions.tags.includes(a.value)) actions.tags.push(a.value);
            break;
          case 'route':
            actions.route ??= a.team;
            break;
          case 'set_priority':
            if (!actions.priority || a.priority < actions.priority) actions.priority = a.priority;
            break;
          case 'add_to_blocklist':
          case 'notify':
            watchActions.push({ match: m, action: a });
            break;
        }
      }
    }
    // A dropped message gets no reply. (decision is widened: the closure above assigns it.)
    if ((decision as ScreeningDecision) === 'drop') actions.autoReply = null;

    const result: ScreenResult = {
      messageId,
      decision,
      reasons,
      actions,
      customer: facts ? { id: facts.id, tier: facts.tier } : null,
      complaint: null,
      identifiers,
    };

    // 4. Record durably (group commit) before answering.
    if (options.record !== false) {
      await d.recorder.record({
        message: {
          id: messageId,
          received_at: receivedAt,
          channel: input.channel,
          source: input.source ?? null,
          customer_id: facts?.id ?? null,
          sender_index: indexes[0] ?? null,
          identifiers_enc: d.keys.encrypt(JSON.stringify(identifiers)),
          text_enc: d.keys.encrypt(input.text),
          decision,
          reasons: JSON.stringify(reasons),
          actions: JSON.stringify(actions),
          external_id: input.externalId ?? null,
          session_id: input.sessionId ?? null,
          complaint_id: null,
          mark: null,
          marked_by: null,
          marked_at: null,
          created_at: now,
        },
        ruleHits,
        violations,
      });
    }

    // 5. Effects on the sender: consent, automatic blocklist additions, notifications.
    if (intent)
      await d.consent.set(
        options.ctx ?? systemContext,
        identifiers,
        'marketing',
        intent === 'opt_out' ? 'opted_out' : 'opted_in',
        'inbound_keyword',
      );
    for (const w of watchActions) await this.runWatchAction(w.match, w.action, identifiers, facts, now);
    if (d.afterScreen && options.record !== false)
      result.complaint = await d.afterScreen(result, input, facts, input.text);
    return result;
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

const rank = (type: string) => {
  const i = resolveOrder.indexOf(type);
  return i === -1 ? resolveOrder.length : i;
};
