/**
 * Validation of a rule's `conditions` and `actions` as a client sends them
 * (`POST /rules`, `PATCH /rules/{id}`, `POST /rules/trial`).
 *
 * Every problem is reported with the JSON pointer of the offending field
 * (`/conditions/all/0/regex/pattern`, `/actions/1/type`), all at once, so a
 * console can mark each field. The result is a clean copy with defaults filled
 * in (`timeZone`, `flags`, `status`, …) and nothing the model does not know.
 *
 * Regular expressions run on the screening hot path, so a rule may not carry
 * one that can backtrack catastrophically. Two defences, both needed:
 * 1. `regexSafetyIssue` — a small, conservative static check (below) that
 *    rejects backreferences, nested quantifiers (`(a+)+`, `(.*a){12}`), repeated
 *    groups whose alternatives overlap (`(a|a)*`) or that can match empty, and
 *    two unbounded quantifiers that can eat the same characters one after the
 *    other (`\d+\d+$`, `.*a.*b`): measured on V8, those take 20 s on 4,000
 *    characters. It rejects some harmless patterns (`(?:\d{1,3}\.){3}`: write
 *    the repetition out), never the other way round as far as we know.
 *    Lookaheads and lookbehinds may not contain any quantifier: they run
 *    again at every position tried, so `(?<=a+)a+(?<=a+)` is cubic (9 s).
 * 2. The compiler applies a regex only to the first `REGEX_INPUT_LIMIT`
 *    characters of a message, which bounds what the check lets through: a
 *    single unbounded quantifier is still quadratic in the worst case
 *    (`a.*b` on 4,000 × `a`: ~12 ms measured), rare and bounded.
 * 3. All regexes of one message share a time budget (`REGEX_TIME_BUDGET_MS`);
 *    past it the rest count as not matching, so many slow-ish rules cannot
 *    add up to a stall. The fuzz corpus in src/rules/regex-fuzz.test.ts holds
 *    each evil pattern to: rejected, or one match on 4,000 hostile characters
 *    within the budget.
 */

import { type FieldError, WardenError } from '../core/errors.js';
import { isValidTimeZone } from '../core/local-days.js';
import { normalizeText } from '../core/text/normalize.js';
import type { Condition, RuleAction, RuleStage } from './model.js';

/** Regular expressions see at most this many characters of a message (see the module comment). */
export const REGEX_INPUT_LIMIT = 4_000;

/**
 * All of a message's regular expressions together get this much time; once
 * it is spent, the ones not yet tried count as not matching (see the compiler).
 */
export const REGEX_TIME_BUDGET_MS = 50;

export const RULE_LIMITS = {
  depth: 8,
  leaves: 200,
  keywordsPerList: 20_000,
  keywordLength: 100,
  regexLength: 500,
  messageCountWindowSeconds: 30 * 86_400,
  duplicateWindowSeconds: 7 * 86_400,
  autoReplyLength: 500,
  blocklistMinSeconds: 60,
  blocklistMaxSeconds: 10 * 365 * 86_400,
  actions: 20,
} as const;

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** What a client sends for a rule; only these parts are checked here. */
export interface RuleDraft {
  stage?: RuleStage | string;
  conditions: unknown;
  actions: unknown;
}

export interface ValidatedRuleParts {
  conditions: Condition;
  actions: RuleAction[];
}

/**
 * Checks a rule's conditions and actions and returns a clean copy with
 * defaults filled in, or throws `WardenError` with one field error per problem:
 * code `REGEX_UNSAFE` when every problem is an unsafe regular expression,
 * otherwise `VALIDATION_FAILED`.
 *
 * @example
 * validateRuleDraft({ stage: 'filter', conditions: { regex: { pattern: '(a+)+$' } }, actions: [{ type: 'drop' }] })
 * // throws REGEX_UNSAFE, errors: [{ field: '/conditions/regex/pattern', message: '…nested quantifier…' }]
 */
export function validateRuleDraft(draft: RuleDraft): ValidatedRuleParts {
  const v = new Validator();
  const conditions = v.condition(draft.conditions, '/conditions', 1);
  if (v.leaves > RULE_LIMITS.leaves) {
    v.fail('/conditions', `has ${v.leaves} conditions; at most ${RULE_LIMITS.leaves} are allowed`);
  }
  const actions = v.actions(draft.actions, '/actions', draft.stage);
  if (v.errors.length > 0) {
    const allUnsafe = v.errors.length === v.unsafe;
    throw new WardenError(
      allUnsafe ? 'REGEX_UNSAFE' : 'VALIDATION_FAILED',
      v.errors.map((e) => `${e.field}: ${e.message}`).join('; '),
      { errors: v.errors },
    );
  }
  return { conditions: conditions as Condition, actions: actions as RuleAction[] };
}

