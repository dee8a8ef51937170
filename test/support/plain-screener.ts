/**
 * A deliberately plain screener: the decision `ScreeningService.screen` makes
 * with recording off, written the slow, obvious way, so a randomised test can
 * hold the fast path to it (src/screening/fast-vs-plain.test.ts).
 *
 * - the blocklist: every entry scanned for every message;
 * - rules interpreted straight from their definitions: keywords by
 *   `includes` on the normalised text, regexes by `RegExp.test`, counts and
 *   duplicates from plain arrays of timestamps filtered by their window,
 *   channel / source / tier / identifier type / time of day by comparison.
 *
 * Only what the fast path takes from elsewhere as given is shared: the text
 * normaliser (`normalizeText`, pure and table-tested) and the opt-out
 * vocabulary of the consent settings. Not covered: spam score, sentiment and
 * near-duplicates (SimHash), whose fast path is the only definition.
 */
import { normalizeText } from '../../src/core/text/normalize.js';
import type { Identifier } from '../../src/identity/model.js';
import type { Condition, Rule, RuleAction } from '../../src/rules/model.js';
import { REGEX_INPUT_LIMIT } from '../../src/rules/validate.js';
import type { ScreenActions, ScreeningDecision, ScreenReason } from '../../src/screening/model.js';

export interface PlainEntry {
  id: string;
  level: 1 | 2 | 3;
  /** The entry's target: a customer, or one normalised identifier. */
  customerId: string | null;
  identifier: Identifier | null;
  limit: { max: number; windowSeconds: number } | null;
  allowedChannels: string[] | null;
  expiresAt: number | null;
}

export interface PlainCustomer {
  id: string;
  tier: string;
  identifiers: Identifier[];
}

export interface PlainMessage {
  channel: string;
  source: string | null;
  text: string;
  /** As normalised (the generator knows each raw variant's normal form). */
  identifiers: Identifier[];
  now: number;
}

export interface PlainResult {
  decision: ScreeningDecision;
  reasons: Pick<ScreenReason, 'kind' | 'id' | 'mode'>[];
  actions: ScreenActions;
}

/** What the consent settings say of a text (opt-out vocabulary), and the reply they give. */
export type OptIntentOf = (
  text: string,
  identifiers: Identifier[],
) => { intent: 'opt_out' | 'opt_in' | 'opt_out_question'; reply: string } | null;

const order: ScreeningDecision[] = ['block', 'restrict', 'limit', 'drop', 'quarantine', 'spam', 'allow'];
const pick = (a: ScreeningDecision, b: ScreeningDecision) => (order.indexOf(b) < order.indexOf(a) ? b : a);
const resolveOrder = ['phone', 'user_id', 'open_id', 'email', 'device_id', 'ip'];
const rank = (t: string) => {
  const i = resolveOrder.indexOf(t);
  return i < 0 ? resolveOrder.length : i;
};

export class PlainScreener {
  /** Event times per key within its window (each key has one window). */
  private readonly events = new Map<string, number[]>();
  private readonly rules: Rule[];

