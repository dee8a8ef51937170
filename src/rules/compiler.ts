/**
 * Compiles the enabled rules into one `CompiledRuleSet` that the screening
 * pipeline evaluates per message, in a few microseconds for hundreds of rules.
 *
 * - Every keyword of every rule goes into ONE Aho-Corasick automaton (keywords
 *   are normalised with `normalizeText`; identical normalised forms share an
 *   id), so a message is scanned once whatever the number of rules. Each
 *   keyword id maps to the keyword leaves that contain it; a scan marks those
 *   leaves with the message's stamp, and a keyword leaf then costs one read.
 * - A rule whose condition cannot hold unless one of its keyword leaves hit
 *   (`all` with a keyword child, `any` of such) is "gated": it is only
 *   evaluated when the scan hit one of those leaves. Most keyword rules are
 *   skipped without being looked at.
 * - Condition trees become closures. `all` / `any` are commutative, so their
 *   children are tried cheapest first: channel / source / tier / identifier
 *   type, then keywords (already computed), counters and duplicates, time of
 *   day, regular expressions, and last the lazily computed spam score and
 *   sentiment (each computed at most once per message).
 * - Evaluation allocates nothing when no rule matches (a shared frozen empty
 *   array comes back); details (the human-readable "why") are built only for
 *   rules that matched.
 *
 * A compiled set is immutable and not re-entrant: `evaluate` is synchronous
 * and keeps per-message scratch state in the set, so use one set per thread.
 */
import { WardenError } from '../core/errors.js';
import { compile as compileKeywords, type KeywordMatcher } from '../core/text/aho-corasick.js';
import { normalizeText } from '../core/text/normalize.js';
import { identifierTypes } from '../identity/model.js';
import {
  type CompiledRules,
  type Condition,
  type DuplicateSpec,
  duplicateKey,
  type Rule,
  type RuleAction,
  type RuleInput,
  type RuleMatch,
  type RuleMode,
  type RuleNeeds,
  type RuleStage,
} from './model.js';
import { formatClockTime, inTimeRange, parseClockTime, zoneClock } from './time-of-day.js';
import { DEFAULT_TIME_ZONE, REGEX_INPUT_LIMIT, REGEX_TIME_BUDGET_MS } from './validate.js';

/** Rules compiled for the hot path. */
export interface CompiledRuleSet extends CompiledRules {
  /** How many rules were compiled (the enabled ones). */
  readonly size: number;
  /**
   * A digest of the compiled rules' ids and versions, e.g. `"3-9c1f04d2"`:
   * two sets with the same version hold the same rules.
   */
  readonly version: string;
  /** Rule id → the rule version compiled in. */
  readonly ruleVersions: ReadonlyMap<string, number>;
  /** Rule ids in evaluation order (priority descending, then id). */
  readonly ruleIds: readonly string[];
  /** What the pipeline must measure (counters, duplicates, scores) before `evaluate`. */
  readonly needs: RuleNeeds;
  readonly stats: {
    readonly keywords: number;
    readonly distinctKeywords: number;
    readonly regexes: number;
    readonly compileMs: number;
  };
  /**
   * Messages on which the regular expressions ran out of their shared time
   * budget (REGEX_TIME_BUDGET_MS): the ones not yet tried counted as no match.
   */
  readonly regexBudget: { overruns: number };
  /**
   * The rules that match `input`, in priority order, both stages and both
   * modes (a shadow rule is reported with `mode: 'shadow'`; the caller decides
   * not to enforce it). Returns a shared frozen empty array when none matches.
   */
  evaluate(input: RuleInput): readonly RuleMatch[];
}

// Cost ranks for ordering the children of all / any (cheapest first).
const COST_ATTRIBUTE = 1;
const COST_KEYWORDS = 2;
const COST_COUNTER = 3;
const COST_TIME = 4;
const COST_REGEX = 5;
const COST_MODEL = 6;

const NO_MATCHES: readonly RuleMatch[] = Object.freeze([]);
const NO_KEYWORDS: readonly number[] = Object.freeze([]);

type FactReader = (input: RuleInput) => number;

/** Per-message scratch state, reused: evaluation is synchronous. */
class EvaluationState {
  input: RuleInput = undefined as unknown as RuleInput; // set before any node runs
  stamp = 0;
  found: readonly number[] = NO_KEYWORDS;
  private spam = Number.NaN;
  private mood = Number.NaN;
  private regexText: string | null = null;
  /** Time the message's regular expressions have taken so far, in ms. */
  private regexMs = 0;
  regexOverrun = false;