// ---------------------------------------------------------------------------
// Draft validation

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** RFC 6901 escaping of one pointer segment. */
const segment = (key: string | number): string => String(key).replaceAll('~', '~0').replaceAll('/', '~1');

const LEAF_KINDS = [
  'keywords',
  'regex',
  'channel',
  'source',
  'identifierType',
  'tier',
  'messageCount',
  'duplicate',
  'spamScore',
  'sentiment',
  'timeOfDay',
] as const;
const COMBINATORS = ['all', 'any', 'not'] as const;
// Tags and team names in any script: 售后, 广告, after-sales.
const NAME = /^[\p{L}\p{N}_.-]{1,64}$/u;
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

const ACTION_KEYS: Record<RuleAction['type'], readonly string[]> = {
  reject: [],
  drop: [],
  mark_spam: [],
  quarantine: [],
  auto_reply: ['text', 'textEn'],
  tag: ['value'],
  route: ['team'],
  set_priority: ['priority'],
  add_to_blocklist: ['level', 'category', 'durationSeconds', 'status', 'limit', 'allowedChannels'],
  notify: ['channel', 'message'],
};

class Validator {
  readonly errors: FieldError[] = [];
  /** How many of `errors` are unsafe regular expressions. */
  unsafe = 0;
  leaves = 0;

  fail(field: string, message: string): undefined {
    this.errors.push({ field, message });
    return undefined;
  }

