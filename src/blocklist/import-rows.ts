/**
 * Reading import files, without a database: formats, header mapping and the
 * validation of one row. Runs on the import worker thread (see import-passes.ts)
 * and anywhere a file must be checked (the upload route reads the header).
 *
 * Errors name the line and the reason, never the value: values are personal data.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CodedText } from '../core/coded-text.js';
import { CsvError, CsvReader, type CsvRecord } from '../core/csv.js';
import { WardenError } from '../core/errors.js';
import {
  detectTextEncoding,
  FileTextDecoder,
  SNIFF_BYTES,
  TextDecodeError,
  type TextEncodingName,
} from '../core/text-encoding.js';
import { checkZip, ZipCheckError } from '../core/zip-limits.js';
import {
  identifierProblem,
  invalidIdentifierCode,
  type NormalizeOptions,
  tryNormalizeIdentifier,
} from '../identity/identifiers.js';
import { type Identifier, type IdentifierType, identifierTypes } from '../identity/model.js';
import type { BlocklistCategory } from './categories.js';
import { type BlocklistLevel, channels, type RateLimit } from './model.js';

// ---------------------------------------------------------------------------
// Columns and headers

/** An identifier of any type, or a customer by id: exactly one per row. */
export const targetColumns = [...identifierTypes, 'customer_id'] as const;
export type TargetColumn = (typeof targetColumns)[number];

export const fieldColumns = [
  'level',
  'category',
  'reason',
  'starts_at',
  'expires_at',
  'review_at',
  'limit_max',
  'limit_window_seconds',
  'allowed_channels',
  'owner',
  // Written by our export; `status` decides whether a row applies, the rest is informational
  // (the importing instance records its own creation, actor and source).
  'status',
  'source',
  'source_name',
  'created_at',
  'created_by',
  'released_at',
  'release_reason',
] as const;
export type FieldColumn = (typeof fieldColumns)[number];
export type Column = TargetColumn | FieldColumn;

/** Header names, English and Chinese; matched case-, space- and underscore-insensitively. */
export const columnAliases: Record<Column, readonly string[]> = {
  phone: ['phone', '手机号', '手机', '电话'],
  email: ['email', '邮箱'],
  user_id: ['user_id', '用户ID'],
  device_id: ['device_id', '设备ID'],
  open_id: ['open_id', 'OpenID'],
  ip: ['ip', 'IP'],
  email_domain: ['email_domain', '邮箱域名'],
  phone_prefix: ['phone_prefix', '号段'],
  customer_id: ['customer_id', '客户ID'],
  level: ['level', '级别'],
  category: ['category', '分类'],
  reason: ['reason', '原因'],
  starts_at: ['starts_at', '生效时间'],
  expires_at: ['expires_at', '到期时间'],
  review_at: ['review_at', '复核时间'],
  limit_max: ['limit_max', '限制次数'],
  limit_window_seconds: ['limit_window_seconds', '限制窗口'],
  allowed_channels: ['allowed_channels', '允许渠道'],
  owner: ['owner', '负责人'],
  status: ['status', '状态'],
  source: ['source', '来源'],
  source_name: ['source_name', '来源名称', '规则名称'],
  created_at: ['created_at', '创建时间', '添加时间'],
  created_by: ['created_by', '添加人', '创建人'],
  released_at: ['released_at', '解除时间'],
  release_reason: ['release_reason', '解除原因'],
};

const headerKey = (name: string): string =>
  name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_-]+/g, '');

const aliasIndex = new Map<string, Column>(
  (Object.entries(columnAliases) as [Column, readonly string[]][]).flatMap(([column, names]) =>
    names.map((n) => [headerKey(n), column] as const),
  ),
);

/** Header problems named in an error; the rest are counted. */
export const MAX_HEADER_PROBLEMS = 10;
/** Cells in one row of a file (the export has 21 columns). */
export const MAX_COLUMNS = 100;
/** Characters in one CSV record. */
export const MAX_ROW_CHARS = 64 * 1024;

/** Column → cell position. */
export type HeaderMap = Partial<Record<Column, number>>;