  private readonly factStamp: Int32Array;
  private readonly factValue: Float64Array;

  constructor(
    /** Keyword leaf → stamp of the last message that hit it. */
    readonly leafHit: Int32Array,
    /** Rule index → stamp of the last message that hit one of its gate leaves. */
    readonly ruleHit: Int32Array,
    private readonly factReaders: readonly FactReader[],
  ) {
    this.factStamp = new Int32Array(factReaders.length);
    this.factValue = new Float64Array(factReaders.length);
  }

  /**
   * A per-message fact shared by all rules (the channel's id, a counter), read
   * from the input once per message however many leaves ask.
   */
  fact(slot: number): number {
    if (this.factStamp[slot] !== this.stamp) {
      this.factStamp[slot] = this.stamp;
      this.factValue[slot] = (this.factReaders[slot] as FactReader)(this.input);
    }
    return this.factValue[slot] as number;
  }

  reset(input: RuleInput): void {
    this.input = input;
    this.spam = Number.NaN;
    this.mood = Number.NaN;
    this.regexText = null;
    this.regexMs = 0;
    this.regexOverrun = false;
    if (++this.stamp === 0x7fffffff) {
      this.leafHit.fill(0);
      this.ruleHit.fill(0);
      this.factStamp.fill(0);
      this.stamp = 1;
    }
  }

  spamScore(): number {
    if (Number.isNaN(this.spam)) this.spam = this.input.spamScore();
    return this.spam;
  }

  sentiment(): number {
    if (Number.isNaN(this.mood)) this.mood = this.input.sentiment();
    return this.mood;
  }

  /**
   * Runs one user regex within the message's budget: all its regexes together
   * get REGEX_TIME_BUDGET_MS, after which the rest count as not matching. A
   * V8 match cannot be interrupted, so this bounds the total, while the
   * validator's checks bound each single match.
   */
  regexTest(re: RegExp): boolean {
    if (this.regexMs >= REGEX_TIME_BUDGET_MS) {
      this.regexOverrun = true;
      return false;
    }
    const subject = this.regexSubject();
    const started = performance.now();
    const hit = re.test(subject);
    this.regexMs += performance.now() - started;
    return hit;
  }

  /** The part of the message regular expressions see (see REGEX_INPUT_LIMIT). */
  regexSubject(): string {
    if (this.regexText === null) {
      const text = this.input.text;
      this.regexText = text.length > REGEX_INPUT_LIMIT ? text.slice(0, REGEX_INPUT_LIMIT) : text;
    }
    return this.regexText;
  }
}

interface CompiledCondition {
  readonly cost: number;
  test(state: EvaluationState): boolean;
  /** Pushes why the condition holds (called only when it does). */
  explain(state: EvaluationState, out: string[]): void;
  /** A static description, for negated conditions. */
  describe(): string;
}

const round = (x: number): string => String(Math.round(x * 1000) / 1000);

const preview = (list: readonly string[], max = 3): string =>
  list.length <= max ? list.join(', ') : `${list.slice(0, max).join(', ')}, … (${list.length})`;

interface KeywordLeafBuild {
  /** Keyword id → the spelling this leaf gave it (first one if several normalise alike). */
  spelling: Map<number, string>;
  rule: number;
}

class Compiler {
  readonly keywordIds = new Map<string, number>();
  readonly keywordLeaves: KeywordLeafBuild[] = [];
  keywordCount = 0;
  regexCount = 0;
  readonly windows = new Set<number>();
  /** Per window, one more than the largest threshold tested: counting further changes no answer. */
  readonly countCaps = new Map<number, number>();
  readonly duplicates = new Map<string, DuplicateSpec>();
  spamScore = false;
  sentiment = false;
  readonly factReaders: FactReader[] = [];
  private readonly factSlots = new Map<string, number>();
  private readonly attributeIds = {
    channel: new Map<string, number>(),
    source: new Map<string, number>(),
    tier: new Map<string, number>(),
  };

  private fact(key: string, reader: FactReader): number {
    let slot = this.factSlots.get(key);
    if (slot === undefined) {
      slot = this.factReaders.length;
      this.factReaders.push(reader);
      this.factSlots.set(key, slot);
    }
    return slot;
  }