  private keys(obj: Json, allowed: readonly string[], path: string): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) this.fail(`${path}/${segment(key)}`, `unknown property '${key}'`);
    }
  }

  private object(value: unknown, path: string, allowed: readonly string[]): Json | undefined {
    if (!isObject(value)) return this.fail(path, 'must be an object');
    this.keys(value, allowed, path);
    return value;
  }

  private integer(value: unknown, path: string, min: number, max: number): number | undefined {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      return this.fail(path, `must be an integer from ${min} to ${max}`);
    }
    return value;
  }

  private number(value: unknown, path: string, min: number, max: number): number | undefined {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      return this.fail(path, `must be a number from ${min} to ${max}`);
    }
    return value;
  }

  private text(value: unknown, path: string, min: number, max: number): string | undefined {
    if (typeof value !== 'string' || value.length < min || value.length > max) {
      return this.fail(path, `must be a string of ${min} to ${max} characters`);
    }
    return value;
  }

  private stringList(value: unknown, path: string): string[] | undefined {
    if (!Array.isArray(value) || value.length === 0)
      return this.fail(path, 'must be a non-empty list of strings');
    const before = this.errors.length;
    value.forEach((item, i) => {
      if (typeof item !== 'string' || item.trim().length === 0)
        this.fail(`${path}/${i}`, 'must be a non-empty string');
    });
    return this.errors.length === before ? (value as string[]) : undefined;
  }

  condition(value: unknown, path: string, depth: number): Condition | undefined {
    if (depth > RULE_LIMITS.depth) {
      return this.fail(path, `conditions nest deeper than ${RULE_LIMITS.depth} levels`);
    }
    if (!isObject(value)) return this.fail(path, 'must be a condition object');
    const keys = Object.keys(value);
    if (keys.length !== 1) {
      if (keys.length === 0)
        return this.fail(path, 'must have exactly one of all, any, not or a condition kind');
      for (const key of keys) {
        if (![...COMBINATORS, ...LEAF_KINDS].includes(key as never))
          this.fail(`${path}/${segment(key)}`, `unknown condition '${key}'`);
      }
      return this.fail(path, `must have exactly one key, found ${keys.join(', ')}`);
    }
    const key = keys[0] as string;
    const body = value[key];
    const at = `${path}/${segment(key)}`;
    if (key === 'all' || key === 'any') {
      if (!Array.isArray(body) || body.length === 0)
        return this.fail(at, 'must be a non-empty list of conditions');
      const children = body.map((child, i) => this.condition(child, `${at}/${i}`, depth + 1));
      if (children.some((c) => c === undefined)) return undefined;
      return (key === 'all' ? { all: children } : { any: children }) as Condition;
    }
    if (key === 'not') {
      const child = this.condition(body, at, depth + 1);
      return child === undefined ? undefined : { not: child };
    }
    if (!(LEAF_KINDS as readonly string[]).includes(key)) return this.fail(at, `unknown condition '${key}'`);
    this.leaves++;
    return this.leaf(key as (typeof LEAF_KINDS)[number], body, at);
  }

  private leaf(kind: (typeof LEAF_KINDS)[number], body: unknown, at: string): Condition | undefined {
    const before = this.errors.length;
    const ok = () => this.errors.length === before;
    switch (kind) {
      case 'keywords': {
        const o = this.object(body, at, ['list']);
        if (o === undefined) return undefined;
        const list = o.list;
        const listAt = `${at}/list`;
        if (!Array.isArray(list) || list.length === 0)
          return this.fail(listAt, 'must be a non-empty list of keywords');
        if (list.length > RULE_LIMITS.keywordsPerList) {
          return this.fail(
            listAt,
            `has ${list.length} keywords; at most ${RULE_LIMITS.keywordsPerList} are allowed`,
          );
        }
        list.forEach((word, i) => {
          if (typeof word !== 'string' || word.length === 0 || word.length > RULE_LIMITS.keywordLength) {
            this.fail(`${listAt}/${i}`, `must be a string of 1 to ${RULE_LIMITS.keywordLength} characters`);
          } else if (normalizeText(word).length === 0) {
            this.fail(`${listAt}/${i}`, `'${word}' has no letters or digits, so it can never match`);
          }
        });
        return ok() ? { keywords: { list: (list as string[]).slice() } } : undefined;
      }
      case 'regex': {
        const o = this.object(body, at, ['pattern', 'flags']);
        if (o === undefined) return undefined;
        const pattern = this.text(o.pattern, `${at}/pattern`, 1, RULE_LIMITS.regexLength);
        const flags = o.flags ?? '';
        if (typeof flags !== 'string' || !/^[imsu]*$/.test(flags) || new Set(flags).size !== flags.length) {
          this.fail(`${at}/flags`, 'must be a subset of the flags i, m, s and u, each at most once');
        } else if (pattern !== undefined) {
          try {
            new RegExp(pattern, flags);
          } catch (e) {
            return this.fail(`${at}/pattern`, `does not compile: ${(e as Error).message}`);
          }
          const issue = regexSafetyIssue(pattern, flags);
          if (issue !== null) {
            this.unsafe++;
            return this.fail(`${at}/pattern`, issue);
          }
        }
        return ok() ? { regex: { pattern: pattern as string, flags: flags as string } } : undefined;
      }
      case 'channel':
      case 'source':
      case 'identifierType':
      case 'tier': {
        const o = this.object(body, at, ['in']);
        if (o === undefined) return undefined;
        const list = this.stringList(o.in, `${at}/in`);
        return list === undefined || !ok() ? undefined : ({ [kind]: { in: list.slice() } } as Condition);
      }
      case 'messageCount': {
        const o = this.object(body, at, ['gt', 'windowSeconds']);
        if (o === undefined) return undefined;
        const gt = this.integer(o.gt, `${at}/gt`, 0, 1_000_000_000);
        const windowSeconds = this.integer(
          o.windowSeconds,
          `${at}/windowSeconds`,
          1,
          RULE_LIMITS.messageCountWindowSeconds,
        );
        return ok()
          ? { messageCount: { gt: gt as number, windowSeconds: windowSeconds as number } }
          : undefined;
      }
      case 'duplicate': {
        const o = this.object(body, at, ['windowSeconds', 'scope', 'near', 'minCount']);
        if (o === undefined) return undefined;
        const windowSeconds = this.integer(
          o.windowSeconds,
          `${at}/windowSeconds`,
          1,
          RULE_LIMITS.duplicateWindowSeconds,
        );
        if (o.scope !== 'sender' && o.scope !== 'all') this.fail(`${at}/scope`, "must be 'sender' or 'all'");
        if (o.near !== undefined && typeof o.near !== 'boolean')
          this.fail(`${at}/near`, 'must be true or false');
        const minCount =
          o.minCount === undefined ? 1 : this.integer(o.minCount, `${at}/minCount`, 1, 1_000_000);
        if (!ok()) return undefined;
        return {
          duplicate: {
            windowSeconds: windowSeconds as number,
            scope: o.scope as 'sender' | 'all',
            near: o.near === true,
            minCount: minCount as number,
          },
        };
      }
      case 'spamScore': {
        const o = this.object(body, at, ['gte']);
        if (o === undefined) return undefined;
        const gte = this.number(o.gte, `${at}/gte`, 0, 1);
        return ok() ? { spamScore: { gte: gte as number } } : undefined;
      }
      case 'sentiment': {
        const o = this.object(body, at, ['lte']);
        if (o === undefined) return undefined;
        const lte = this.number(o.lte, `${at}/lte`, -1, 1);
        return ok() ? { sentiment: { lte: lte as number } } : undefined;
      }
      case 'timeOfDay': {
        const o = this.object(body, at, ['from', 'to', 'timeZone']);
        if (o === undefined) return undefined;
        for (const end of ['from', 'to'] as const) {
          if (typeof o[end] !== 'string' || !HH_MM.test(o[end] as string)) {
            this.fail(`${at}/${end}`, 'must be a time of day as HH:MM (00:00 to 23:59)');
          }
        }
        if (ok() && o.from === o.to)
          this.fail(`${at}/to`, 'must differ from from (the range would be empty)');
        const timeZone = o.timeZone ?? DEFAULT_TIME_ZONE;
        if (typeof timeZone !== 'string' || !isValidTimeZone(timeZone)) {
          this.fail(`${at}/timeZone`, 'must be an IANA time zone such as Asia/Shanghai');
        }
        return ok()
          ? { timeOfDay: { from: o.from as string, to: o.to as string, timeZone: timeZone as string } }
          : undefined;
      }
    }
  }

  actions(value: unknown, path: string, stage: unknown): RuleAction[] | undefined {
    if (!Array.isArray(value) || value.length === 0)
      return this.fail(path, 'must be a non-empty list of actions');
    if (value.length > RULE_LIMITS.actions) {
      return this.fail(path, `has ${value.length} actions; at most ${RULE_LIMITS.actions} are allowed`);
    }
    const actions = value.map((a, i) => this.action(a, `${path}/${i}`));
    // A dropped message is discarded silently; replying to it would contradict that.
    // (add_to_blocklist is allowed in both stages; the pipeline applies it to the sender.)
    if (stage === 'filter') {
      const types = actions.map((a) => a?.type);
      const reply = types.indexOf('auto_reply');
      if (types.includes('drop') && reply >= 0) {
        this.fail(
          `${path}/${reply}`,
          'a filter rule that drops the message cannot also reply (drop means no reply)',
        );
      }
    }
    return actions.every((a) => a !== undefined) ? (actions as RuleAction[]) : undefined;
  }

  private action(value: unknown, path: string): RuleAction | undefined {
    if (!isObject(value)) return this.fail(path, 'must be an action object');
    const type = value.type;
    if (typeof type !== 'string' || !Object.hasOwn(ACTION_KEYS, type)) {
      return this.fail(`${path}/type`, `unknown action type ${JSON.stringify(type)}`);
    }
    const t = type as RuleAction['type'];
    this.keys(value, ['type', ...ACTION_KEYS[t]], path);
    const before = this.errors.length;
    const ok = () => this.errors.length === before;
    switch (t) {
      case 'reject':
      case 'drop':
      case 'mark_spam':
      case 'quarantine':
        return ok() ? { type: t } : undefined;
      case 'auto_reply': {
        const text = this.text(value.text, `${path}/text`, 1, RULE_LIMITS.autoReplyLength);
        const textEn =
          value.textEn === undefined
            ? undefined
            : this.text(value.textEn, `${path}/textEn`, 1, RULE_LIMITS.autoReplyLength);
        if (!ok()) return undefined;
        return textEn === undefined
          ? { type: t, text: text as string }
          : { type: t, text: text as string, textEn };
      }
      case 'tag':
      case 'route': {
        const key = t === 'tag' ? 'value' : 'team';
        const name = value[key];
        if (typeof name !== 'string' || !NAME.test(name)) {
          return this.fail(`${path}/${key}`, 'must be 1 to 64 letters, digits, _, . or -');
        }
        if (!ok()) return undefined;
        return t === 'tag' ? { type: t, value: name } : { type: t, team: name };
      }
      case 'set_priority': {
        const p = value.priority;
        if (p !== 'P1' && p !== 'P2' && p !== 'P3' && p !== 'P4') {
          return this.fail(`${path}/priority`, 'must be one of P1, P2, P3, P4');
        }
        return ok() ? { type: t, priority: p } : undefined;
      }
      case 'notify': {
        const channel =
          value.channel === undefined ? undefined : this.text(value.channel, `${path}/channel`, 1, 64);
        const message =
          value.message === undefined ? undefined : this.text(value.message, `${path}/message`, 1, 500);
        if (!ok()) return undefined;
        return {
          type: t,
          ...(channel !== undefined ? { channel } : {}),
          ...(message !== undefined ? { message } : {}),
        };
      }
      case 'add_to_blocklist':
        return this.blocklistAction(value, path);
    }
  }

  private blocklistAction(value: Json, path: string): RuleAction | undefined {
    const before = this.errors.length;
    const level = value.level;
    if (level !== 1 && level !== 2 && level !== 3) this.fail(`${path}/level`, 'must be 1, 2 or 3');
    const category = this.text(value.category, `${path}/category`, 1, 64);
    let durationSeconds: number | null = null;
    if (value.durationSeconds !== undefined && value.durationSeconds !== null) {
      durationSeconds =
        this.integer(
          value.durationSeconds,
          `${path}/durationSeconds`,
          RULE_LIMITS.blocklistMinSeconds,
          RULE_LIMITS.blocklistMaxSeconds,
        ) ?? null;
    }
    const status = value.status ?? 'pending';
    if (status !== 'pending' && status !== 'active')
      this.fail(`${path}/status`, "must be 'pending' or 'active'");
    let limit: { max: number; windowSeconds: number } | undefined;
    if (value.limit !== undefined) {
      if (level !== 2) this.fail(`${path}/limit`, 'only a level 2 entry takes a limit');
      const o = this.object(value.limit, `${path}/limit`, ['max', 'windowSeconds']);
      if (o !== undefined) {
        const max = this.integer(o.max, `${path}/limit/max`, 1, 1_000_000);
        const windowSeconds = this.integer(
          o.windowSeconds,
          `${path}/limit/windowSeconds`,
          1,
          RULE_LIMITS.messageCountWindowSeconds,
        );
        if (max !== undefined && windowSeconds !== undefined) limit = { max, windowSeconds };
      }
    } else if (level === 2) this.fail(`${path}/limit`, 'a level 2 entry needs a limit {max, windowSeconds}');
    let allowedChannels: string[] | undefined;
    if (value.allowedChannels !== undefined) {
      if (level !== 3) this.fail(`${path}/allowedChannels`, 'only a level 3 entry takes allowedChannels');
      allowedChannels = this.stringList(value.allowedChannels, `${path}/allowedChannels`);
    } else if (level === 3) this.fail(`${path}/allowedChannels`, 'a level 3 entry needs allowedChannels');
    if (this.errors.length !== before) return undefined;
    return {
      type: 'add_to_blocklist',
      level: level as 1 | 2 | 3,
      category: category as string,
      durationSeconds,
      status: status as 'pending' | 'active',
      ...(limit !== undefined ? { limit } : {}),
      ...(allowedChannels !== undefined ? { allowedChannels: allowedChannels.slice() } : {}),
    };
  }
}