/** Reads the header row; throws IMPORT_FILE_INVALID for an unknown, repeated or missing target column. */
export function mapHeader(cells: readonly string[]): HeaderMap {
  const map: HeaderMap = {};
  const errors: { field: string; message: string }[] = [];
  cells.forEach((raw, i) => {
    const name = stripBom(raw).trim();
    if (name === '') return; // spreadsheets leave empty trailing header cells
    const column = aliasIndex.get(headerKey(name));
    if (!column) {
      errors.push({ field: `header/${i + 1}`, message: `unknown column "${name.slice(0, 40)}"` });
      return;
    }
    if (map[column] !== undefined) {
      errors.push({ field: `header/${i + 1}`, message: `column ${column} appears twice` });
      return;
    }
    map[column] = i;
  });
  if (errors.length) {
    // Compact: the first few problems and a count (a header of 100,000 unknown columns is one error).
    const shown = errors.slice(0, MAX_HEADER_PROBLEMS);
    const more = errors.length - shown.length;
    throw new WardenError(
      'IMPORT_FILE_INVALID',
      `the header row is not valid: ${shown.map((e) => e.message).join('; ')}${more > 0 ? ` … and ${more} more` : ''}. Known columns: ${Object.keys(columnAliases).join(', ')}`,
      { errors: shown, extras: { errorCount: errors.length } },
    );
  }
  if (!targetColumns.some((c) => map[c] !== undefined)) {
    throw new WardenError(
      'IMPORT_FILE_INVALID',
      `the file has no target column; give one of ${targetColumns.join(', ')} (or 手机号, 邮箱, 用户ID …)`,
      { errors: [{ field: 'header', message: 'no target column' }] },
    );
  }
  return map;
}

const stripBom = (s: string) => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);

/** Our CSV export writes `'` before a cell a spreadsheet could run (see export.ts `neutralise`); undo that. */
export function unneutralise(cell: string): string {
  if (cell.charCodeAt(0) !== 39 /* ' */ || cell.length < 2) return cell;
  return /^''*(?:[\t\r]|\s*[=+\-@])/u.test(cell) ? cell.slice(1) : cell;
}

// ---------------------------------------------------------------------------
// Times

// `2026-12-01`, `2026/12/01 08:00`, `2026-12-01T08:00:00`, optionally with a zone.
const localTime =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000; // China has no daylight saving time

/**
 * Epoch ms of an import time cell: ISO 8601, or `YYYY-MM-DD[ HH:mm[:ss]]`,
 * read in Asia/Shanghai (UTC+8) unless an offset or `Z` is given. Null if unreadable.
 */
export function parseImportTime(text: string): number | null {
  const m = localTime.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, ms, zone] = m;
  const parts = [y, mo, d, h ?? '0', mi ?? '0', s ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [year, month, day, hour, minute, second] = parts;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, Number((ms ?? '0').padEnd(3, '0')));
  if (new Date(utc).getUTCDate() !== day) return null; // 2026-02-30
  if (!zone) return utc - SHANGHAI_OFFSET_MS;
  if (zone.toUpperCase() === 'Z') return utc;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offset = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  return utc - sign * offset;
}

// ---------------------------------------------------------------------------
// Row validation (pure)

export type ImportTarget =
  | { identifier: Identifier; customerId: null }
  | { identifier: null; customerId: string };

/** A row that passed validation: everything the writer needs, normalised. */
export interface ImportRow {
  line: number;
  target: ImportTarget;
  level: BlocklistLevel;
  limit: RateLimit | null;
  allowedChannels: string[] | null;
  category: string;
  reason: string;
  startsAt: number | null;
  expiresAt: number | null;
  /** Undefined when the file leaves it to the category's review period. */
  reviewAt: number | null | undefined;
  ownerId: string | null;
  state: 'approved' | 'pending';
}

export type RowResult =
  | { kind: 'row'; row: ImportRow }
  | { kind: 'skip' } // exported rows that no longer apply (released, rejected, expired)
  | { kind: 'bad'; reason: string };

export interface RowContext {
  now: number;
  normalize: NormalizeOptions;
  /** Categories by key, zh and en label and synonyms, under `valueKey` (see categoryLookup). */
  categories: ReadonlyMap<string, BlocklistCategory>;
  /** The valid category values, for the error (see categoryChoices). */
  categoryChoices?: string;
}

/** How values in a file are compared: full-width folded, lower case, without spaces, `_`, `-` or `/`. */
export const valueKey = (text: string): string =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-/]+/g, '');

/**
 * Words people write for the built-in categories, besides the keys and labels.
 * A synonym applies only while its category exists.
 */