  /** A leaf on channel / source / tier: the message's value is interned once per message, each leaf tests a byte. */
  private attributeLeaf(kind: 'channel' | 'source' | 'tier', values: readonly string[]): CompiledCondition {
    const ids = this.attributeIds[kind];
    const member: number[] = [];
    for (const v of values) {
      let id = ids.get(v);
      if (id === undefined) {
        id = ids.size;
        ids.set(v, id);
      }
      member[id] = 1;
    }
    const bytes = Uint8Array.from(member, (x) => x ?? 0);
    const size = bytes.length;
    const attributeOf = (i: RuleInput) =>
      kind === 'channel' ? i.channel : kind === 'source' ? i.source : i.customerTier;
    const slot = this.fact(`attr:${kind}`, (i) => {
      const v = attributeOf(i);
      return v === null ? -1 : (ids.get(v) ?? -1);
    });
    return attribute(
      `${kind} in [${preview(values)}]`,
      (s) => {
        const id = s.fact(slot);
        return id >= 0 && id < size && bytes[id] === 1;
      },
      (s) => `${kind} ${attributeOf(s.input)}`,
    );
  }

  /** Returns the compiled node and the gate (keyword leaves of which one must hit), or null. */
  node(c: Condition, rule: number, ruleId: string): { node: CompiledCondition; gate: number[] | null } {
    if ('all' in c || 'any' in c) {
      const isAll = 'all' in c;
      const parts = (isAll ? c.all : c.any).map((child) => this.node(child, rule, ruleId));
      const original = parts.map((p) => p.node);
      const ordered = original.slice().sort((a, b) => a.cost - b.cost); // stable
      let gate: number[] | null = null;
      if (isAll) {
        for (const p of parts)
          if (p.gate !== null && (gate === null || p.gate.length < gate.length)) gate = p.gate;
      } else if (parts.every((p) => p.gate !== null)) gate = parts.flatMap((p) => p.gate as number[]);
      return { node: isAll ? allOf(ordered, original) : anyOf(ordered, original), gate };
    }
    if ('not' in c) {
      const inner = this.node(c.not, rule, ruleId).node;
      return {
        node: {
          cost: inner.cost,
          test: (s) => !inner.test(s),
          explain: (_s, out) => out.push(`not ${inner.describe()}`),
          describe: () => `not ${inner.describe()}`,
        },
        gate: null,
      };
    }
    if ('keywords' in c) {
      const leaf = this.keywordLeaves.length;
      const spelling = new Map<number, string>();
      for (const word of c.keywords.list) {
        const normalised = normalizeText(word);
        this.keywordCount++;
        if (normalised.length === 0) continue; // validation rejects these; never matches
        let id = this.keywordIds.get(normalised);
        if (id === undefined) {
          id = this.keywordIds.size;
          this.keywordIds.set(normalised, id);
        }
        if (!spelling.has(id)) spelling.set(id, word);
      }
      this.keywordLeaves.push({ spelling, rule });
      const description = `keywords [${preview(c.keywords.list)}]`;
      return {
        node: {
          cost: COST_KEYWORDS,
          test: (s) => s.leafHit[leaf] === s.stamp,
          explain: (s, out) => {
            const words: string[] = [];
            for (const id of s.found) {
              const word = spelling.get(id);
              if (word !== undefined) words.push(word);
            }
            out.push(`keywords: ${words.join(', ')}`);
          },
          describe: () => description,
        },
        gate: [leaf],
      };
    }
    return { node: this.leaf(c, ruleId), gate: null };
  }

