import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { importerFor } from '../../src/blocklist/import.js';
import { loadConfig } from '../../src/core/config.js';
import { createLogger } from '../../src/core/logging.js';
import { bearer, dialects, freshPostgresDatabase, startTestApp, type TestApp } from '../helpers/app.js';
import { encodeGb18030 } from '../helpers/gb18030.js';

const root = resolve(import.meta.dirname, '../..');

function multipart(fileName: string, content: Buffer) {
  const boundary = `----warden${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** The same rows, written the way people's tools write them: labels, synonyms, Chinese at the end. */
const rows = [
  ['手机号', '级别', '分类', '允许渠道', '原因'],
  ['13700137001', '一级', '骚扰', '', '多次辱骂客服'],
  ['13700137002', '2级', '广告', '', '群发广告, 每天几十条'],
  ['13700137003', '3', '诈骗', '短信、邮件', '冒充客服'],
  ['13700137004', '1', '频繁投诉', '', '导入三'],
];

const csvText = (sep: string, eol: string, trailing: boolean) =>
  rows.map((r) => r.map((c) => (c.includes(sep) || c.includes(',') ? `"${c}"` : c)).join(sep)).join(eol) +
  (trailing ? eol : '');

async function files(): Promise<Record<string, Buffer>> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  for (const r of rows) ws.addRow(r);
  return {
    // Excel on Chinese Windows, "CSV (逗号分隔)": GBK, CRLF, no BOM.
    'gbk.csv': encodeGb18030(csvText(',', '\r\n', true)),
    // An editor's UTF-8, no BOM, no final line break: the file ends in Chinese.
    'utf8.csv': Buffer.from(csvText(',', '\n', false), 'utf8'),
    // Excel "Unicode text": UTF-16 LE with a BOM, tab-separated.
    'unicode.txt': Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(csvText('\t', '\r\n', true), 'utf16le'),
    ]),
    'list.xlsx': Buffer.from(await wb.xlsx.writeBuffer()),
  };
}

const encodings: Record<string, string | null> = {
  'gbk.csv': 'gb18030',
  'utf8.csv': 'utf-8',
  'unicode.txt': 'utf-16le',
  'list.xlsx': null,
};

type Shape = Record<string, unknown>[];

async function shapeOf(t: Pick<TestApp, 'app'>): Promise<Shape> {
  const entries = await t.app.store.db
    .selectFrom('blocklist_entries')
    .selectAll()
    .orderBy('target_key')
    .execute();
  return entries
    .map((r) => ({
      target: `${r.identifier_type}:${t.app.keys.decrypt(r.identifier_enc ?? '')}`,
      level: r.level,
      limit: [r.limit_max, r.limit_window],
      channels: r.allowed_channels,
      category: r.category,
      reason: t.app.keys.decrypt(r.reason_enc),
      state: r.state,
    }))
    .sort((a, b) => a.target.localeCompare(b.target));
}

describe.each(dialects())('files as people have them, on %s', (dialect) => {
  let content: Record<string, Buffer>;
  beforeAll(async () => {
    content = await files();
  });

  const upload = async (t: TestApp, key: string, name: string, body: Buffer, query = '') => {
    const m = multipart(name, body);
    const res = await t.server.inject({
      method: 'POST',
      url: `/api/v1/blocklist/import?wait=60${query}`,
      headers: { ...m.headers, ...bearer(key) },
      payload: m.payload,
    });
    return { status: res.statusCode, body: res.json() as Record<string, unknown>, raw: res.body };
  };

  it('imports a GBK CSV, a UTF-8 CSV ending in Chinese, UTF-16 "Unicode text" and an XLSX to identical entries', async () => {
    const shapes: Shape[] = [];
    for (const [name, bytes] of Object.entries(content)) {
      const t = await startTestApp(dialect);
      try {
        const key = await t.key('admin');
        // The dry run says what the real run then does.
        const dry = await upload(t, key, name, bytes, '&dryRun=true');
        expect(dry.status, `${name}: ${dry.raw}`).toBe(200);
        expect(dry.body).toMatchObject({
          dryRun: true,
          encoding: encodings[name],
          report: {
            valid: 4,
            invalid: 0,
            created: 4,
            updated: 0,
            unchanged: 0,
            lines: { created: [2, 3, 4, 5] },
          },
        });
        expect(await shapeOf(t)).toEqual([]);
        const real = await upload(t, key, name, bytes);
        expect(real.status, `${name}: ${real.raw}`).toBe(200);
        expect(real.body).toMatchObject({ status: 'succeeded', report: { created: 4 } });
        const again = await upload(t, key, name, bytes, '&dryRun=true');
        expect(again.body).toMatchObject({
          report: { created: 0, unchanged: 4, lines: { unchanged: [2, 3, 4, 5] } },
        });
        shapes.push(await shapeOf(t));
      } finally {
        await t.close();
      }
    }
    expect(shapes[0]).toHaveLength(4);
    expect(shapes[0]).toContainEqual(
      expect.objectContaining({
        target: 'phone:+8613700137004',
        category: 'complaint_abuse',
        reason: '导入三',
      }),
    );
    expect(shapes[0]).toContainEqual(
      expect.objectContaining({ level: 3, channels: '["sms","email"]', category: 'fraud' }),
    );
    for (const s of shapes.slice(1)) expect(s).toEqual(shapes[0]);
  }, 180_000);

  it('names the valid values for an unknown category, level or channel, and explains a legacy .xls', async () => {
    const t = await startTestApp(dialect);
    try {
      const key = await t.key('admin');
      const bad = Buffer.from(
        '手机号,级别,分类,允许渠道,原因\n13700137001,1,坏人,,x\n13700137002,4,spam,,x\n13700137003,3,spam,传真,x\n',
      );
      const r = await upload(t, key, 'bad.csv', bad, '&dryRun=true');
      const errors = (r.body.report as { errors: { line: number; reason: string }[] }).errors;
      expect(errors[0]).toMatchObject({ line: 2 });
      expect(errors[0]?.reason).toMatch(/harassment \(恶意骚扰\).*spam \(垃圾信息\)/);
      expect(errors[0]?.reason).not.toContain('坏人');
      expect(errors[1]?.reason).toMatch(/1 \(block, 一级\)/);
      expect(errors[2]?.reason).toMatch(/sms, voice, email/);
      // Beside each English reason, its code and values for the console to word.
      expect(errors.map((e) => (e as { code?: string }).code)).toEqual([
        'import.category_unknown',
        'import.level_invalid',
        'import.channels_invalid',
      ]);
      expect((errors[0] as { params?: { choices?: string } }).params?.choices).toMatch(
        /harassment \(恶意骚扰\)/,
      );

      const xls = Buffer.concat([
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
        Buffer.alloc(512),
      ]);
      const legacy = await upload(t, key, 'old.xls', xls);
      expect(legacy.status).toBe(415);
      expect(legacy.body).toMatchObject({ code: 'IMPORT_UNSUPPORTED_FORMAT' });
      expect(String(legacy.body.detail)).toMatch(/\.xls.*save it as.*\.xlsx/);
    } finally {
      await t.close();
    }
  });

  it('goes live in chunks: every staged row of an import larger than one flip statement is in force', async () => {
    const t = await startTestApp(dialect);
    const dir = mkdtempSync(join(tmpdir(), 'warden-flip-'));
    try {
      const importer = importerFor(t.app);
      // A small chunk, so the end of this import crosses many statements (5,000 rows a statement
      // in production: one UPDATE of 200,000 outlasted PostgreSQL's 5 s statement timeout).
      importer.flipChunk = 7;
      const rows = 50;
      const lines = ['手机号,分类,原因'];
      for (let i = 0; i < rows; i++)
        lines.push(`1360013${String(i).padStart(4, '0')},harassment,辱骂客服 ${i}`);
      const path = join(dir, 'rows.csv');
      writeFileSync(path, `${lines.join('\n')}\n`);
      const ctx = { actor: { type: 'cli' as const, id: null, role: 'admin' as const }, requestId: null };
      const id = await importer.createJob(ctx, {
        fileName: 'rows.csv',
        fileHash: 'h',
        dryRun: false,
        skipInvalid: false,
      });
      const job = await importer.run(ctx, id, {
        path,
        fileName: 'rows.csv',
        format: 'csv',
        dryRun: false,
        skipInvalid: false,
        confirm: false,
      });
      expect(job.status).toBe('succeeded');
      expect(job.report.created).toBe(rows);
      const states = await t.app.store.db
        .selectFrom('blocklist_entries')
        .select(['state'])
        .where('import_id', '=', id)
        .execute();
      expect(states).toHaveLength(rows);
      expect(states.every((r) => r.state === 'approved')).toBe(true);
      const screened = await t.app.screening.screen(
        { channel: 'sms', from: { phone: '+8613600130049' }, text: '你好' },
        { record: false },
      );
      expect(screened.decision).toBe('block');
    } finally {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps every field before and after in a change event, the reason encrypted', async () => {
    const t = await startTestApp(dialect);
    try {
      const key = await t.key('admin');
      const created = await t.server.inject({
        method: 'POST',
        url: '/api/v1/blocklist',
        headers: bearer(key),
        payload: {
          identifier: { type: 'phone', value: '13700137009' },
          category: 'spam',
          reason: '原来的原因',
        },
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      const patched = await t.server.inject({
        method: 'PATCH',
        url: `/api/v1/blocklist/${id}`,
        headers: bearer(key),
        payload: { reason: '新的原因', level: 1 },
      });
      expect(patched.statusCode, patched.body).toBe(200);
      const entry = (await t.server.inject({ url: `/api/v1/blocklist/${id}`, headers: bearer(key) })).json();
      const change = (
        entry.history as { kind: string; detail: Record<string, Record<string, unknown>> }[]
      ).find((e) => e.kind === 'changed');
      expect(change?.detail.before).toMatchObject({ reason: '原来的原因', level: 2, category: 'spam' });
      expect(change?.detail.after).toMatchObject({ reason: '新的原因', level: 1 });
      expect(Object.keys(change?.detail.before ?? {})).toEqual(
        expect.arrayContaining(['limit', 'allowedChannels', 'startsAt', 'expiresAt', 'reviewAt', 'ownerId']),
      );
      const raw = await t.app.store.db
        .selectFrom('blocklist_events')
        .selectAll()
        .where('entry_id', '=', id)
        .execute();
      expect(JSON.stringify(raw)).not.toContain('原来的原因');
    } finally {
      await t.close();
    }
  });
});

describe('warden blocklist import (CLI, from source)', () => {
  let dir: string;
  let content: Record<string, Buffer>;
  const warden = (args: string[], env: Record<string, string>) => {
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        "import('./src/cli/main.ts').then((m) => m.main(['node', 'warden', ...process.argv.slice(1)]))",
        ...args,
      ],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '/tmp',
          WARDEN_LOG_LEVEL: 'warn',
          ...env,
        },
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'warden-cli-files-'));
    content = await files();
    for (const [name, bytes] of Object.entries(content)) writeFileSync(join(dir, name), bytes);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports each encoding to the same entries, records the actor, and exits 1 on a dry run with rejected rows', async () => {
    const env: Record<string, string> = { WARDEN_DATA_DIR: join(dir, 'data') };
    if (dialects().includes('postgres')) env.WARDEN_DATABASE_URL = await freshPostgresDatabase();
    const first = warden(['blocklist', 'import', '--actor', 'alice', join(dir, 'gbk.csv')], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/4 rows \(GB18030 \(GBK\)\): 4 valid.*4 created/);
    for (const name of ['utf8.csv', 'unicode.txt', 'list.xlsx']) {
      const r = warden(['blocklist', 'import', join(dir, name)], env);
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
      expect(r.stdout, name).toMatch(/0 created, 0 updated, 4 unchanged/);
    }
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, '手机号,分类,原因\n13700137011,spam,x\n1390,spam,x\n');
    const dry = warden(['blocklist', 'import', '--dry-run', bad], env);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toMatch(/dry run: 2 rows.*1 valid, 1 invalid.*would be 1 created/);
    expect(dry.stdout).toMatch(/line 3:/);

    const app = await createApp(loadConfig(env), { log: createLogger('silent') });
    try {
      const entries = await app.store.db
        .selectFrom('blocklist_entries')
        .select(['created_by', 'owner_id'])
        .execute();
      expect(entries).toHaveLength(4);
      expect(new Set(entries.map((e) => e.created_by))).toEqual(new Set(['cli:alice']));
      expect(entries.every((e) => e.owner_id === null)).toBe(true);
      const audit = await app.store.db
        .selectFrom('audit_log')
        .select(['actor_id'])
        .where('action', '=', 'blocklist.import')
        .execute();
      expect(audit[0]?.actor_id).toBe('cli:alice');
      expect(audit.slice(1).every((a) => a.actor_id?.startsWith('cli:'))).toBe(true);
    } finally {
      await app.close();
    }
  }, 300_000);
});