export const categorySynonyms: Record<string, readonly string[]> = {
  harassment: ['骚扰', '恶意骚扰', '辱骂', '骚扰电话', 'harass', 'harassing'],
  complaint_abuse: ['频繁投诉', '投诉', '恶意投诉', '职业投诉', '投诉滥用', 'complaint', 'complaints'],
  fraud: ['欺诈', '诈骗', '虚假', '虚假信息', '骗子', 'scam', 'fake', 'false information'],
  spam: ['垃圾', '广告', '垃圾信息', '垃圾短信', '骚扰广告', '推销', 'ad', 'ads', 'advertising'],
};

/** Category by `valueKey` of its key, labels and synonyms; keys win over labels, labels over synonyms. */
export function categoryLookup(list: readonly BlocklistCategory[]): Map<string, BlocklistCategory> {
  const map = new Map<string, BlocklistCategory>();
  for (const c of list) for (const word of categorySynonyms[c.key] ?? []) map.set(valueKey(word), c);
  for (const c of list) {
    map.set(valueKey(c.labels.en), c);
    map.set(valueKey(c.labels['zh-CN']), c);
  }
  for (const c of list) map.set(valueKey(c.key), c);
  return map;
}

/** `harassment (恶意骚扰), spam (垃圾信息) …`: the values a category cell may take, for errors. */
export function categoryChoices(list: readonly BlocklistCategory[]): string {
  const shown = list.slice(0, 20).map((c) => `${c.key} (${c.labels['zh-CN']})`);
  return `${shown.join(', ')}${list.length > 20 ? ` … ${list.length - 20} more` : ''}`;
}

/** Level words: 1 block, 2 limit, 3 restrict to channels. */
const levelWords = new Map<string, BlocklistLevel>(
  (
    [
      [1, ['1', '一级', '1级', '一', 'l1', 'level1', '级别1', 'block', '拉黑', '屏蔽', '封禁', '禁止']],
      [2, ['2', '二级', '2级', '二', 'l2', 'level2', '级别2', 'limit', '限流', '限频', '限制']],
      [3, ['3', '三级', '3级', '三', 'l3', 'level3', '级别3', 'restrict', '渠道限制', '限渠道']],
    ] as [BlocklistLevel, string[]][]
  ).flatMap(([level, words]) => words.map((w) => [valueKey(w), level] as const)),
);

/** Channel words, zh and en, besides the keys (one word each: cells split on spaces too). */
export const channelSynonyms: Record<string, readonly string[]> = {
  sms: ['短信', '短消息', '信息', 'text'],
  voice: ['电话', '语音', '通话', '来电', 'call', 'calls', 'phone'],
  email: ['邮件', '邮箱', '电子邮件', 'e-mail', 'mail'],
  chat: ['在线客服', '聊天', '网页聊天', '在线聊天', 'webchat'],
  app: ['应用', 'app消息', '应用消息'],
  social: ['社交', '社交媒体', '微博'],
};

const channelWords = new Map<string, string>([
  ...channels.map((c) => [valueKey(c), c] as const),
  ...Object.entries(channelSynonyms).flatMap(([c, words]) => words.map((w) => [valueKey(w), c] as const)),
]);

const channelSplit = /[,，、;；|/\s]+/;
const intPattern = /^\d+$/;
const ownerId = /^[a-z]{3}_[0-9a-z]{10,60}$/;

const bad = (reason: string): RowResult => ({ kind: 'bad', reason });

/**
 * Each bad-row reason this import writes (here, in import-passes.ts and
 * import.ts) as a code and values, for the console to word; the English
 * `reason` stays in the report beside it. Reports stored before codes existed
 * are coded the same way on reading.
 */