// ---------------------------------------------------------------------------
// Regular-expression safety: a conservative static check.
//
// The pattern (already known to compile) is parsed into a small tree of
// character sets, sequences, alternations, groups and quantifiers; character
// sets are sorted code-point ranges, enough to tell whether two parts of the
// pattern can match the same character.

/** Sorted, disjoint, inclusive code-point ranges as a flat list: [lo0, hi0, lo1, hi1, …]. */
type CharSet = readonly number[];

const MAX_CODE_POINT = 0x10ffff;
const ANY: CharSet = [0, MAX_CODE_POINT];
const NONE: CharSet = [];
const DIGIT: CharSet = [0x30, 0x39];
const WORD: CharSet = [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a];
const SPACE: CharSet = [
  0x09, 0x0d, 0x20, 0x20, 0xa0, 0xa0, 0x1680, 0x1680, 0x2000, 0x200a, 0x2028, 0x2029, 0x202f, 0x202f, 0x205f,
  0x205f, 0x3000, 0x3000, 0xfeff, 0xfeff,
];

function setOf(ranges: number[]): CharSet {
  const pairs: [number, number][] = [];
  for (let i = 0; i + 1 < ranges.length; i += 2) pairs.push([ranges[i] as number, ranges[i + 1] as number]);
  pairs.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [lo, hi] of pairs) {
    const last = out.length - 1;
    if (last > 0 && lo <= (out[last] as number) + 1) out[last] = Math.max(out[last] as number, hi);
    else out.push(lo, hi);
  }
  return out;
}

