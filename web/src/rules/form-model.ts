/**
 * The rule editor's form values and their translation to and from the API's
 * rule: a condition tree becomes a top-level all/any list of rows, each row a
 * leaf (optionally negated) or one nested group of leaves. Deeper trees have no
 * form and stay as they are (shown read-only).
 */
import type { Condition, LeafKind, Priority, RuleAction, RuleDraft, RuleMode, RuleStage } from './api';
import { leafKinds } from './api';

export const timeUnits = { second: 1, minute: 60, hour: 3600, day: 86_400 } as const;
export type TimeUnit = keyof typeof timeUnits;

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** One leaf condition as the form holds it; only the fields of its `type` matter. */
export interface LeafRow {
  type: LeafKind;
  not?: boolean;
  keywords?: string;
  pattern?: string;
  flags?: string[];
  values?: string[];
  gt?: number | null;
  window?: number | null;
  unit?: TimeUnit;
  scope?: 'sender' | 'all';
  near?: boolean;
  gte?: number | null;
  lte?: number | null;
  from?: string;
  to?: string;
  timeZone?: string;
}

export type ConditionItem =
  | ({ kind: 'leaf' } & LeafRow)
  | { kind: 'group'; not?: boolean; combinator: 'all' | 'any'; rows: LeafRow[] };

export interface ActionRow {
  type: RuleAction['type'];
  text?: string;
  textEn?: string;
  value?: string;
  team?: string;
  priority?: Priority;
  level?: 1 | 2 | 3;
  category?: string;
  duration?: number | null;
  durationUnit?: TimeUnit;
  status?: 'pending' | 'active';
  limitMax?: number | null;
  limitWindow?: number | null;
  limitUnit?: TimeUnit;
  allowedChannels?: string[];
  channel?: string;
  message?: string;
}

export interface RuleFormValues {
  name: string;
  stage: RuleStage;
  shadow: boolean;
  enabled: boolean;
  priority: number;
  combinator: 'all' | 'any';
  items: ConditionItem[];
  actions: ActionRow[];
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]/;

/**
 * A pasted keyword list → keywords: one per line, or separated by commas
 * (, ，), 、 or semicolons; a single line of CJK words may also be separated by
 * spaces. Spaces inside an English phrase ("free money") are kept. Duplicates
 * and blanks go.
 *
 * @example parseKeywords('加微信\n刷单') // ['加微信', '刷单']
 * @example parseKeywords('加微信 刷单、返利') // ['加微信', '刷单', '返利']
 */
export function parseKeywords(text: string): string[] {
  const separated = /[\n\r,，、;；]/.test(text);
  const pieces = text.split(/[\n\r,，、;；]+/);
  const words = pieces.flatMap((p) => {
    const w = p.trim();
    // Spaces separate words only in a CJK list typed on one line ("加微信 刷单 返利").
    if (!separated && CJK.test(w) && /\s/.test(w)) return w.split(/\s+/);
    return [w];
  });
  return [...new Set(words.map((w) => w.trim()).filter(Boolean))];
}

/** 86400 → 1 day, 7200 → 2 hours, 90 → 90 seconds. */
export function splitSeconds(seconds: number): { window: number; unit: TimeUnit } {
  for (const unit of ['day', 'hour', 'minute'] as const)
    if (seconds % timeUnits[unit] === 0) return { window: seconds / timeUnits[unit], unit };
  return { window: seconds, unit: 'second' };
}

const secondsOf = (n: number | null | undefined, unit: TimeUnit | undefined) =>
  Math.round((n ?? 0) * timeUnits[unit ?? 'second']);

export function emptyLeaf(type: LeafKind = 'keywords'): LeafRow {
  return {
    type,
    not: false,
    keywords: '',
    flags: [],
    values: [],
    gt: 50,
    window: 1,
    unit: type === 'duplicate' ? 'hour' : 'day',
    scope: 'sender',
    near: false,
    gte: 0.8,
    lte: -0.5,
    from: '22:00',
    to: '08:00',
    timeZone: DEFAULT_TIME_ZONE,
  };
}