const ROW_ERRORS: readonly [RegExp, string, (m: RegExpMatchArray) => Record<string, unknown>][] = [
  [/^status must be /, 'import.status_invalid', () => ({})],
  [/^no target(?:: fill exactly one of .*)?$/, 'import.no_target', () => ({})],
  [/^more than one target column is filled/, 'import.many_targets', () => ({})],
  [/^customer_id is not a customer id/, 'import.customer_id_invalid', () => ({})],
  [/^customer_id is not a known customer$/, 'import.customer_unknown', () => ({})],
  [/^(category|reason) is required$/, 'import.required', (m) => ({ column: m[1] })],
  [
    /^category is not a known category; use a key or label: (.*)$/s,
    'import.category_unknown',
    (m) => ({ choices: m[1] }),
  ],
  [/^reason is longer than (\d+) characters$/, 'import.reason_too_long', (m) => ({ max: Number(m[1]) })],
  [/^level must be 1 /, 'import.level_invalid', () => ({})],
  [/^limit_max and limit_window_seconds apply to level 2 only$/, 'import.limit_not_level2', () => ({})],
  [/^give both limit_max and limit_window_seconds/, 'import.limit_both', () => ({})],
  [
    /^limit_max must be a whole number from 1 to (\d+)$/,
    'import.limit_max_invalid',
    (m) => ({ max: Number(m[1]) }),
  ],
  [
    /^limit_window_seconds must be a whole number of seconds from 1 to (\d+)$/,
    'import.limit_window_invalid',
    (m) => ({ max: Number(m[1]) }),
  ],
  [/^level 2 needs limit_max and limit_window_seconds/, 'import.limit_missing', () => ({})],
  [/^allowed_channels applies to level 3 only$/, 'import.channels_not_level3', () => ({})],
  [/^allowed_channels must be among /, 'import.channels_invalid', () => ({})],
  [/^level 3 needs allowed_channels$/, 'import.channels_missing', () => ({})],
  [/^(starts_at|expires_at|review_at) is not a date/, 'import.date_invalid', (m) => ({ column: m[1] })],
  [/^expires_at must be after starts_at$/, 'import.expires_before_start', () => ({})],
  [/^expires_at is in the past$/, 'import.expires_past', () => ({})],
  [/^owner is not a user id/, 'import.owner_invalid', () => ({})],
  [/^same target and level as line (\d+)$/, 'import.duplicate', (m) => ({ line: Number(m[1]) })],
  [
    /^needs confirmation: the target is a key customer \((.*)\); import with confirm$/s,
    'import.needs_confirmation',
    (m) => ({ risks: (m[1] ?? '').split('; ') }),
  ],
];

const identifierRow = new RegExp(`^(${identifierTypes.join('|')}): (.+)$`, 's');

/**
 * A bad row's reason as a code and values; `text` for one this table does not
 * know. A bad identifier carries its type's code (`INVALID_PHONE`) and what is
 * wrong with it (`problem`, see identifierProblem).
 */
export function importRowErrorCode(reason: string): CodedText {
  const id = reason.match(identifierRow);
  if (id) {
    const column = id[1] as IdentifierType;
    const text = id[2] ?? '';
    const problem = identifierProblem(text);
    return { code: invalidIdentifierCode(column), params: { column, text, ...(problem ? { problem } : {}) } };
  }
  for (const [shape, code, params] of ROW_ERRORS) {
    const m = reason.match(shape);
    if (m) return { code, params: params(m) };
  }
  return { code: 'text', params: { text: reason } };
}

/**
 * Validates one data row. `cells` are the raw cell texts; `header` maps
 * columns to positions. Pure: the same input gives the same answer.
 */
