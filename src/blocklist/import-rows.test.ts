import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { seedCategories } from './categories.js';
import { neutralise } from './export.js';
import {
  categoryLookup,
  importRowErrorCode,
  mapHeader,
  parseImportTime,
  type RowContext,
  readRowBatches,
  unneutralise,
  validateRow,
} from './import-rows.js';

const now = Date.parse('2026-06-01T00:00:00Z');
const ctx: RowContext = {
  now,
  normalize: { defaultRegion: 'CN' },
  categories: categoryLookup(seedCategories),
};

describe('mapHeader', () => {
  it('reads English and Chinese headers, ignoring case, spaces and underscores', () => {
    expect(mapHeader(['手机号', '分类', '原因', '级别'])).toEqual({
      phone: 0,
      category: 1,
      reason: 2,
      level: 3,
    });
    expect(mapHeader(['\ufeffUser ID', 'Category', 'REASON', 'openid', ''])).toEqual({
      user_id: 0,
      category: 1,
      reason: 2,
      open_id: 3,
    });
    expect(mapHeader(['用户id', '限制 窗口'])).toEqual({ user_id: 0, limit_window_seconds: 1 });
  });
  it('rejects unknown and repeated columns and a file without a target', () => {
    expect(() => mapHeader(['phone', 'colour'])).toThrow(/unknown column "colour"/);
    expect(() => mapHeader(['phone', '手机号'])).toThrow(/appears twice/);
    expect(() => mapHeader(['category', 'reason'])).toThrow(/no target column/);
  });
});

describe('formula neutralisation', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+8613800138000', "'+8613800138000"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    [' =1+1', "' =1+1"],
    ['\u3000=HYPERLINK("x")', '\'\u3000=HYPERLINK("x")'],
    ['\n+1', "'\n+1"],
    ['\r\n-1', "'\r\n-1"],
    ['  \u3000 @A1', "'  \u3000 @A1"],
    ['\u00a0=1', "'\u00a0=1"],
    ['a=1', 'a=1'],
    [' plain', ' plain'],
    ['\u3000骚扰', '\u3000骚扰'],
    ['plain', 'plain'],
    ["'quoted", "'quoted"],
    ["' =quoted", "'' =quoted"],
    ["'=x", "''=x"],
  ])('%j ↔ %j', (raw, cell) => {
    expect(neutralise(raw)).toBe(cell);
    expect(unneutralise(cell)).toBe(raw);
  });
});

describe('parseImportTime', () => {
  it.each([
    ['2026-12-01', '2026-11-30T16:00:00.000Z'],
    ['2026-12-01 08:30', '2026-12-01T00:30:00.000Z'],
    ['2026/12/01 08:30:15', '2026-12-01T00:30:15.000Z'],
    ['2026-12-01T08:30:00Z', '2026-12-01T08:30:00.000Z'],
    ['2026-12-01T08:30:00.250+02:00', '2026-12-01T06:30:00.250Z'],
    ['2026-12-01T08:30:00-0500', '2026-12-01T13:30:00.000Z'],
  ])('%s → %s', (text, iso) => {
    expect(new Date(parseImportTime(text) ?? 0).toISOString()).toBe(iso);
  });
  it.each(['2026-02-30', '2026-13-01', 'tomorrow', '01/12/2026', ''])('%j is not a date', (text) => {
    expect(parseImportTime(text)).toBeNull();
  });
});