const union = (...sets: CharSet[]): CharSet => setOf(sets.flat());

function complement(set: CharSet): CharSet {
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < set.length; i += 2) {
    if ((set[i] as number) > next) out.push(next, (set[i] as number) - 1);
    next = (set[i + 1] as number) + 1;
  }
  if (next <= MAX_CODE_POINT) out.push(next, MAX_CODE_POINT);
  return out;
}

function intersects(a: CharSet, b: CharSet): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if ((a[i + 1] as number) < (b[j] as number)) i += 2;
    else if ((b[j + 1] as number) < (a[i] as number)) j += 2;
    else return true;
  }
  return false;
}

/** Adds the other case of every letter; big ranges are left as they are (they overlap almost anything). */
function foldCase(set: CharSet): CharSet {
  const extra: number[] = [];
  for (let i = 0; i < set.length; i += 2) {
    const lo = set[i] as number;
    const hi = set[i + 1] as number;
    if (hi - lo > 1024) continue;
    for (let c = lo; c <= hi; c++) {
      const ch = String.fromCodePoint(c);
      for (const other of [ch.toLowerCase(), ch.toUpperCase()]) {
        const cp = other.codePointAt(0) as number;
        if (other.length === String.fromCodePoint(cp).length && cp !== c) extra.push(cp, cp);
      }
    }
  }
  return extra.length === 0 ? set : union(set, extra);
}

type RegexNode =
  | { kind: 'chars'; set: CharSet }
  | { kind: 'assertion' }
  | { kind: 'seq'; items: RegexNode[] }
  | { kind: 'alt'; alts: RegexNode[] }
  | { kind: 'group'; body: RegexNode; lookaround: boolean }
  | { kind: 'quant'; body: RegexNode; min: number; max: number; source: string };

class UnsafeRegex extends Error {}

const QUANTIFIER = /\{(\d+)(?:(,)(\d*))?\}/y;
const HEX = /[0-9a-fA-F]+/y;

class RegexParser {
  private pos = 0;