  private leaf(c: Condition, ruleId: string): CompiledCondition {
    if ('channel' in c) return this.attributeLeaf('channel', c.channel.in);
    if ('source' in c) return this.attributeLeaf('source', c.source.in);
    if ('tier' in c) return this.attributeLeaf('tier', c.tier.in);
    if ('identifierType' in c) {
      const set = new Set(c.identifierType.in);
      let mask = 0;
      identifierTypes.forEach((type, bit) => {
        if (set.has(type)) mask |= 1 << bit;
      });
      const slot = this.fact('identifierTypes', (i) => {
        let present = 0;
        for (const id of i.identifiers) {
          const bit = identifierTypes.indexOf(id.type);
          if (bit >= 0) present |= 1 << bit;
        }
        return present;
      });
      return attribute(
        `identifierType in [${preview(c.identifierType.in)}]`,
        (s) => (s.fact(slot) & mask) !== 0,
        (s) => `identifierType ${s.input.identifiers.find((i) => set.has(i.type))?.type}`,
      );
    }
    if ('messageCount' in c) {
      const { gt, windowSeconds } = c.messageCount;
      this.windows.add(windowSeconds);
      this.countCaps.set(windowSeconds, Math.max(this.countCaps.get(windowSeconds) ?? 0, gt + 1));
      const slot = this.fact(`count:${windowSeconds}`, (i) => i.messageCounts.get(windowSeconds) ?? 0);
      const count = (s: EvaluationState) => s.fact(slot);
      return {
        cost: COST_COUNTER,
        test: (s) => count(s) > gt,
        explain: (s, out) => out.push(`messageCount ${count(s)} > ${gt} in ${windowSeconds}s`),
        describe: () => `messageCount > ${gt} in ${windowSeconds}s`,
      };
    }
    if ('duplicate' in c) {
      const spec: DuplicateSpec = {
        scope: c.duplicate.scope,
        windowSeconds: c.duplicate.windowSeconds,
        near: c.duplicate.near === true,
      };
      const key = duplicateKey(spec);
      this.duplicates.set(key, spec);
      const min = c.duplicate.minCount ?? 1;
      const slot = this.fact(`duplicate:${key}`, (i) => i.duplicates.get(key) ?? 0);
      const count = (s: EvaluationState) => s.fact(slot);
      const what = `in ${spec.windowSeconds}s (${spec.scope}${spec.near ? ', near' : ''})`;
      return {
        cost: COST_COUNTER,
        test: (s) => count(s) >= min,
        explain: (s, out) => {
          const n = count(s);
          out.push(`duplicate: ${n} earlier ${n === 1 ? 'copy' : 'copies'} ${what}`);
        },
        describe: () => `duplicate (≥ ${min}) ${what}`,
      };
    }
    if ('spamScore' in c) {
      const { gte } = c.spamScore;
      this.spamScore = true;
      return {
        cost: COST_MODEL,
        test: (s) => s.spamScore() >= gte,
        explain: (s, out) => out.push(`spamScore ${round(s.spamScore())} ≥ ${gte}`),
        describe: () => `spamScore ≥ ${gte}`,
      };
    }
    if ('sentiment' in c) {
      const { lte } = c.sentiment;
      this.sentiment = true;
      return {
        cost: COST_MODEL,
        test: (s) => s.sentiment() <= lte,
        explain: (s, out) => out.push(`sentiment ${round(s.sentiment())} ≤ ${lte}`),
        describe: () => `sentiment ≤ ${lte}`,
      };
    }
    if ('timeOfDay' in c) {
      const zone = c.timeOfDay.timeZone ?? DEFAULT_TIME_ZONE;
      const from = parseClockTime(c.timeOfDay.from);
      const to = parseClockTime(c.timeOfDay.to);
      let clock: ReturnType<typeof zoneClock>;
      try {
        clock = zoneClock(zone);
      } catch (e) {
        throw new WardenError('VALIDATION_FAILED', `rule ${ruleId}: unknown time zone ${zone}`, { cause: e });
      }
      const range = `${c.timeOfDay.from}–${c.timeOfDay.to} ${zone}`;
      return {
        cost: COST_TIME,
        test: (s) => inTimeRange(clock.minuteOfDay(s.input.now), from, to),
        explain: (s, out) =>
          out.push(`timeOfDay ${formatClockTime(clock.minuteOfDay(s.input.now))} in ${range}`),
        describe: () => `timeOfDay in ${range}`,
      };
    }
    if ('regex' in c) {
      // g and y make test() stateful (lastIndex); validation never lets them in.
      const flags = (c.regex.flags ?? '').replace(/[gy]/g, '');
      let re: RegExp;
      try {
        re = new RegExp(c.regex.pattern, flags);
      } catch (e) {
        throw new WardenError('VALIDATION_FAILED', `rule ${ruleId}: regex does not compile`, { cause: e });
      }
      this.regexCount++;
      const shown = `/${c.regex.pattern}/${flags}`;
      return {
        cost: COST_REGEX,
        test: (s) => s.regexTest(re),
        explain: (_s, out) => out.push(`regex ${shown} matched`),
        describe: () => `regex ${shown}`,
      };
    }
    throw new WardenError('VALIDATION_FAILED', `rule ${ruleId}: unknown condition ${JSON.stringify(c)}`);
  }
}