const isLeaf = (c: Condition): boolean => (leafKinds as readonly string[]).includes(Object.keys(c)[0] ?? '');

/** A leaf or `not` of a leaf → a row; anything else → null. */
function rowOf(c: Condition): LeafRow | null {
  if ('not' in c) {
    const inner = c.not;
    if (!isLeaf(inner)) return null;
    const row = rowOf(inner);
    return row ? { ...row, not: true } : null;
  }
  const row = emptyLeaf();
  if ('keywords' in c) return { ...row, type: 'keywords', keywords: c.keywords.list.join('\n') };
  if ('regex' in c)
    return { ...row, type: 'regex', pattern: c.regex.pattern, flags: [...(c.regex.flags ?? '')] };
  if ('channel' in c) return { ...row, type: 'channel', values: c.channel.in };
  if ('source' in c) return { ...row, type: 'source', values: c.source.in };
  if ('identifierType' in c) return { ...row, type: 'identifierType', values: c.identifierType.in };
  if ('tier' in c) return { ...row, type: 'tier', values: c.tier.in };
  if ('messageCount' in c)
    return {
      ...row,
      type: 'messageCount',
      gt: c.messageCount.gt,
      ...splitSeconds(c.messageCount.windowSeconds),
    };
  if ('duplicate' in c)
    return {
      ...row,
      type: 'duplicate',
      scope: c.duplicate.scope,
      near: c.duplicate.near ?? false,
      ...splitSeconds(c.duplicate.windowSeconds),
    };
  if ('spamScore' in c) return { ...row, type: 'spamScore', gte: c.spamScore.gte };
  if ('sentiment' in c) return { ...row, type: 'sentiment', lte: c.sentiment.lte };
  if ('timeOfDay' in c)
    return {
      ...row,
      type: 'timeOfDay',
      from: c.timeOfDay.from,
      to: c.timeOfDay.to,
      timeZone: c.timeOfDay.timeZone ?? DEFAULT_TIME_ZONE,
    };
  return null;
}

function itemOf(c: Condition): ConditionItem | null {
  const row = rowOf(c);
  if (row) return { kind: 'leaf', ...row };
  const negated = 'not' in c;
  const inner = 'not' in c ? c.not : c;
  const combinator = 'all' in inner ? 'all' : 'any' in inner ? 'any' : null;
  if (!combinator) return null;
  const children = 'all' in inner ? inner.all : 'any' in inner ? inner.any : [];
  const rows = children.map(rowOf);
  if (rows.some((r) => r === null)) return null;
  return { kind: 'group', not: negated, combinator, rows: rows as LeafRow[] };
}

/** The form's view of a condition tree, or null when it is deeper than the form can show. */
export function conditionToForm(c: Condition): Pick<RuleFormValues, 'combinator' | 'items'> | null {
  if ('all' in c || 'any' in c) {
    const children = 'all' in c ? c.all : c.any;
    const items = children.map(itemOf);
    if (items.some((i) => i === null)) return null;
    return { combinator: 'all' in c ? 'all' : 'any', items: items as ConditionItem[] };
  }
  const item = itemOf(c);
  return item ? { combinator: 'all', items: [item] } : null;
}

function leafOf(r: LeafRow): Condition {
  const leaf = ((): Condition => {
    switch (r.type) {
      case 'keywords':
        return { keywords: { list: parseKeywords(r.keywords ?? '') } };
      case 'regex':
        return { regex: { pattern: r.pattern ?? '', flags: (r.flags ?? []).join('') } };
      case 'channel':
      case 'source':
      case 'identifierType':
      case 'tier':
        return { [r.type]: { in: r.values ?? [] } } as Condition;
      case 'messageCount':
        return { messageCount: { gt: r.gt ?? 0, windowSeconds: secondsOf(r.window, r.unit) } };
      case 'duplicate':
        return {
          duplicate: {
            windowSeconds: secondsOf(r.window, r.unit),
            scope: r.scope ?? 'sender',
            near: r.near ?? false,
          },
        };
      case 'spamScore':
        return { spamScore: { gte: r.gte ?? 0 } };
      case 'sentiment':
        return { sentiment: { lte: r.lte ?? 0 } };
      case 'timeOfDay':
        return {
          timeOfDay: {
            from: r.from ?? '',
            to: r.to ?? '',
            timeZone: r.timeZone?.trim() || DEFAULT_TIME_ZONE,
          },
        };
    }
  })();
  return r.not ? { not: leaf } : leaf;
}