export function validateRow(
  cells: readonly string[],
  header: HeaderMap,
  line: number,
  ctx: RowContext,
): RowResult {
  const cell = (c: Column): string => {
    const i = header[c];
    if (i === undefined) return '';
    const v = cells[i];
    return v === undefined ? '' : unneutralise(v).trim();
  };

  const status = cell('status').toLowerCase();
  if (status !== '') {
    if (status === 'released' || status === 'rejected' || status === 'expired') return { kind: 'skip' };
    if (status !== 'active' && status !== 'scheduled' && status !== 'pending')
      return bad('status must be active, scheduled, pending, released, rejected or expired');
  }

  let target: ImportTarget | null = null;
  let filled = 0;
  let targetError: string | null = null;
  for (const c of targetColumns) {
    const i = header[c];
    if (i === undefined) continue;
    const raw = cells[i];
    if (raw === undefined || raw === '') continue;
    const v = unneutralise(raw).trim();
    if (v === '') continue;
    filled++;
    if (filled > 1) break;
    if (c === 'customer_id') {
      if (!/^cus_[0-9a-z]{10,40}$/.test(v)) targetError = 'customer_id is not a customer id (cus_…)';
      else target = { identifier: null, customerId: v };
    } else {
      const r = tryNormalizeIdentifier(c, v, ctx.normalize);
      if (r.ok) target = { identifier: r.identifier, customerId: null };
      else targetError = `${c}: ${r.message}`;
    }
  }
  if (filled === 0) return bad(`no target: fill exactly one of ${targetColumns.join(', ')}`);
  if (filled > 1) return bad('more than one target column is filled; give exactly one per row');
  if (targetError) return bad(targetError);
  if (!target) return bad('no target');

  const categoryText = cell('category');
  if (categoryText === '') return bad('category is required');
  const category = ctx.categories.get(valueKey(categoryText));
  if (!category)
    return bad(
      `category is not a known category; use a key or label: ${ctx.categoryChoices ?? [...new Set([...ctx.categories.values()].map((c) => c.key))].join(', ')}`,
    );

  const reason = cell('reason');
  if (reason === '') return bad('reason is required');
  if (reason.length > 2000) return bad('reason is longer than 2000 characters');

  const levelText = cell('level');
  let level: BlocklistLevel;
  if (levelText === '') level = category.defaultLevel;
  else {
    const known = levelWords.get(valueKey(levelText));
    if (known === undefined)
      return bad('level must be 1 (block, 一级), 2 (limit, 二级) or 3 (restrict to channels, 三级)');
    level = known;
  }

  const maxText = cell('limit_max');
  const windowText = cell('limit_window_seconds');
  let limit: RateLimit | null = null;
  if (maxText !== '' || windowText !== '') {
    if (level !== 2) return bad('limit_max and limit_window_seconds apply to level 2 only');
    if (maxText === '' || windowText === '')
      return bad('give both limit_max and limit_window_seconds, or neither');
    if (!intPattern.test(maxText) || Number(maxText) < 1 || Number(maxText) > 1_000_000)
      return bad('limit_max must be a whole number from 1 to 1000000');
    if (!intPattern.test(windowText) || Number(windowText) < 1 || Number(windowText) > 366 * 86_400)
      return bad('limit_window_seconds must be a whole number of seconds from 1 to 31622400');
    limit = { max: Number(maxText), windowSeconds: Number(windowText) };
  } else if (level === 2) {
    limit = category.defaultLimit;
    if (!limit) return bad('level 2 needs limit_max and limit_window_seconds (the category has no default)');
  }

  const channelsText = cell('allowed_channels');
  let allowedChannels: string[] | null = null;
  if (channelsText !== '') {
    if (level !== 3) return bad('allowed_channels applies to level 3 only');
    const list: string[] = [];
    for (const word of channelsText.split(channelSplit)) {
      if (word === '') continue;
      const channel = channelWords.get(valueKey(word));
      if (!channel)
        return bad(
          `allowed_channels must be among ${channels.join(', ')} (短信, 电话, 邮件, 在线客服, 应用, 社交)`,
        );
      list.push(channel);
    }
    allowedChannels = [...new Set(list)];
  }
  if (level === 3 && (!allowedChannels || allowedChannels.length === 0))
    return bad('level 3 needs allowed_channels');

  const times: Record<'starts_at' | 'expires_at' | 'review_at', number | null> = {
    starts_at: null,
    expires_at: null,
    review_at: null,
  };
  for (const c of ['starts_at', 'expires_at', 'review_at'] as const) {
    const t = cell(c);
    if (t === '') continue;
    const ms = parseImportTime(t);
    if (ms === null) return bad(`${c} is not a date (ISO 8601 or YYYY-MM-DD HH:mm:ss)`);
    times[c] = ms;
  }
  if (times.starts_at !== null && times.expires_at !== null && times.expires_at <= times.starts_at)
    return bad('expires_at must be after starts_at');
  if (times.expires_at !== null && times.expires_at <= ctx.now) return bad('expires_at is in the past');

  // Like POST /blocklist, an owner is taken as an id without a look-up: an
  // export carries ids from its own instance, which need not exist here.
  const owner = cell('owner');
  if (owner !== '' && !ownerId.test(owner)) return bad('owner is not a user id (usr_…)');

  return {
    kind: 'row',
    row: {
      line,
      target,
      level,
      limit,
      allowedChannels,
      category: category.key,
      reason,
      startsAt: times.starts_at,
      expiresAt: times.expires_at,
      reviewAt: header.review_at === undefined || cell('review_at') === '' ? undefined : times.review_at,
      ownerId: owner === '' ? null : owner,
      state: status === 'pending' ? 'pending' : 'approved',
    },
  };
}

// ---------------------------------------------------------------------------
// Reading files

export type ImportFormat = 'csv' | 'xlsx';