describe('validateRow', () => {
  const header = mapHeader([
    'phone',
    'email',
    'level',
    'category',
    'reason',
    'limit_max',
    'limit_window_seconds',
    'allowed_channels',
    'expires_at',
    'owner',
    'status',
  ]);
  const row = (cells: Partial<Record<string, string>>) =>
    validateRow(
      [
        cells.phone ?? '',
        cells.email ?? '',
        cells.level ?? '',
        cells.category ?? 'harassment',
        cells.reason ?? '骚扰',
        cells.limit_max ?? '',
        cells.limit_window_seconds ?? '',
        cells.allowed_channels ?? '',
        cells.expires_at ?? '',
        cells.owner ?? '',
        cells.status ?? '',
      ],
      header,
      7,
      ctx,
    );

  it('normalises the target and takes the category defaults', () => {
    const r = row({ phone: '138 0013 8000', category: '频繁投诉' });
    expect(r).toMatchObject({
      kind: 'row',
      row: {
        line: 7,
        target: { identifier: { type: 'phone', value: '+8613800138000' }, customerId: null },
        level: 2,
        limit: { max: 5, windowSeconds: 86_400 },
        category: 'complaint_abuse',
        state: 'approved',
      },
    });
  });

  it('strips the export’s formula guard', () => {
    expect(row({ phone: "'+8613800138000" })).toMatchObject({
      row: { target: { identifier: { value: '+8613800138000' } } },
    });
  });

  it('takes level 3 with channels separated by , or 、', () => {
    expect(row({ email: 'A@Example.com', level: '3', allowed_channels: 'email、sms' })).toMatchObject({
      row: {
        level: 3,
        allowedChannels: ['email', 'sms'],
        target: { identifier: { value: 'a@example.com' } },
      },
    });
  });

  it.each([
    [{}, /no target/],
    [{ phone: '13800138000', email: 'a@example.com' }, /more than one target/],
    [{ phone: '12345' }, /^phone: Phone number is not valid/],
    [{ phone: '13800138000', category: 'nope' }, /category is not a known/],
    [{ phone: '13800138000', reason: ' ' }, /reason is required/],
    [{ phone: '13800138000', level: '4' }, /level must be 1 \(block, 一级\), 2/],
    [{ phone: '13800138000', level: '3' }, /level 3 needs allowed_channels/],
    [{ phone: '13800138000', level: '3', allowed_channels: 'fax' }, /allowed_channels must be among/],
    [{ phone: '13800138000', limit_max: '5' }, /level 2 only/],
    [{ phone: '13800138000', level: '2', limit_max: '5' }, /both limit_max/],
    [{ phone: '13800138000', expires_at: '2020-01-01' }, /in the past/],
    [{ phone: '13800138000', expires_at: 'soon' }, /not a date/],
    [{ phone: '13800138000', owner: 'Zhang San' }, /owner is not a user id/],
    [{ phone: '13800138000', status: 'maybe' }, /status must be/],
  ])('rejects %j without echoing the value', (cells, reason) => {
    const r = row(cells);
    expect(r.kind).toBe('bad');
    if (r.kind === 'bad') {
      expect(r.reason).toMatch(reason);
      for (const v of Object.values(cells)) if (v.length > 4) expect(r.reason).not.toContain(v);
      // Every reason has a code the console words (none falls back to the English text).
      expect(importRowErrorCode(r.reason).code).toMatch(/^(import\.|INVALID_)/);
      if ('phone' in cells && cells.phone === '12345')
        expect(importRowErrorCode(r.reason).params.problem).toBe('too_short');
    }
  });

  it('codes the reasons written outside validateRow, with their values', () => {
    expect(importRowErrorCode('same target and level as line 7')).toEqual({
      code: 'import.duplicate',
      params: { line: 7 },
    });
    expect(
      importRowErrorCode(
        "needs confirmation: the target is a key customer (the customer is marked protected; the customer's tier is vip); import with confirm",
      ),
    ).toEqual({
      code: 'import.needs_confirmation',
      params: { risks: ['the customer is marked protected', "the customer's tier is vip"] },
    });
    expect(importRowErrorCode('phone: Phone number is not valid: it is too short.')).toEqual({
      code: 'INVALID_PHONE',
      params: { column: 'phone', text: 'Phone number is not valid: it is too short.', problem: 'too_short' },
    });
    expect(importRowErrorCode('email_domain: something else')).toEqual({
      code: 'INVALID_EMAIL_DOMAIN',
      params: { column: 'email_domain', text: 'something else' },
    });
    expect(importRowErrorCode('something new')).toEqual({ code: 'text', params: { text: 'something new' } });
  });

  it('skips exported rows that no longer apply', () => {
    expect(row({ phone: '13800138000', status: 'released' })).toEqual({ kind: 'skip' });
  });
});

describe('readRowBatches on XLSX', () => {
  it('reads the same workbook the same way every time (exceljs issue #962 threw now and then)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['手机号', '分类', '原因']);
    ws.addRow([13900139001, '恶意骚扰', 'x']);
    ws.addRow(['13900139002', 'spam', 'y']);
    const dir = mkdtempSync(join(tmpdir(), 'warden-xlsx-'));
    const path = join(dir, 'list.xlsx');
    writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
    try {
      for (let i = 0; i < 300; i++) {
        const lines: number[] = [];
        for await (const b of readRowBatches(path, 'xlsx')) lines.push(...b.rows.map((r) => r.line));
        expect(lines, `read ${i}`).toEqual([1, 2, 3]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