export function formToCondition(v: Pick<RuleFormValues, 'combinator' | 'items'>): Condition {
  const children = (v.items ?? []).map((item): Condition => {
    if (item.kind === 'leaf') return leafOf(item);
    const rows = (item.rows ?? []).map(leafOf);
    const group: Condition = item.combinator === 'any' ? { any: rows } : { all: rows };
    return item.not ? { not: group } : group;
  });
  return v.combinator === 'any' ? { any: children } : { all: children };
}

export function actionToRow(a: RuleAction): ActionRow {
  switch (a.type) {
    case 'auto_reply':
      return { type: a.type, text: a.text, textEn: a.textEn ?? '' };
    case 'tag':
      return { type: a.type, value: a.value };
    case 'route':
      return { type: a.type, team: a.team };
    case 'set_priority':
      return { type: a.type, priority: a.priority };
    case 'notify':
      return { type: a.type, channel: a.channel ?? '', message: a.message ?? '' };
    case 'add_to_blocklist': {
      const d = a.durationSeconds ? splitSeconds(a.durationSeconds) : null;
      const l = a.limit ? splitSeconds(a.limit.windowSeconds) : null;
      return {
        type: a.type,
        level: a.level,
        category: a.category,
        duration: d?.window ?? null,
        durationUnit: d?.unit ?? 'day',
        status: a.status ?? 'pending',
        limitMax: a.limit?.max ?? null,
        limitWindow: l?.window ?? 1,
        limitUnit: l?.unit ?? 'day',
        allowedChannels: a.allowedChannels ?? [],
      };
    }
    default:
      return { type: a.type };
  }
}

export function emptyAction(type: RuleAction['type']): ActionRow {
  if (type === 'add_to_blocklist')
    return {
      type,
      level: 1,
      status: 'pending',
      duration: 7,
      durationUnit: 'day',
      limitWindow: 1,
      limitUnit: 'day',
      allowedChannels: [],
    };
  if (type === 'set_priority') return { type, priority: 'P2' };
  return { type };
}

const trimmed = (s: string | undefined) => (s ?? '').trim();

export function rowToAction(r: ActionRow): RuleAction {
  switch (r.type) {
    case 'auto_reply': {
      const textEn = trimmed(r.textEn);
      return { type: r.type, text: trimmed(r.text), ...(textEn ? { textEn } : {}) };
    }
    case 'tag':
      return { type: r.type, value: trimmed(r.value) };
    case 'route':
      return { type: r.type, team: trimmed(r.team) };
    case 'set_priority':
      return { type: r.type, priority: r.priority ?? 'P2' };
    case 'notify': {
      const channel = trimmed(r.channel);
      const message = trimmed(r.message);
      return { type: r.type, ...(channel ? { channel } : {}), ...(message ? { message } : {}) };
    }
    case 'add_to_blocklist': {
      const level = r.level ?? 1;
      return {
        type: r.type,
        level,
        category: r.category ?? '',
        durationSeconds: r.duration ? secondsOf(r.duration, r.durationUnit ?? 'day') : null,
        status: r.status ?? 'pending',
        ...(level === 2
          ? { limit: { max: r.limitMax ?? 0, windowSeconds: secondsOf(r.limitWindow, r.limitUnit ?? 'day') } }
          : {}),
        ...(level === 3 ? { allowedChannels: r.allowedChannels ?? [] } : {}),
      };
    }
    default:
      return { type: r.type };
  }
}