  constructor(
    private readonly entries: PlainEntry[],
    private readonly customers: PlainCustomer[],
    rules: Rule[],
    private readonly optIntent: OptIntentOf,
  ) {
    this.rules = rules
      .filter((r) => r.enabled)
      .sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  screen(m: PlainMessage): PlainResult {
    const ids = [...m.identifiers].sort((a, b) => rank(a.type) - rank(b.type));
    let customer: PlainCustomer | null = null;
    for (const id of ids) {
      customer =
        this.customers.find((c) => c.identifiers.some((x) => x.type === id.type && x.value === id.value)) ??
        null;
      if (customer) break;
    }
    const first = ids[0] as Identifier;
    const sender = customer ? `c:${customer.id}` : `i:${first.type}:${first.value}`;
    let decision: ScreeningDecision = 'allow';
    const reasons: PlainResult['reasons'] = [];
    const actions: ScreenActions = { autoReply: null, tags: [], route: null, priority: null };

    // Blocklist: every entry looked at.
    const applies = this.entries.filter(
      (e) =>
        (e.expiresAt === null || m.now < e.expiresAt) &&
        ((e.customerId !== null && e.customerId === customer?.id) ||
          (e.identifier !== null &&
            ids.some((i) => i.type === e.identifier?.type && i.value === e.identifier.value))),
    );
    const byTie = (a: PlainEntry, b: PlainEntry) =>
      (a.customerId ? 0 : 1) - (b.customerId ? 0 : 1) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const blocks = applies.filter((e) => e.level === 1).sort(byTie);
    const restricts = applies
      .filter((e) => e.level === 3 && !(e.allowedChannels ?? []).includes(m.channel))
      .sort(byTie);
    const strongest = blocks[0] ?? restricts[0];
    if (strongest) {
      decision = pick(decision, blocks[0] ? 'block' : 'restrict');
      reasons.push({ kind: 'blocklist', id: strongest.id });
    }
    const limits = applies
      .filter((e) => e.level === 2 && e.limit !== null)
      .sort((a, b) => {
        const la = a.limit as { max: number; windowSeconds: number };
        const lb = b.limit as { max: number; windowSeconds: number };
        return la.max * lb.windowSeconds - lb.max * la.windowSeconds || byTie(a, b);
      });
    for (const e of limits) {
      const limit = e.limit as { max: number; windowSeconds: number };
      const n = this.record(`lim|${e.id}|${sender}`, m.now, limit.windowSeconds * 1000);
      if (n > limit.max) {
        decision = pick(decision, 'limit');
        reasons.push({ kind: 'limit', id: e.id });
      }
    }

    // Opt-out / opt-in keywords.
    const normalized = normalizeText(m.text);
    const opt = this.optIntent(m.text, m.identifiers);
    if (opt) {
      actions.autoReply = opt.reply;
      actions.tags.push(opt.intent);
      reasons.push({ kind: opt.intent });
    }

    // Rules: the measurements first (every message counts, whichever rule matches).
    const counts = new Map<number, number>();
    const copies = new Map<string, number>();
    for (const w of this.windows) counts.set(w, this.record(`msg|${w}|${sender}`, m.now, w * 1000));
    for (const d of this.duplicateSpecs) {
      const key =
        d.scope === 'sender'
          ? `dup|s|${d.windowSeconds}|${sender}|${normalized}`
          : `dup|a|${d.windowSeconds}|${normalized}`;
      copies.set(`${d.scope}:${d.windowSeconds}`, this.record(key, m.now, d.windowSeconds * 1000) - 1);
    }
    const facts = { m, normalized, tier: customer?.tier ?? null, counts, copies, ids };
    for (const rule of this.rules) {
      if (!holds(rule.conditions, facts)) continue;
      reasons.push({ kind: 'rule', id: rule.id, mode: rule.mode });
      if (rule.mode === 'shadow') continue;
      for (const a of rule.actions) decision = act(a, decision, actions, m.text);
    }
    if (decision === 'drop') actions.autoReply = null;
    return { decision, reasons, actions };
  }

  /** Adds one event at `now` to `key` and returns the events within (now - windowMs, now]. */
  private record(key: string, now: number, windowMs: number): number {
    let times = this.events.get(key);
    if (!times) {
      times = [];
      this.events.set(key, times);
    }
    times.push(now);
    const live = times.filter((t) => t > now - windowMs);
    this.events.set(key, live);
    return live.length;
  }

  private get windows(): number[] {
    this.windowList ??= this.windowsOf();
    return this.windowList;
  }

  private get duplicateSpecs(): { scope: 'sender' | 'all'; windowSeconds: number }[] {
    this.specList ??= this.duplicateSpecsOf();
    return this.specList;
  }

  private windowList: number[] | undefined;
  private specList: { scope: 'sender' | 'all'; windowSeconds: number }[] | undefined;

  private windowsOf(): number[] {
    const out = new Set<number>();
    for (const r of this.rules)
      walk(r.conditions, (c) => 'messageCount' in c && out.add(c.messageCount.windowSeconds));
    return [...out];
  }

  private duplicateSpecsOf(): { scope: 'sender' | 'all'; windowSeconds: number }[] {
    const out = new Map<string, { scope: 'sender' | 'all'; windowSeconds: number }>();
    for (const r of this.rules)
      walk(r.conditions, (c) => {
        if ('duplicate' in c)
          out.set(`${c.duplicate.scope}:${c.duplicate.windowSeconds}`, {
            scope: c.duplicate.scope,
            windowSeconds: c.duplicate.windowSeconds,
          });
      });
    return [...out.values()];
  }
}

/** Only to keep the test quick: the same `normalizeText` and `Intl` answers, made once. */
const keywordForms = new Map<string, string>();
const normalizedKeyword = (w: string): string => {
  let n = keywordForms.get(w);
  if (n === undefined) {
    n = normalizeText(w);
    keywordForms.set(w, n);
  }
  return n;
};
const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterOf = (timeZone: string): Intl.DateTimeFormat => {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
};

function walk(c: Condition, visit: (c: Condition) => unknown): void {
  visit(c);
  if ('all' in c) for (const x of c.all) walk(x, visit);
  else if ('any' in c) for (const x of c.any) walk(x, visit);
  else if ('not' in c) walk(c.not, visit);
}

interface Facts {
  m: PlainMessage;
  normalized: string;
  tier: string | null;
  counts: Map<number, number>;
  copies: Map<string, number>;
  ids: Identifier[];
}

function holds(c: Condition, f: Facts): boolean {
  if ('all' in c) return c.all.every((x) => holds(x, f));
  if ('any' in c) return c.any.some((x) => holds(x, f));
  if ('not' in c) return !holds(c.not, f);
  if ('keywords' in c)
    return c.keywords.list.some((w) => {
      const n = normalizedKeyword(w);
      return n.length > 0 && f.normalized.includes(n);
    });
  if ('regex' in c)
    return new RegExp(c.regex.pattern, (c.regex.flags ?? '').replace(/[gy]/g, '')).test(
      f.m.text.slice(0, REGEX_INPUT_LIMIT),
    );
  if ('channel' in c) return c.channel.in.includes(f.m.channel);
  if ('source' in c) return f.m.source !== null && c.source.in.includes(f.m.source);
  if ('tier' in c) return f.tier !== null && c.tier.in.includes(f.tier);
  if ('identifierType' in c) return f.ids.some((i) => c.identifierType.in.includes(i.type));
  if ('messageCount' in c) return (f.counts.get(c.messageCount.windowSeconds) ?? 0) > c.messageCount.gt;
  if ('duplicate' in c)
    return (
      (f.copies.get(`${c.duplicate.scope}:${c.duplicate.windowSeconds}`) ?? 0) >= (c.duplicate.minCount ?? 1)
    );
  if ('timeOfDay' in c) {
    const parts = formatterOf(c.timeOfDay.timeZone ?? 'Asia/Shanghai').formatToParts(f.m.now);
    const hm = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
    const minute =
      Number(parts.find((p) => p.type === 'hour')?.value) * 60 +
      Number(parts.find((p) => p.type === 'minute')?.value);
    const from = hm(c.timeOfDay.from);
    const to = hm(c.timeOfDay.to);
    return from <= to ? from <= minute && minute < to : minute >= from || minute < to;
  }
  throw new Error(`the plain screener does not interpret ${JSON.stringify(c)}`);
}

function act(
  a: RuleAction,
  decision: ScreeningDecision,
  actions: ScreenActions,
  text: string,
): ScreeningDecision {
  switch (a.type) {
    case 'reject':
      return pick(decision, 'block');
    case 'drop':
      return pick(decision, 'drop');
    case 'quarantine':
      return pick(decision, 'quarantine');
    case 'mark_spam':
      return pick(decision, 'spam');
    case 'auto_reply':
      if (actions.autoReply === null)
        actions.autoReply = /[\u3400-\u9fff]/.test(text) || !a.textEn ? a.text : a.textEn;
      return decision;
    case 'tag':
      if (!actions.tags.includes(a.value)) actions.tags.push(a.value);
      return decision;
    case 'route':
      if (actions.route === null) actions.route = a.team;
      return decision;
    case 'set_priority':
      if (actions.priority === null || a.priority < actions.priority) actions.priority = a.priority;
      return decision;
    default:
      return decision; // watch actions run after a record; none with recording off
  }
}
