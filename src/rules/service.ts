import { type Selectable, sql } from 'kysely';
import type { AuditContext, AuditLog } from '../access/audit.js';
import type { Clock } from '../core/clock.js';
import type { KeyRing } from '../core/crypto/keyring.js';
import { WardenError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { LocalDays } from '../core/local-days.js';
import type { Logger } from '../core/logging.js';
import { KeywordCompiler } from '../core/text/keyword-compiler.js';
import { normalizeText } from '../core/text/normalize.js';
import type { Identifier } from '../identity/model.js';
import { DuplicateTracker } from '../screening/duplicates.js';
import type { Bus } from '../storage/bus.js';
import { HINT_TOPIC } from '../storage/change-feed.js';
import { MemoryCounters } from '../storage/counters.js';
import type { Store } from '../storage/database.js';
import { localDaySql } from '../storage/local-day.js';
import type { RuleTable } from '../storage/schema.js';
import { compileRules, compileRulesAsync } from './compiler.js';
import { measureForRules } from './measure.js';
import type { CompiledRules, Condition, Rule, RuleAction, RuleInput, RuleMode, RuleStage } from './model.js';
import { validateRuleDraft } from './validate.js';

export interface RuleDraft {
  name: string;
  stage: RuleStage;
  mode?: RuleMode;
  enabled?: boolean;
  priority?: number;
  conditions: Condition;
  actions: RuleAction[];
}

export interface RuleView extends Rule {
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

const toRule = (r: Selectable<RuleTable>): RuleView => ({
  id: r.id,
  name: r.name,
  stage: r.stage as RuleStage,
  mode: r.mode as RuleMode,
  enabled: r.enabled === 1,
  priority: r.priority,
  conditions: JSON.parse(r.conditions) as Condition,
  actions: JSON.parse(r.actions) as RuleAction[],
  version: r.version,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

/**
 * Filter and watch rules: stored, validated, compiled into one rule set that
 * screening reads. A change recompiles and swaps the set in one assignment,
 * so the next message sees it and no message waits for the compile.
 */
export class RulesService {
  private compiled: CompiledRules = compileRules([]);
  private readonly keywords = new KeywordCompiler();
  /** Reloads started; only the latest may swap its set in. */
  private reloads = 0;

  constructor(
    private readonly store: Store,
    private readonly keys: KeyRing,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly bus: Bus,
    private readonly log: Logger,
    private readonly spamScore: (text: string) => number,
    private readonly sentiment: (text: string) => number,
    /** The customer's current tier (from the in-memory directory), for trial runs. */
    private readonly tierOf: (customerId: string) => string | null = () => null,
  ) {}

  /**
   * Time (epoch ms) of the newest change to any rule in the set screening
   * uses: the same on every node that is in step (/metrics `warden_rules_version`).
   */
  loadedVersion = 0;

  /** The rule set screening evaluates (swapped on change). */
  current = (): CompiledRules => this.compiled;

  /**
   * Reads the rules and swaps in their compiled set. The keyword automaton is
   * built on a worker thread (KeywordCompiler), so screening goes on meanwhile;
   * when reloads overlap, the one started last wins.
   */
  async reload(): Promise<number> {
    const generation = ++this.reloads;
    // Deleted rules too, only for the version: a deletion is a change.
    const all = await this.store.db.selectFrom('rules').selectAll().execute();
    const rows = all.filter((r) => r.deleted_at === null);
    const version = all.reduce((v, r) => Math.max(v, r.updated_at, r.deleted_at ?? 0), 0);
    const started = performance.now();
    const compiled = await compileRulesAsync(rows.map(toRule), this.keywords.compile);
    if (generation === this.reloads) {
      this.compiled = compiled;
      this.loadedVersion = version;
    }
    this.log.debug({ rules: rows.length, ms: Math.round(performance.now() - started) }, 'rules compiled');
    return rows.length;
  }

  /** Stops the keyword compiler's thread. */
  async close(): Promise<void> {
    await this.keywords.close();
  }

  private async changed(): Promise<void> {
    await this.reload();
    // Other servers read the change from the feed; this only makes them look now.
    this.bus.publish(HINT_TOPIC, {}).catch((err) => this.log.warn({ err }, 'change hint not sent'));
  }

  async list(filter: { stage?: RuleStage | undefined } = {}): Promise<RuleView[]> {
    let q = this.store.db.selectFrom('rules').selectAll().where('deleted_at', 'is', null);
    if (filter.stage) q = q.where('stage', '=', filter.stage);
    return (await q.orderBy('priority', 'desc').orderBy('id').execute()).map(toRule);
  }

  /** Rule names by id (deleted rules too: the audit log names them after they are gone). */
  async namesOf(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.store.db
      .selectFrom('rules')
      .select(['id', 'name'])
      .where('id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async get(id: string): Promise<RuleView> {
    const row = await this.store.db
      .selectFrom('rules')
      .selectAll()
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!row) throw new WardenError('RULE_NOT_FOUND', `no rule ${id}`);
    return toRule(row);
  }

  async create(ctx: AuditContext, draft: RuleDraft): Promise<RuleView> {
    const { conditions, actions } = validateRuleDraft({
      stage: draft.stage,
      conditions: draft.conditions,
      actions: draft.actions,
    });
    const now = this.clock.now();
    const row: RuleTable = {
      id: newId('rule', now),
      name: draft.name.trim(),
      stage: draft.stage,
      // Omitted mode is shadow: a new rule proves itself on live traffic before it acts.
      mode: draft.mode ?? 'shadow',
      enabled: draft.enabled === false ? 0 : 1,
      priority: draft.priority ?? 100,
      conditions: JSON.stringify(conditions),
      actions: JSON.stringify(actions),
      version: 1,
      created_by: ctx.actor.id,
      created_at: now,
      updated_at: now,
      deleted_at: null,
    };
    await this.store.db.transaction().execute(async (trx) => {
      await trx.insertInto('rules').values(row).execute();
      await this.audit.append(trx, ctx, {
        action: 'rule.create',
        targetType: 'rule',
        targetId: row.id,
        summary: { name: row.name, stage: row.stage, mode: row.mode },
      });
    });
    await this.changed();
    return toRule(row);
  }

  async update(ctx: AuditContext, id: string, patch: Partial<RuleDraft>): Promise<RuleView> {
    const current = await this.get(id);
    const next = {
      stage: patch.stage ?? current.stage,
      conditions: patch.conditions ?? current.conditions,
      actions: patch.actions ?? current.actions,
    };
    const { conditions, actions } = validateRuleDraft(next);
    const now = this.clock.now();
    await this.store.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('rules')
        .set({
          name: patch.name?.trim() ?? current.name,
          stage: next.stage,
          mode: patch.mode ?? current.mode,
          enabled: (patch.enabled ?? current.enabled) ? 1 : 0,
          priority: patch.priority ?? current.priority,
          conditions: JSON.stringify(conditions),
          actions: JSON.stringify(actions),
          version: current.version + 1,
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
      await this.audit.append(trx, ctx, {
        action: 'rule.update',
        targetType: 'rule',
        targetId: id,
        summary: { fields: Object.keys(patch), version: current.version + 1 },
      });
    });
    await this.changed();
    return this.get(id);
  }

  async remove(ctx: AuditContext, id: string): Promise<void> {
    await this.get(id);
    await this.store.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('rules')
        .set({ deleted_at: this.clock.now(), enabled: 0 })
        .where('id', '=', id)
        .execute();
      await this.audit.append(trx, ctx, { action: 'rule.delete', targetType: 'rule', targetId: id });
    });
    await this.changed();
  }

  /**
   * Runs a draft over stored messages of a period, in the order they came,
   * replaying counters and duplicate detection, and says how many and which
   * would have matched. Records nothing.
   */
  async trial(
    ctx: AuditContext,
    draft: RuleDraft,
    period: { from: number; to: number; limit?: number; samples?: number },
  ): Promise<{
    scanned: number;
    matched: number;
    truncated: boolean;
    samples: {
      messageId: string;
      receivedAt: string;
      channel: string;
      decision: string;
      text: string;
      details: string[];
    }[];
  }> {
    const { conditions, actions } = validateRuleDraft({
      stage: draft.stage,
      conditions: draft.conditions,
      actions: draft.actions,
    });
    const compiled = compileRules([
      {
        id: 'trial',
        name: draft.name,
        stage: draft.stage,
        mode: 'enforce',
        enabled: true,
        priority: 0,
        conditions,
        actions,
        version: 0,
      },
    ]);
    const counters = new MemoryCounters();
    const duplicates = new DuplicateTracker(counters);
    const max = period.limit ?? 100_000;
    const wantSamples = period.samples ?? 20;
    let scanned = 0;
    let matched = 0;
    let after = '';
    const samples: {
      messageId: string;
      receivedAt: string;
      channel: string;
      decision: string;
      text: string;
      details: string[];
    }[] = [];
    for (;;) {
      const rows = await this.store.db
        .selectFrom('messages')
        .selectAll()
        .where('received_at', '>=', period.from)
        .where('received_at', '<', period.to)
        .where('id', '>', after)
        .orderBy('id')
        .limit(1000)
        .execute();
      if (rows.length === 0) break;
      for (const r of rows) {
        if (scanned >= max) break;
        scanned++;
        const text = this.keys.decrypt(r.text_enc);
        const identifiers = JSON.parse(this.keys.decrypt(r.identifiers_enc)) as Identifier[];
        const senderKey = r.customer_id ? `c:${r.customer_id}` : `i:${r.sender_index}`;
        const normalized = normalizeText(text);
        const { messageCounts, duplicates: dup } = await measureForRules(
          compiled.needs,
          counters,
          duplicates,
          senderKey,
          normalized,
          r.received_at,
        );
        const input: RuleInput = {
          channel: r.channel,
          source: r.source,
          normalized,
          text,
          identifiers,
          customerTier: r.customer_id ? this.tierOf(r.customer_id) : null,
          senderKey,
          now: r.received_at,
          messageCounts,
          duplicates: dup,
          spamScore: () => this.spamScore(text),
          sentiment: () => this.sentiment(text),
        };
        const m = compiled.evaluate(input);
        if (m.length) {
          matched++;
          if (samples.length < wantSamples) {
            samples.push({
              messageId: r.id,
              receivedAt: new Date(r.received_at).toISOString(),
              channel: r.channel,
              decision: r.decision,
              text: text.slice(0, 300),
              details: m[0]?.details ?? [],
            });
          }
        }
      }
      if (scanned >= max) break;
      after = rows[rows.length - 1]?.id ?? after;
    }
    await this.audit.append(this.store.db, ctx, {
      action: 'rule.trial',
      targetType: 'rule',
      summary: { scanned, matched },
    });
    return { scanned, matched, truncated: scanned >= max, samples };
  }

  /** Hits (enforced and shadow) and precision from agents' marks on the messages the rule matched. */
  /**
   * Every rule's hits per day of `days` (in its time zone), shadow and
   * enforced apart, and the agents' marks on the hit messages: precision is
   * spam marks over spam and not-spam marks, null before any mark.
   */
  async hitsPerDay(days: LocalDays) {
    const rows = await this.store.db
      .selectFrom('message_rule_hits')
      .innerJoin('messages', 'messages.id', 'message_rule_hits.message_id')
      .select([
        'message_rule_hits.rule_id as ruleId',
        localDaySql('message_rule_hits.at', days).as('d'),
        'message_rule_hits.mode as mode',
        'messages.mark as mark',
        (eb) => eb.fn.countAll<number>().as('n'),
      ])
      .where('message_rule_hits.at', '>=', days.since)
      .groupBy(['message_rule_hits.rule_id', sql`2`, 'message_rule_hits.mode', 'messages.mark'])
      .execute();
    const rules = await this.list();
    const byId = new Map(
      rules.map((r) => [
        r.id,
        {
          ruleId: r.id,
          name: r.name,
          mode: r.mode,
          enabled: r.enabled,
          hits: 0,
          enforced: 0,
          shadow: 0,
          marks: { spam: 0, notSpam: 0, invalid: 0 },
          precision: null as number | null,
          perDay: Array.from({ length: days.count }, (_, i) => ({
            day: days.label(i),
            enforced: 0,
            shadow: 0,
          })),
        },
      ]),
    );
    for (const r of rows) {
      // Hits of a rule since deleted are not shown: the list is of the rules there are.
      const rule = byId.get(r.ruleId);
      if (!rule) continue;
      const n = Number(r.n);
      const day = rule.perDay[Math.floor(Number(r.d)) - days.first];
      rule.hits += n;
      if (r.mode === 'shadow') {
        rule.shadow += n;
        if (day) day.shadow += n;
      } else {
        rule.enforced += n;
        if (day) day.enforced += n;
      }
      if (r.mark === 'spam') rule.marks.spam += n;
      else if (r.mark === 'not_spam') rule.marks.notSpam += n;
      else if (r.mark === 'invalid') rule.marks.invalid += n;
    }
    for (const rule of byId.values()) {
      const marked = rule.marks.spam + rule.marks.notSpam;
      rule.precision = marked ? rule.marks.spam / marked : null;
    }
    return [...byId.values()];
  }

  async stats(id: string, period: { from?: number | undefined; to?: number | undefined } = {}) {
    const rule = await this.get(id);
    let q = this.store.db
      .selectFrom('message_rule_hits')
      .innerJoin('messages', 'messages.id', 'message_rule_hits.message_id')
      .select([
        'message_rule_hits.mode as mode',
        'messages.mark as mark',
        (eb) => eb.fn.countAll<number>().as('n'),
      ])
      .where('message_rule_hits.rule_id', '=', id);
    if (period.from !== undefined) q = q.where('message_rule_hits.at', '>=', period.from);
    if (period.to !== undefined) q = q.where('message_rule_hits.at', '<', period.to);
    const rows = await q.groupBy(['message_rule_hits.mode', 'messages.mark']).execute();
    let enforced = 0;
    let shadow = 0;
    let spam = 0;
    let notSpam = 0;
    let invalid = 0;
    for (const r of rows) {
      const n = Number(r.n);
      if (r.mode === 'shadow') shadow += n;
      else enforced += n;
      if (r.mark === 'spam') spam += n;
      else if (r.mark === 'not_spam') notSpam += n;
      else if (r.mark === 'invalid') invalid += n;
    }
    const marked = spam + notSpam;
    const precision = marked ? spam / marked : null;
    return {
      ruleId: id,
      name: rule.name,
      hits: enforced + shadow,
      enforced,
      shadow,
      marks: { spam, notSpam, invalid },
      precision,
      // Many false positives: at least 5 marked hits and under 70 % confirmed.
      flagged: marked >= 5 && (precision ?? 1) < 0.7,
    };
  }
}