function attribute(
  description: string,
  test: (s: EvaluationState) => boolean,
  detail: (s: EvaluationState) => string,
): CompiledCondition {
  return {
    cost: COST_ATTRIBUTE,
    test,
    explain: (s, out) => out.push(detail(s)),
    describe: () => description,
  };
}

function allOf(ordered: CompiledCondition[], original: CompiledCondition[]): CompiledCondition {
  const cost = Math.max(...ordered.map((n) => n.cost));
  const n = ordered.length;
  const [a, b] = ordered as [CompiledCondition, CompiledCondition];
  return {
    cost,
    test:
      n === 1
        ? (s) => a.test(s)
        : n === 2
          ? (s) => a.test(s) && b.test(s)
          : (s) => {
              for (let i = 0; i < n; i++) if (!(ordered[i] as CompiledCondition).test(s)) return false;
              return true;
            },
    explain: (s, out) => {
      for (const child of original) child.explain(s, out);
    },
    describe: () => `all(${original.map((c) => c.describe()).join('; ')})`,
  };
}

function anyOf(ordered: CompiledCondition[], original: CompiledCondition[]): CompiledCondition {
  const cost = Math.max(...ordered.map((n) => n.cost));
  const n = ordered.length;
  return {
    cost,
    test: (s) => {
      for (let i = 0; i < n; i++) if ((ordered[i] as CompiledCondition).test(s)) return true;
      return false;
    },
    explain: (s, out) => {
      for (const child of original) if (child.test(s)) child.explain(s, out);
    },
    describe: () => `any(${original.map((c) => c.describe()).join('; ')})`,
  };
}