  constructor(
    private readonly pattern: string,
    private readonly unicode: boolean,
    private readonly ignoreCase: boolean,
  ) {}

  parse(): RegexNode {
    const node = this.alternation();
    return node;
  }

  private peek(): string {
    return this.pattern[this.pos] ?? '';
  }

  private alternation(): RegexNode {
    const alts = [this.sequence()];
    while (this.peek() === '|') {
      this.pos++;
      alts.push(this.sequence());
    }
    return alts.length === 1 ? (alts[0] as RegexNode) : { kind: 'alt', alts };
  }

  private sequence(): RegexNode {
    const items: RegexNode[] = [];
    while (this.pos < this.pattern.length && this.peek() !== '|' && this.peek() !== ')') {
      const start = this.pos;
      let atom = this.atom();
      for (;;) {
        const q = this.quantifier();
        if (q === null) break;
        atom = {
          kind: 'quant',
          body: atom,
          min: q[0],
          max: q[1],
          source: this.pattern.slice(start, this.pos),
        };
      }
      items.push(atom);
    }
    return items.length === 1 ? (items[0] as RegexNode) : { kind: 'seq', items };
  }

  private quantifier(): [number, number] | null {
    const c = this.peek();
    let range: [number, number] | null = null;
    if (c === '*') range = [0, Number.POSITIVE_INFINITY];
    else if (c === '+') range = [1, Number.POSITIVE_INFINITY];
    else if (c === '?') range = [0, 1];
    if (range !== null) this.pos++;
    else if (c === '{') {
      QUANTIFIER.lastIndex = this.pos;
      const m = QUANTIFIER.exec(this.pattern);
      if (m === null) return null; // a literal `{` (allowed without the u flag)
      const min = Number(m[1]);
      range = [min, m[2] === undefined ? min : m[3] ? Number(m[3]) : Number.POSITIVE_INFINITY];
      this.pos = QUANTIFIER.lastIndex;
    } else return null;
    if (this.peek() === '?') this.pos++; // lazy: same backtracking, other order
    return range;
  }

  private chars(set: CharSet): RegexNode {
    return { kind: 'chars', set: this.ignoreCase ? foldCase(set) : set };
  }

  private atom(): RegexNode {
    const c = this.peek();
    if (c === '^' || c === '$') {
      this.pos++;
      return { kind: 'assertion' };
    }
    if (c === '.') {
      this.pos++;
      return this.chars(ANY);
    }
    if (c === '(') return this.group();
    if (c === '[') return this.chars(this.characterClass());
    if (c === '\\') {
      const escaped = this.escape(false);
      return escaped === null ? { kind: 'assertion' } : this.chars(escaped);
    }
    const cp = this.pattern.codePointAt(this.pos) as number;
    this.pos += cp > 0xffff ? 2 : 1;
    return this.chars([cp, cp]);
  }

  private group(): RegexNode {
    const rest = this.pattern.slice(this.pos, this.pos + 4);
    let lookaround = false;
    if (rest.startsWith('(?:')) this.pos += 3;
    else if (rest.startsWith('(?=') || rest.startsWith('(?!')) {
      this.pos += 3;
      lookaround = true;
    } else if (rest.startsWith('(?<=') || rest.startsWith('(?<!')) {
      this.pos += 4;
      lookaround = true;
    } else if (rest.startsWith('(?<')) {
      const close = this.pattern.indexOf('>', this.pos);
      this.pos = close + 1;
    } else this.pos += 1;
    const body = this.alternation();
    this.pos++; // ')', the pattern compiled
    return { kind: 'group', body, lookaround };
  }