/** What a file is, found from its content (see inspectImportFile). */
export interface ImportFileType {
  format: ImportFormat;
  /** CSV: the text encoding. */
  encoding?: TextEncodingName | undefined;
  /** CSV: `,` or tab. */
  delimiter?: string | undefined;
}

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * What an uploaded file is, by content rather than name: an XLSX workbook (a
 * zip, checked against the limits of zip-limits.ts before any parser sees it)
 * or CSV/TSV text in UTF-8, GB18030/GBK or UTF-16. Throws a coded error for
 * anything else: a legacy .xls (with how to convert it), binary data, a
 * damaged or over-large workbook.
 */
export async function inspectImportFile(path: string): Promise<Required<ImportFileType>> {
  const handle = await open(path, 'r');
  let head: Buffer;
  let whole: boolean;
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    head = buffer.subarray(0, bytesRead);
    whole = bytesRead < buffer.length || (await handle.stat()).size === bytesRead;
  } finally {
    await handle.close();
  }
  if (head.length === 0)
    throw new WardenError('IMPORT_FILE_INVALID', 'the file is empty: it needs a header row and data rows', {
      errors: [{ field: 'header', message: 'missing' }],
    });
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05)) {
    try {
      await checkZip(path);
    } catch (err) {
      if (!(err instanceof ZipCheckError)) throw err;
      throw new WardenError(
        err.kind === 'limit' ? 'IMPORT_FILE_LIMIT' : 'IMPORT_FILE_INVALID',
        `the workbook cannot be imported: ${err.message}`,
        { errors: [{ field: 'file', message: err.message }] },
      );
    }
    return { format: 'xlsx', encoding: 'utf-8', delimiter: ',' };
  }
  if (OLE2.every((b, i) => head[i] === b)) {
    throw new WardenError(
      'IMPORT_UNSUPPORTED_FORMAT',
      'this is a legacy Excel 97–2003 workbook (.xls), which cannot be imported: open it in Excel or WPS and save it as "Excel Workbook (.xlsx)" or "CSV UTF-8", then import that file',
    );
  }
  const detected = detectTextEncoding(head, whole);
  if (!detected) {
    throw new WardenError(
      'IMPORT_UNSUPPORTED_FORMAT',
      'the file is neither CSV/TSV text (UTF-8, GBK/GB18030 or UTF-16) nor an XLSX workbook',
    );
  }
  return { format: 'csv', encoding: detected.encoding, delimiter: sniffDelimiter(head, detected.encoding) };
}

/** Tab when the first line has more tabs than commas (Excel's "Unicode text" and TSV files), else comma. */
function sniffDelimiter(head: Buffer, encoding: TextEncodingName): string {
  const text = new TextDecoder(encoding).decode(head.subarray(0, Math.min(head.length, 8192)));
  const first = text.split(/\r\n|\n|\r/)[0] ?? '';
  let tabs = 0;
  let commas = 0;
  for (const ch of first) {
    if (ch === '\t') tabs++;
    else if (ch === ',') commas++;
  }
  return tabs > commas ? '\t' : ',';
}

/** XLSX by its zip signature, CSV by looking like text; null for anything else (see inspectImportFile). */
export async function detectFormat(path: string): Promise<ImportFormat | null> {
  try {
    return (await inspectImportFile(path)).format;
  } catch (err) {
    if (err instanceof WardenError) return null;
    throw err;
  }
}

export interface SourceRow {
  line: number;
  cells: string[];
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) {
    // Excel dates carry no zone; exceljs reads the wall time as UTC. Hand it on
    // as wall time so it is read in Asia/Shanghai like a typed date.
    return v.toISOString().slice(0, 19).replace('T', ' ');
  }
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('error' in v) return '';
  }
  return String(v);
}

/** Rows handed on at a time by `readRowBatches` (a CSV chunk of 1 MiB holds far more). */
const XLSX_BATCH_ROWS = 1000;

/**
 * Streams rows of the first sheet (XLSX) or of the file (CSV/TSV in the
 * detected encoding) in batches, each with the bytes of the file read so far.
 * `line` is the 1-based line a CSV record starts on, or the sheet row (XLSX);
 * the header is the first row. An unreadable file is IMPORT_FILE_INVALID, a
 * row over MAX_COLUMNS cells or MAX_ROW_CHARS characters IMPORT_FILE_LIMIT,
 * both naming the line.
 */