interface CompiledRule {
  id: string;
  name: string;
  stage: RuleStage;
  mode: RuleMode;
  actions: RuleAction[];
  condition: CompiledCondition;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** FNV-1a over the ids and versions, as 8 hex digits. */
function digest(rules: readonly Rule[]): string {
  let h = 0x811c9dc5;
  for (const r of rules) {
    const s = `${r.id}@${r.version};`;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  }
  return `${rules.length}-${(h >>> 0).toString(16).padStart(8, '0')}`;
}

/**
 * Compiles the enabled rules (assumed validated by `validateRuleDraft`).
 * Throws WardenError VALIDATION_FAILED for a regex or time zone that does not
 * compile, which validation prevents.
 *
 * @example
 * const set = compileRules(rules);
 * const matches = set.evaluate({ ...message, normalized: normalizeText(message.text), … });
 */
export function compileRules(rules: readonly Rule[]): CompiledRuleSet {
  const steps = planRules(rules);
  let step = steps.next();
  while (!step.done) step = steps.next();
  const plan = step.value;
  return plan.finish(plan.keywords.length > 0 ? compileKeywords(plan.keywords) : null);
}

/** Longest stretch compileRulesAsync works before it lets the event loop run. */
const SLICE_MS = 2;

/**
 * `compileRules` with the keyword automaton built by `build` (a
 * KeywordCompiler's thread): screening goes on while it is built, and pauses
 * only for the rest, a few milliseconds for 50 rules.
 */
export async function compileRulesAsync(
  rules: readonly Rule[],
  build: (keywords: readonly string[]) => Promise<KeywordMatcher>,
): Promise<CompiledRuleSet> {
  const steps = planRules(rules);
  let sliceStart = performance.now();
  let step = steps.next();
  while (!step.done) {
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
    step = steps.next();
  }
  const plan = step.value;
  const matcher = plan.keywords.length > 0 ? await build(plan.keywords) : null;
  return plan.finish(matcher);
}

/**
 * The rules compiled up to the keyword automaton, and what completes them
 * with it. A generator: it stops after each rule, so an async caller can let
 * the event loop run between them.
 */
function* planRules(
  rules: readonly Rule[],
): Generator<
  void,
  { keywords: string[]; finish: (matcher: KeywordMatcher | null) => CompiledRuleSet },
  void
> {
  const started = performance.now();
  const enabled = rules
    .filter((r) => r.enabled)
    .sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const compiler = new Compiler();
  const compiled: CompiledRule[] = [];
  const gates: (number[] | null)[] = [];
  for (const [index, rule] of enabled.entries()) {
    const { node, gate } = compiler.node(rule.conditions, index, rule.id);
    compiled.push({
      id: rule.id,
      name: rule.name,
      stage: rule.stage,
      mode: rule.mode,
      actions: deepFreeze(structuredClone(rule.actions)),
      condition: node,
    });
    gates.push(gate);
    yield;
  }

  // Keyword id → keyword leaves (CSR), and gate leaf → its rule.
  const leafCount = compiler.keywordLeaves.length;
  const distinct = compiler.keywordIds.size;
  const leafStart = new Int32Array(distinct + 1);
  for (const leaf of compiler.keywordLeaves)
    for (const id of leaf.spelling.keys()) leafStart[id + 1] = (leafStart[id + 1] as number) + 1;
  for (let id = 0; id < distinct; id++)
    leafStart[id + 1] = (leafStart[id + 1] as number) + (leafStart[id] as number);
  const fill = leafStart.slice(0, distinct);
  const leafList = new Int32Array(leafStart[distinct] as number);
  compiler.keywordLeaves.forEach((leaf, index) => {
    for (const id of leaf.spelling.keys()) leafList[(fill[id] as number)++] = index;
  });
  const gateRule = new Int32Array(leafCount).fill(-1);
  const gated = new Uint8Array(compiled.length);
  gates.forEach((gate, rule) => {
    if (gate === null) return;
    gated[rule] = 1;
    for (const leaf of gate) gateRule[leaf] = rule;
  });
  const ungated = Int32Array.from(compiled.keys()).filter((r) => gated[r] === 0);

  const finish = (matcher: KeywordMatcher | null): CompiledRuleSet => {
    const state = new EvaluationState(
      new Int32Array(leafCount),
      new Int32Array(compiled.length),
      compiler.factReaders,
    );
    const candidates = new Int32Array(compiled.length);
    const regexBudget = { overruns: 0 };

    const evaluate = (input: RuleInput): readonly RuleMatch[] => {
      state.reset(input);
      const stamp = state.stamp;
      const { leafHit, ruleHit } = state;
      let hitRules = 0;
      if (matcher !== null) {
        const found = matcher.matchAll(input.normalized);
        state.found = found;
        for (let f = 0; f < found.length; f++) {
          const id = found[f] as number;
          for (let j = leafStart[id] as number, end = leafStart[id + 1] as number; j < end; j++) {
            const leaf = leafList[j] as number;
            leafHit[leaf] = stamp;
            const rule = gateRule[leaf] as number;
            if (rule >= 0 && ruleHit[rule] !== stamp) {
              ruleHit[rule] = stamp;
              // Insertion into the sorted candidate list: few rules hit per message.
              let k = hitRules++;
              while (k > 0 && (candidates[k - 1] as number) > rule) {
                candidates[k] = candidates[k - 1] as number;
                k--;
              }
              candidates[k] = rule;
            }
          }
        }
      }
      // Merge the always-evaluated rules with the gated ones that were hit, in priority order.
      let matches: RuleMatch[] | null = null;
      let u = 0;
      let h = 0;
      const ungatedCount = ungated.length;
      while (u < ungatedCount || h < hitRules) {
        let r: number;
        if (h >= hitRules || (u < ungatedCount && (ungated[u] as number) < (candidates[h] as number))) {
          r = ungated[u++] as number;
        } else r = candidates[h++] as number;
        const rule = compiled[r] as CompiledRule;
        if (!rule.condition.test(state)) continue;
        const details: string[] = [];
        rule.condition.explain(state, details);
        matches ??= [];
        matches.push({
          ruleId: rule.id,
          ruleName: rule.name,
          stage: rule.stage,
          mode: rule.mode,
          actions: rule.actions,
          details,
        });
      }
      state.found = NO_KEYWORDS;
      if (state.regexOverrun) regexBudget.overruns++;
      return matches ?? NO_MATCHES;
    };

    const needs: RuleNeeds = deepFreeze({
      windows: [...compiler.windows].sort((a, b) => a - b),
      countCaps: Object.fromEntries(compiler.countCaps),
      duplicates: [...compiler.duplicates.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([, spec]) => spec),
      spamScore: compiler.spamScore,
      sentiment: compiler.sentiment,
    });

    return {
      size: compiled.length,
      version: digest(enabled),
      ruleVersions: new Map(enabled.map((r) => [r.id, r.version])),
      ruleIds: Object.freeze(enabled.map((r) => r.id)),
      needs,
      stats: Object.freeze({
        keywords: compiler.keywordCount,
        distinctKeywords: distinct,
        regexes: compiler.regexCount,
        compileMs: performance.now() - started,
      }),
      regexBudget,
      evaluate,
    };
  };
  return { keywords: [...compiler.keywordIds.keys()], finish };
}