  /** An escape at `pos` (a backslash); null for an assertion (`\b`, `\B`). */
  private escape(inClass: boolean): CharSet | null {
    this.pos++;
    const c = this.peek();
    this.pos++;
    switch (c) {
      case 'd':
        return DIGIT;
      case 'D':
        return complement(DIGIT);
      case 'w':
        return WORD;
      case 'W':
        return complement(WORD);
      case 's':
        return SPACE;
      case 'S':
        return complement(SPACE);
      case 'b':
        return inClass ? [8, 8] : null;
      case 'B':
        return inClass ? [0x42, 0x42] : null;
      case 'n':
        return [10, 10];
      case 'r':
        return [13, 13];
      case 't':
        return [9, 9];
      case 'v':
        return [11, 11];
      case 'f':
        return [12, 12];
      case 'c': {
        const letter = this.pattern.charCodeAt(this.pos);
        if (/[a-zA-Z]/.test(this.peek())) {
          this.pos++;
          return [letter % 32, letter % 32];
        }
        return [0x5c, 0x5c];
      }
      case 'x':
      case 'u': {
        if (c === 'u' && this.peek() === '{') {
          const close = this.pattern.indexOf('}', this.pos);
          const cp = Number.parseInt(this.pattern.slice(this.pos + 1, close), 16);
          this.pos = close + 1;
          return [cp, cp];
        }
        HEX.lastIndex = this.pos;
        const m = HEX.exec(this.pattern);
        const digits = c === 'x' ? 2 : 4;
        if (m === null || m[0].length < digits) return [c.charCodeAt(0), c.charCodeAt(0)];
        const cp = Number.parseInt(m[0].slice(0, digits), 16);
        this.pos += digits;
        return [cp, cp];
      }
      case 'p':
      case 'P':
        if (this.unicode && this.peek() === '{') {
          this.pos = this.pattern.indexOf('}', this.pos) + 1;
          return ANY; // a property class: assume it overlaps everything
        }
        return [c.charCodeAt(0), c.charCodeAt(0)];
      case 'k':
        if (!inClass && this.peek() === '<') {
          throw new UnsafeRegex(
            'backreferences (\\k<name>) are not allowed: they can make matching very slow',
          );
        }
        return [0x6b, 0x6b];
      default: {
        if (c >= '1' && c <= '9') {
          if (!inClass) {
            throw new UnsafeRegex(
              `backreferences (\\${c}) are not allowed: they can make matching very slow`,
            );
          }
          return ANY; // an octal escape in a class: any code will do
        }
        if (c === '0') return [0, 0];
        const cp = this.pattern.codePointAt(this.pos - 1) as number;
        if (cp > 0xffff) this.pos++;
        return [cp, cp];
      }
    }
  }

  private characterClass(): CharSet {
    this.pos++;
    const negated = this.peek() === '^';
    if (negated) this.pos++;
    const parts: number[] = [];
    while (this.pos < this.pattern.length && this.peek() !== ']') {
      const from = this.classAtom();
      if (this.peek() === '-' && this.pattern[this.pos + 1] !== ']' && this.pos + 1 < this.pattern.length) {
        const save = this.pos;
        this.pos++;
        const to = this.classAtom();
        if (from.length === 2 && from[0] === from[1] && to.length === 2 && to[0] === to[1]) {
          parts.push(from[0] as number, to[0] as number);
          continue;
        }
        // `[\d-x]`: the dash is literal (non-unicode syntax)
        this.pos = save;
      }
      parts.push(...from);
    }
    this.pos++; // ']'
    const set = setOf(parts);
    return negated ? complement(set) : set;
  }

  private classAtom(): CharSet {
    if (this.peek() === '\\') return this.escape(true) ?? NONE;
    const cp = this.pattern.codePointAt(this.pos) as number;
    this.pos += cp > 0xffff ? 2 : 1;
    return [cp, cp];
  }
}

interface RegexFacts {
  nullable: boolean;
  /** Every character the node can consume. */
  chars: CharSet;
  /** Characters the node can start with. */
  first: CharSet;
  /** Contains a quantifier whose count varies (`*`, `+`, `?`, `{1,3}`). */
  variable: boolean;
  /** Contains an alternation whose alternatives can start alike or match empty. */
  overlappingAlternation: boolean;
}

/** Above this bound a quantifier is treated as unbounded when checking sequences. */
const LONG_REPEAT = 50;

/** Analyses `node`, throwing UnsafeRegex at the first dangerous construct. */
function facts(node: RegexNode): RegexFacts {
  switch (node.kind) {
    case 'chars':
      return {
        nullable: false,
        chars: node.set,
        first: node.set,
        variable: false,
        overlappingAlternation: false,
      };
    case 'assertion':
      return { nullable: true, chars: NONE, first: NONE, variable: false, overlappingAlternation: false };
    case 'group': {
      const body = facts(node.body);
      if (!node.lookaround) return body;
      // A lookaround runs again at every position the engine tries, and a
      // lookbehind scans backwards: one quantifier inside makes the whole
      // match quadratic or worse (`(?<=a+)a+(?<=a+)` took 9 s on 4,000 × a).
      const inside = quantifierIn(node.body);
      if (inside !== null) {
        throw new UnsafeRegex(
          `a lookahead or lookbehind may not contain a quantifier ('${inside}'): it is tried again at every position; spell out what it looks for`,
        );
      }
      // Atomic and consumes nothing: check inside, count as empty outside.
      checkSequence(node.body);
      return { nullable: true, chars: NONE, first: NONE, variable: false, overlappingAlternation: false };
    }
    case 'seq': {
      const parts = node.items.map(facts);
      let first: CharSet = NONE;
      for (const p of parts) {
        first = union(first, p.first);
        if (!p.nullable) break;
      }
      return {
        nullable: parts.every((p) => p.nullable),
        chars: union(...parts.map((p) => p.chars)),
        first,
        variable: parts.some((p) => p.variable),
        overlappingAlternation: parts.some((p) => p.overlappingAlternation),
      };
    }
    case 'alt': {
      const parts = node.alts.map(facts);
      let overlapping = parts.some((p) => p.overlappingAlternation || p.nullable);
      for (let i = 0; i < parts.length && !overlapping; i++) {
        for (let j = i + 1; j < parts.length && !overlapping; j++) {
          if (intersects((parts[i] as RegexFacts).first, (parts[j] as RegexFacts).first)) overlapping = true;
        }
      }
      return {
        nullable: parts.some((p) => p.nullable),
        chars: union(...parts.map((p) => p.chars)),
        first: union(...parts.map((p) => p.first)),
        variable: parts.some((p) => p.variable),
        overlappingAlternation: overlapping,
      };
    }
    case 'quant': {
      const body = facts(node.body);
      if (node.max > 1) {
        if (body.variable) {
          throw new UnsafeRegex(
            `nested quantifier in '${node.source}': a repeated group may not contain *, +, ? or {m,n} (write the repetition out)`,
          );
        }
        if (body.overlappingAlternation) {
          throw new UnsafeRegex(
            `'${node.source}' repeats an alternation whose alternatives can match the same text; make them start differently`,
          );
        }
        if (body.nullable && node.max === Number.POSITIVE_INFINITY) {
          throw new UnsafeRegex(`'${node.source}' repeats something that can match empty text`);
        }
      }
      return {
        nullable: node.min === 0 || body.nullable,
        chars: body.chars,
        first: body.first,
        variable: node.min !== node.max || body.variable,
        overlappingAlternation: body.overlappingAlternation,
      };
    }
  }
}