/** The draft to send; `conditions` given when the tree has no form (kept as it was). */
export function draftOf(v: RuleFormValues, keptConditions: Condition | null): RuleDraft {
  return {
    name: v.name.trim(),
    stage: v.stage,
    mode: (v.shadow ? 'shadow' : 'enforce') satisfies RuleMode,
    enabled: v.enabled,
    priority: v.priority ?? 100,
    conditions: keptConditions ?? formToCondition(v),
    actions: (v.actions ?? []).map(rowToAction),
  };
}

/** Where a field error lands: a form field path, and text to put before the server's message. */
export interface ErrorTarget {
  name: (string | number)[];
  /** e.g. keyword 4 of the list, named in the message. */
  index?: number;
}

const leafField: Record<string, string> = {
  'keywords/list': 'keywords',
  'regex/pattern': 'pattern',
  'regex/flags': 'flags',
  'channel/in': 'values',
  'source/in': 'values',
  'identifierType/in': 'values',
  'tier/in': 'values',
  'messageCount/gt': 'gt',
  'messageCount/windowSeconds': 'window',
  'duplicate/windowSeconds': 'window',
  'duplicate/scope': 'scope',
  'duplicate/near': 'near',
  'spamScore/gte': 'gte',
  'sentiment/lte': 'lte',
  'timeOfDay/from': 'from',
  'timeOfDay/to': 'to',
  'timeOfDay/timeZone': 'timeZone',
};

/** `keywords/list/3` (a leaf's own path) → the row's field, and the list index if any. */
function leafTarget(segs: string[]): { field: string; index?: number } {
  const path = segs.slice(0, 2).join('/');
  const field = leafField[path] ?? 'type';
  const i = segs[2] !== undefined ? Number(segs[2]) : Number.NaN;
  return Number.isInteger(i) ? { field, index: i } : { field };
}

const actionField: Record<string, string> = {
  text: 'text',
  textEn: 'textEn',
  value: 'value',
  team: 'team',
  priority: 'priority',
  level: 'level',
  category: 'category',
  durationSeconds: 'duration',
  status: 'status',
  limit: 'limitMax',
  allowedChannels: 'allowedChannels',
  channel: 'channel',
  message: 'message',
  type: 'type',
};

/**
 * A server field error's JSON pointer → the editor's field, for a tree the form
 * built: `/conditions/all/2/regex/pattern` → items[2].pattern,
 * `/conditions/any/1/not/all/0/keywords/list/3` → items[1].rows[0].keywords (keyword 4),
 * `/actions/1/limit/max` → actions[1].limitMax. Null when it has no field.
 */
export function pointerTarget(pointer: string): ErrorTarget | null {
  const segs = pointer
    .replace(/^\/body(?=\/|$)/, '')
    .split('/')
    .slice(1);
  const [head, ...rest] = segs;
  if (head === 'name' || head === 'stage' || head === 'priority' || head === 'enabled')
    return { name: [head] };
  if (head === 'mode') return { name: ['shadow'] };
  if (head === 'actions') {
    const i = Number(rest[0]);
    if (!Number.isInteger(i)) return null;
    const field = rest[1] ? (actionField[rest[1]] ?? 'type') : 'type';
    return { name: ['actions', i, field] };
  }
  if (head !== 'conditions') return null;
  let s = rest;
  // The form always sends a top-level all/any.
  if (s[0] !== 'all' && s[0] !== 'any') return null;
  const item = Number(s[1]);
  if (!Number.isInteger(item)) return null;
  s = s.slice(2);
  if (s[0] === 'not') s = s.slice(1);
  if (s.length === 0) return { name: ['items', item, 'type'] };
  if (s[0] === 'all' || s[0] === 'any') {
    const row = Number(s[1]);
    if (!Number.isInteger(row)) return { name: ['items', item, 'combinator'] };
    s = s.slice(2);
    if (s[0] === 'not') s = s.slice(1);
    if (s.length === 0) return { name: ['items', item, 'rows', row, 'type'] };
    const t = leafTarget(s);
    return {
      name: ['items', item, 'rows', row, t.field],
      ...(t.index !== undefined ? { index: t.index } : {}),
    };
  }
  const t = leafTarget(s);
  return { name: ['items', item, t.field], ...(t.index !== undefined ? { index: t.index } : {}) };
}