export async function* readRowBatches(
  path: string,
  format: ImportFormat,
  options: { encoding?: TextEncodingName | undefined; delimiter?: string | undefined } = {},
): AsyncGenerator<{ rows: SourceRow[]; bytes: number }> {
  let encoding = options.encoding;
  let delimiter = options.delimiter;
  if (format === 'csv' && (encoding === undefined || delimiter === undefined)) {
    const found = await inspectImportFile(path);
    encoding ??= found.encoding;
    delimiter ??= found.delimiter;
  }
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  let bytes = 0;
  try {
    if (format === 'csv') {
      const reader = new CsvReader(delimiter ?? ',', MAX_ROW_CHARS, MAX_COLUMNS);
      const decoder = new FileTextDecoder(encoding ?? 'utf-8');
      try {
        for await (const chunk of file as AsyncIterable<Buffer>) {
          bytes += chunk.length;
          const rows: CsvRecord[] = [];
          reader.push(decoder.write(chunk), rows);
          if (rows.length) yield { rows, bytes };
        }
        const rows: CsvRecord[] = [];
        reader.push(decoder.end(), rows);
        reader.end(rows);
        if (rows.length) yield { rows, bytes };
      } catch (err) {
        if (err instanceof TextDecodeError) {
          throw new WardenError('IMPORT_FILE_INVALID', err.message, {
            errors: [{ field: 'file', message: err.message }],
          });
        }
        if (!(err instanceof CsvError)) throw err;
        throw new WardenError(
          err.kind === 'limit' ? 'IMPORT_FILE_LIMIT' : 'IMPORT_FILE_INVALID',
          err.kind === 'limit' ? err.message : `the file is not valid CSV: ${err.message}`,
          { errors: [{ field: `line/${err.line}`, message: err.message }] },
        );
      }
    } else {
      yield* readXlsx(
        file,
        () => bytes,
        (n) => {
          bytes += n;
        },
      );
    }
  } finally {
    file.destroy();
  }
}

async function* readXlsx(
  file: NodeJS.ReadableStream,
  read: () => number,
  count: (n: number) => void,
): AsyncGenerator<{ rows: SourceRow[]; bytes: number }> {
  const counted = file.pipe(
    new Transform({
      transform(chunk: Buffer, _enc, done) {
        count(chunk.length);
        done(null, chunk);
      },
    }),
  );
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(counted, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  // exceljs reads a worksheet's name from the workbook part, and throws ("reading
  // 'sheets'") when the worksheet part is parsed first, which happens now and
  // then with the same file (exceljs issue #962). We take the first sheet and
  // need no name: an empty model until the workbook part arrives avoids it.
  const model = reader as unknown as { model?: { sheets: unknown[] } };
  model.model ??= { sheets: [] };
  let rows: SourceRow[] = [];
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as ExcelJS.CellValue[];
        if (values.length - 1 > MAX_COLUMNS) {
          throw new WardenError('IMPORT_FILE_LIMIT', `row ${row.number} has more than ${MAX_COLUMNS} cells`, {
            errors: [{ field: `line/${row.number}`, message: `more than ${MAX_COLUMNS} cells` }],
          });
        }
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        if (cells.every((c) => c.trim() === '')) continue;
        rows.push({ line: row.number, cells });
        if (rows.length >= XLSX_BATCH_ROWS) {
          yield { rows, bytes: read() };
          rows = [];
        }
      }
      break; // the first sheet only
    }
  } catch (err) {
    if (err instanceof WardenError) throw err;
    // exceljs fails on damaged parts with plain errors: the file's fault, not ours.
    const message = err instanceof Error ? err.message.slice(0, 200) : 'unreadable';
    throw new WardenError('IMPORT_FILE_INVALID', `the workbook cannot be read: ${message}`, {
      errors: [{ field: 'file', message: 'unreadable workbook' }],
    });
  }
  if (rows.length) yield { rows, bytes: read() };
}

/** `readRowBatches` a row at a time, for callers that want only a few rows (the header). */
export async function* readRows(
  path: string,
  format: ImportFormat,
  options: { encoding?: TextEncodingName | undefined; delimiter?: string | undefined } = {},
): AsyncGenerator<SourceRow> {
  for await (const { rows } of readRowBatches(path, format, options)) yield* rows;
}

/** A cheap 53-bit hash for spotting the same target twice in one file without keeping the values. */
export function hash53(s: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