/** The source of the first quantifier in `node`, or null when it has none. */
function quantifierIn(node: RegexNode): string | null {
  switch (node.kind) {
    case 'chars':
    case 'assertion':
      return null;
    case 'quant':
      return node.source;
    case 'group':
      return quantifierIn(node.body);
    case 'seq':
    case 'alt':
      for (const child of node.kind === 'seq' ? node.items : node.alts) {
        const found = quantifierIn(child);
        if (found !== null) return found;
      }
      return null;
  }
}

interface SequenceElement {
  repeats: boolean;
  mandatory: boolean;
  chars: CharSet;
  source: string;
}

/** Flattens `node` into what it consumes, in order, as far as sequences go. */
function flatten(node: RegexNode, mandatory: boolean, out: SequenceElement[]): void {
  switch (node.kind) {
    case 'chars':
      out.push({ repeats: false, mandatory, chars: node.set, source: '' });
      return;
    case 'assertion':
      return;
    case 'seq':
      for (const item of node.items) flatten(item, mandatory, out);
      return;
    case 'group':
      if (!node.lookaround) flatten(node.body, mandatory, out);
      return;
    case 'alt': {
      // Each alternative is a sequence of its own; as a whole the alternation is one element.
      for (const alt of node.alts) checkSequence(alt);
      const f = facts(node);
      const inner: SequenceElement[] = [];
      for (const alt of node.alts) flatten(alt, false, inner);
      out.push({
        repeats: inner.some((e) => e.repeats),
        mandatory: mandatory && !f.nullable,
        chars: f.chars,
        source: '(…|…)',
      });
      return;
    }
    case 'quant': {
      if (node.max > LONG_REPEAT) {
        const f = facts(node.body);
        out.push({
          repeats: true,
          mandatory: mandatory && node.min > 0 && !f.nullable,
          chars: f.chars,
          source: node.source,
        });
        return;
      }
      flatten(node.body, mandatory && node.min > 0, out);
    }
  }
}

/**
 * Two long repeats that can consume the same characters, with nothing
 * between them that the first cannot consume, let the engine try every way of
 * splitting the text between them: `\d+\d+$` or `.*a.*b` take seconds on a few
 * thousand characters.
 */
function checkSequence(node: RegexNode): void {
  const elements: SequenceElement[] = [];
  flatten(node, true, elements);
  for (let i = 0; i < elements.length; i++) {
    const a = elements[i] as SequenceElement;
    if (!a.repeats) continue;
    for (let j = i + 1; j < elements.length; j++) {
      const between = elements[j] as SequenceElement;
      if (between.mandatory && !intersects(between.chars, a.chars)) break; // a separator `a` cannot eat
      if (between.repeats && intersects(between.chars, a.chars)) {
        throw new UnsafeRegex(
          `'${a.source}' and '${between.source}' can match the same characters one after the other, which is very slow on long text`,
        );
      }
    }
  }
}

/**
 * Why `pattern` could run too long on a hostile message, or null when it
 * passes the (conservative) check. Assumes `new RegExp(pattern, flags)` works.
 */
export function regexSafetyIssue(pattern: string, flags: string): string | null {
  try {
    const tree = new RegexParser(pattern, flags.includes('u'), flags.includes('i')).parse();
    facts(tree);
    checkSequence(tree);
    return null;
  } catch (e) {
    if (e instanceof UnsafeRegex) return e.message;
    throw e;
  }
}
