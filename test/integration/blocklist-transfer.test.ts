import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/access/audit.js';
import { importerFor, WORKER_FROM_BYTES } from '../../src/blocklist/import.js';
import { bearer, dialects, startTestApp, type TestApp } from '../helpers/app.js';

function multipart(fileName: string, content: Buffer | string) {
  const boundary = `----warden${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    typeof content === 'string' ? Buffer.from(content, 'utf8') : content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const csv = (rows: string[][]) => `${rows.map((r) => r.join(',')).join('\n')}\n`;

describe.each(dialects())('blocklist import and export on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let agent: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    admin = await t.key('admin');
    agent = await t.key('agent');
  });
  afterAll(async () => t?.close());

  const upload = async (
    fileName: string,
    content: Buffer | string,
    query = '',
    key = admin,
  ): Promise<{ status: number; body: Record<string, unknown> & { report?: Record<string, unknown> } }> => {
    const m = multipart(fileName, content);
    const res = await t.server.inject({
      method: 'POST',
      url: `/api/v1/blocklist/import${query}`,
      headers: { ...m.headers, ...bearer(key) },
      payload: m.payload,
    });
    return { status: res.statusCode, body: res.json() };
  };
  const count = async (table: 'blocklist_entries' | 'blocklist_events') =>
    Number(
      (
        await t.app.store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const check = async (identifier: string) =>
    (
      await t.server.inject({
        url: `/api/v1/blocklist/check?identifier=${encodeURIComponent(identifier)}`,
        headers: bearer(admin),
      })
    ).json();

  it('imports a CSV with Chinese headers, with one audit row and a created event per entry', async () => {
    const file = csv([
      ['手机号', '邮箱', '分类', '原因', '级别', '到期时间'],
      ['139 0013 9000', '', '恶意骚扰', '多次辱骂客服', '', '2099-01-01'],
      ['', 'Spam@Example.com', '垃圾信息', '广告', '', ''],
      ['+86 137-0013-7000', '', 'fraud', '虚假信息', '1', '2099-01-01 08:00'],
    ]);
    const eventsBefore = await count('blocklist_events');
    const { status, body } = await upload('名单.csv', `\ufeff${file}`);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({
      status: 'succeeded',
      totalRows: 3,
      percent: 100,
      report: { valid: 3, invalid: 0, created: 3, updated: 0, unchanged: 0, errors: [] },
    });
    expect((await check('phone:13900139000')).decision).toBe('block');
    expect((await check('email:spam@example.com')).decision).not.toBe('allow');
    const entry = await t.app.store.db
      .selectFrom('blocklist_entries')
      .selectAll()
      .where('import_id', '=', body.id as string)
      .where('category', '=', 'fraud')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ source: 'import', state: 'approved', level: 1 });
    expect(new Date(Number(entry.expires_at)).toISOString()).toBe('2099-01-01T00:00:00.000Z'); // 08:00 Shanghai
    expect((await count('blocklist_events')) - eventsBefore).toBe(3);
    const audits = await t.app.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'blocklist.import')
      .where('target_id', '=', body.id as string)
      .execute();
    expect(audits).toHaveLength(1);
    expect(JSON.parse(audits[0]?.summary ?? '{}')).toMatchObject({ created: 3, invalid: 0 });
    expect(audits[0]?.summary).not.toContain('13900139000');
  });

  it('imports XLSX, including numeric phone cells and level 3 channels', async () => {
    const file = await xlsx([
      ['Phone', 'User ID', 'Category', 'Reason', 'Level', 'Allowed Channels'],
      [13600136000, '', 'harassment', '骚扰', 3, 'email、app'],
      ['', 'u-77', 'spam', 'bot', 2, ''],
    ]);
    const { status, body } = await upload('list.xlsx', file);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.report).toMatchObject({ valid: 2, created: 2 });
    expect((await check('phone:13600136000')).decision).toBe('restrict');
  });

  it('writes nothing on a dry run', async () => {
    const before = [await count('blocklist_entries'), await count('blocklist_events')];
    const { status, body } = await upload(
      'dry.csv',
      csv([
        ['phone', 'category', 'reason'],
        ['13500135000', 'harassment', 'x'],
        ['not-a-phone', 'harassment', 'x'],
      ]),
      '?dryRun=true',
    );
    expect(status).toBe(200);
    // What a real run would do with the good row, and the bad one named.
    expect(body).toMatchObject({
      dryRun: true,
      report: { valid: 1, invalid: 1, created: 1, lines: { created: [2] }, errors: [{ line: 3 }] },
    });
    expect([await count('blocklist_entries'), await count('blocklist_events')]).toEqual(before);
  });

  it('imports nothing when a row is bad, naming the line and not the value', async () => {
    const before = await count('blocklist_entries');
    const { status, body } = await upload(
      'bad.csv',
      csv([
        ['phone', 'category', 'reason'],
        ['13400134000', 'harassment', 'ok'],
        ['12345', 'harassment', 'too short'],
        ['13400134001', 'no_such_category', 'x'],
      ]),
    );
    expect(status).toBe(422);
    expect(body.code).toBe('IMPORT_INVALID');
    expect(body.report).toMatchObject({ errorCount: 2, created: 0 });
    const errors = (body.report as { errors: { line: number; reason: string }[] }).errors;
    expect(errors.map((e) => e.line)).toEqual([3, 4]);
    expect(JSON.stringify(errors)).not.toContain('12345');
    expect(await count('blocklist_entries')).toBe(before);
    const job = (
      await t.server.inject({ url: `/api/v1/imports/${body.importId}`, headers: bearer(admin) })
    ).json();
    expect(job).toMatchObject({ status: 'failed', error: 'IMPORT_INVALID' });
  });

  it('imports the good rows with skipInvalid and reports the bad ones', async () => {
    const { status, body } = await upload(
      'skip.csv',
      csv([
        ['email', 'category', 'reason'],
        ['good1@example.com', 'spam', 'x'],
        ['broken@', 'spam', 'x'],
        ['good2@example.com', 'spam', 'x'],
      ]),
      '?skipInvalid=true',
    );
    expect(status).toBe(200);
    expect(body.report).toMatchObject({ valid: 2, invalid: 1, created: 2, errors: [{ line: 3 }] });
  });

  it('changes nothing when the same file is imported again, and updates a changed row', async () => {
    const file = csv([
      ['user_id', 'category', 'reason', 'level', 'limit_max', 'limit_window_seconds'],
      ['again-1', 'complaint_abuse', '重复投诉', '2', '10', '3600'],
      ['again-2', 'harassment', '骚扰', '', '', ''],
    ]);
    expect((await upload('again.csv', file)).body.report).toMatchObject({ created: 2 });
    const before = [await count('blocklist_entries'), await count('blocklist_events')];
    const second = await upload('again.csv', file);
    expect(second.body.report).toMatchObject({ valid: 2, created: 0, updated: 0, unchanged: 2 });
    expect([await count('blocklist_entries'), await count('blocklist_events')]).toEqual(before);

    const changed = file.replace('10,3600', '20,3600');
    const third = await upload('again.csv', changed);
    expect(third.body.report).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect(await count('blocklist_entries')).toBe(before[0]);
    const entry = await t.app.store.db
      .selectFrom('blocklist_entries')
      .select(['id', 'limit_max'])
      .where('target_key', '=', t.app.blocklist.targetKeyOf({ type: 'user_id', value: 'again-1' }, null))
      .executeTakeFirstOrThrow();
    expect(entry.limit_max).toBe(20);
    const kinds = await t.app.store.db
      .selectFrom('blocklist_events')
      .select('kind')
      .where('entry_id', '=', entry.id)
      .execute();
    expect(kinds.map((k) => k.kind)).toEqual(['created', 'changed']);
  });

  it('rejects a 10,000-row file with one bad row, naming it', async () => {
    const rows = [['phone', 'category', 'reason']];
    for (let i = 0; i < 10_000; i++) rows.push([`1390${String(i).padStart(7, '0')}`, 'spam', `批量 ${i}`]);
    rows[6_001] = ['1390000', 'spam', 'short'];
    const before = await count('blocklist_entries');
    const { status, body } = await upload('big.csv', csv(rows), '?wait=60');
    expect(status).toBe(422);
    expect(body.report).toMatchObject({ valid: 9_999, invalid: 1, errors: [{ line: 6_002 }] });
    expect(await count('blocklist_entries')).toBe(before);
  });

  it('answers 202 for a job that outlasts the wait, and reports progress', async () => {
    const rows = [['open_id', 'category', 'reason']];
    for (let i = 0; i < 3_000; i++) rows.push([`oid-${i}`, 'harassment', 'x']);
    const { status, body } = await upload('slow.csv', csv(rows), '?wait=0');
    expect(status).toBe(202);
    expect(['queued', 'running']).toContain(body.status);
    let job = body;
    for (let i = 0; i < 200 && job.status !== 'succeeded' && job.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await t.server.inject({ url: `/api/v1/imports/${body.id}`, headers: bearer(admin) })).json();
    }
    expect(job).toMatchObject({
      status: 'succeeded',
      totalRows: 3_000,
      processedRows: 3_000,
      percent: 100,
      fileName: 'slow.csv',
      report: { created: 3_000 },
    });
    expect(job.finishedAt).toEqual(expect.any(String));
    const missing = await t.server.inject({ url: '/api/v1/imports/imp_nope', headers: bearer(admin) });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('IMPORT_NOT_FOUND');
  });

  it('asks for confirmation before blocking a key customer', async () => {
    await t.app.customers.upsertByExternalId(systemContext, 'vip-1', {
      tier: 'vip',
      identifiers: [{ type: 'phone', value: '13300133000' }],
    });
    const file = csv([
      ['phone', 'category', 'reason'],
      ['133 0013 3000', 'harassment', 'x'],
    ]);
    const refused = await upload('vip.csv', file);
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body.report)).toContain('needs confirmation');
    const confirmed = await upload('vip.csv', file, '?confirm=true');
    expect(confirmed.body.report).toMatchObject({ created: 1 });
  });

  it('reads, checks and seals alike on a worker thread and in the calling thread', {
    timeout: 120_000,
  }, async () => {
    const { customer } = await t.app.customers.upsertByExternalId(systemContext, 'twin-1', {
      identifiers: [{ type: 'email', value: 'twin@example.com' }],
    });
    const dir = mkdtempSync(join(tmpdir(), 'warden-twin-'));
    const importer = importerFor(t.app);
    const ctx = { actor: { type: 'cli' as const, id: null, role: 'admin' as const }, requestId: null };
    const run = async (name: string, text: string, inWorker: boolean, skipInvalid = false) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      const options = { dryRun: false, skipInvalid };
      const id = await importer.createJob(ctx, { fileName: name, fileHash: name, ...options });
      return importer.run(ctx, id, {
        path,
        fileName: name,
        format: 'csv',
        ...options,
        confirm: false,
        inWorker,
      });
    };
    const rows = (tag: string) => [
      [
        'phone',
        'user_id',
        'customer_id',
        'category',
        'reason',
        'level',
        'allowed_channels',
        'review_at',
        'owner',
      ],
      [`131 0013 ${tag}`, '', '', 'harassment', '辱骂', '', '', '', ''],
      ['', `twin-${tag}`, '', 'spam', 'ads', '3', 'email;chat', '2099-02-01', 'usr_0123456789abcdef'],
      ['', '', customer.id, 'fraud', '冒充', '1', '', '', ''],
      ['', '', 'cus_0000000000nobody', 'fraud', 'x', '', '', '', ''],
      [`131-0013-${tag}`, '', '', 'harassment', 'again', '', '', '', ''],
      ['', '', customer.id, 'fraud', 'twice', '1', '', '', ''],
      ['13100', '', '', 'spam', 'short', '', '', '', ''],
    ];
    try {
      // The same bad file: the same report either way.
      const local = await run('a.csv', csv(rows('1000')), false);
      const worker = await run('a.csv', csv(rows('1000')), true);
      expect(local.status).toBe('failed');
      expect(worker.report).toEqual(local.report);
      expect(local.report.errors.map((e) => e.line)).toEqual([5, 6, 7, 8]);
      expect(local.report.errors[0]?.reason).toBe('customer_id is not a known customer');
      expect(local.report.errors[1]?.reason).toBe('same target and level as line 2');
      expect(local.report.errors[2]?.reason).toBe('same target and level as line 4');

      // Written in the worker, then found unchanged in-thread: same target keys, same values.
      const written = await run('b.csv', csv(rows('2000')), true, true);
      expect(written.report).toMatchObject({ valid: 3, invalid: 4, created: 3, updated: 0 });
      const again = await run('b.csv', csv(rows('2000')), false, true);
      expect(again.report).toMatchObject({ valid: 3, created: 0, updated: 0, unchanged: 3 });
      // And the other way round.
      await run('c.csv', csv(rows('3000')), false, true);
      const back = await run('c.csv', csv(rows('3000')), true, true);
      expect(back.report).toMatchObject({ valid: 3, created: 0, updated: 0, unchanged: 3 });

      // What the worker sealed reads back, and the policy index has it without a reload.
      expect(await check('phone:13100132000')).toMatchObject({ decision: 'block' });
      const entry = await t.app.store.db
        .selectFrom('blocklist_entries')
        .selectAll()
        .where('target_key', '=', t.app.blocklist.targetKeyOf({ type: 'user_id', value: 'twin-2000' }, null))
        .executeTakeFirstOrThrow();
      expect(t.app.keys.decrypt(entry.identifier_enc as string)).toBe('twin-2000');
      expect(t.app.keys.decrypt(entry.reason_enc)).toBe('ads');
      expect(entry).toMatchObject({
        level: 3,
        allowed_channels: JSON.stringify(['email', 'chat']),
        owner_id: 'usr_0123456789abcdef',
        source: 'import',
        import_id: written.id,
        review_at: Date.parse('2099-02-01T00:00:00+08:00'),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
      // The customer exists only here: an export of this instance must not need it elsewhere.
      const onCustomer = await t.app.store.db
        .selectFrom('blocklist_entries')
        .select('id')
        .where('customer_id', '=', customer.id)
        .execute();
      for (const { id } of onCustomer) await t.app.blocklist.release(systemContext, id, 'test done');
    }
  });

  it('refuses files it cannot read with a coded problem', async () => {
    const unknown = await upload(
      'x.csv',
      csv([
        ['phone', 'colour'],
        ['13800138000', 'red'],
      ]),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('IMPORT_FILE_INVALID');
    const noTarget = await upload(
      'x.csv',
      csv([
        ['category', 'reason'],
        ['spam', 'x'],
      ]),
    );
    expect(noTarget.body.code).toBe('IMPORT_FILE_INVALID');
    const binary = await upload('x.bin', Buffer.from([0, 1, 2, 3, 0, 255]));
    expect(binary.status).toBe(415);
    expect(binary.body.code).toBe('IMPORT_UNSUPPORTED_FORMAT');
    expect((await upload('x.csv', 'phone\n13800138000\n', '', agent)).status).toBe(403);
  });

  it('fails a large file that is not valid CSV with the line, from the worker thread, writing nothing', async () => {
    const rows = [['phone', 'category', 'reason']];
    for (let i = 0; i < 40_000; i++)
      rows.push([`1370${String(i).padStart(7, '0')}`, 'spam', `群发广告 ${i}`]);
    // An unclosed quote on line 37,002 (past the first MiB the upload's header check reads):
    // every line after it would be one cell.
    rows[37_001] = ['13700000001', 'spam', '"never closed'];
    const text = csv(rows);
    expect(Buffer.byteLength(text)).toBeGreaterThan(WORKER_FROM_BYTES);
    const before = await count('blocklist_entries');
    const { status, body } = await upload('broken.csv', text, '?wait=60');
    expect(status).toBe(400);
    expect(body.code).toBe('IMPORT_FILE_INVALID');
    expect(String(body.detail)).toContain('line 37002');
    expect(await count('blocklist_entries')).toBe(before);
    const jobs = await t.app.store.db
      .selectFrom('import_jobs')
      .select(['status', 'error'])
      .where('file_name', '=', 'broken.csv')
      .execute();
    expect(jobs).toEqual([{ status: 'failed', error: 'IMPORT_FILE_INVALID' }]);
  }, 120_000);

  it('neutralises formulas in the export and restores them on import', async () => {
    await t.app.blocklist.create(systemContext, {
      identifier: { type: 'user_id', value: '=cmd|x' },
      category: 'harassment',
      reason: '=HYPERLINK("http://evil","x")',
    });
    const res = await t.server.inject({
      url: '/api/v1/blocklist/export?format=csv&category=harassment',
      headers: bearer(admin),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.body).toContain(`'=cmd|x`);
    expect(res.body).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(res.body).toContain(`'+8613900139000`);
    expect(res.body).not.toMatch(/(^|,)=/m);

    // XLSX: the same values as text cells (Text format), no formula and no visible quote.
    const x = await t.server.inject({
      url: '/api/v1/blocklist/export?format=xlsx&category=harassment',
      headers: bearer(admin),
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const cells: ExcelJS.Cell[] = [];
    sheet?.eachRow((row) => row.eachCell((c) => cells.push(c)));
    const risky = cells.filter((c) => typeof c.value === 'string' && /^\s*[=+\-@]/.test(c.value));
    expect(risky.map((c) => c.value)).toEqual(expect.arrayContaining(['=cmd|x', '+8613900139000']));
    for (const c of risky) {
      expect(c.type).toBe(ExcelJS.ValueType.String);
      expect(c.numFmt).toBe('@');
    }
    expect(cells.some((c) => c.type === ExcelJS.ValueType.Formula)).toBe(false);
    expect(cells.some((c) => String(c.value).startsWith("'"))).toBe(false);
  });

  it.each(['csv', 'xlsx'] as const)(
    'round-trips an %s export into an empty instance',
    async (format) => {
      const res = await t.server.inject({
        url: `/api/v1/blocklist/export?format=${format}`,
        headers: bearer(admin),
      });
      expect(res.statusCode).toBe(200);
      const audit = await t.app.store.db
        .selectFrom('audit_log')
        .select('summary')
        .where('action', '=', 'blocklist.export')
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(audit.summary)).toMatchObject({ format });

      const fresh = await startTestApp(dialect);
      try {
        const key = await fresh.key('admin');
        const m = multipart(`export.${format}`, res.rawPayload);
        const imported = await fresh.server.inject({
          method: 'POST',
          url: '/api/v1/blocklist/import?confirm=true&wait=60',
          headers: { ...m.headers, ...bearer(key) },
          payload: m.payload,
        });
        expect(imported.statusCode, imported.body).toBe(200);
        const shape = async (app: TestApp) => {
          const rows = await app.app.store.db
            .selectFrom('blocklist_entries')
            .selectAll()
            .where('state', 'in', ['approved', 'pending'])
            .execute();
          return rows
            .map((r) => ({
              target: r.identifier_type
                ? `${r.identifier_type}:${app.app.keys.decrypt(r.identifier_enc ?? '')}`
                : r.customer_id,
              level: r.level,
              limit: [r.limit_max, r.limit_window],
              channels: r.allowed_channels,
              category: r.category,
              reason: app.app.keys.decrypt(r.reason_enc),
              times: [r.starts_at, r.expires_at, r.review_at],
              state: r.state,
            }))
            .sort((a, b) => `${a.target}${a.level}`.localeCompare(`${b.target}${b.level}`));
        };
        const want = await shape(t);
        expect(want.length).toBeGreaterThan(3_000);
        expect(await shape(fresh)).toEqual(want);
        expect(imported.json().report.created).toBe(want.length);
      } finally {
        await fresh.close();
      }
    },
    60_000,
  );
});

describe('warden blocklist import/export (built CLI)', () => {
  const root = resolve(import.meta.dirname, '../..');
  const bin = join(root, 'bin/warden.js');
  let dir: string;
  let env: Record<string, string>;
  const warden = (args: string[]) => {
    const r = spawnSync(process.execPath, [bin, ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  beforeAll(() => {
    if (!existsSync(join(root, 'dist/server/cli/blocklist.js')))
      throw new Error('run `npm run build:server` first (npm test does)');
    dir = mkdtempSync(join(tmpdir(), 'warden-cli-blk-'));
    env = { WARDEN_DATA_DIR: join(dir, 'data'), WARDEN_LOG_LEVEL: 'warn' };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports, rejects a bad file, re-imports as a no-op and exports', () => {
    expect(warden(['blocklist', 'import', '--help']).stdout).toMatch(/Asia\/Shanghai/);
    const good = join(dir, 'good.csv');
    writeFileSync(
      good,
      csv([
        ['手机号', '分类', '原因'],
        ['13800138000', '恶意骚扰', '骚扰'],
        ['13800138001', 'spam', '广告'],
      ]),
    );
    const first = warden(['blocklist', 'import', good]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/2 valid, 0 invalid.*2 created/);
    expect(warden(['blocklist', 'import', good]).stdout).toMatch(/0 created, 0 updated, 2 unchanged/);

    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      csv([
        ['phone', 'category', 'reason'],
        ['13800138002', 'spam', 'x'],
        ['1', 'spam', 'x'],
      ]),
    );
    const rejected = warden(['blocklist', 'import', bad]);
    expect(rejected.code).toBe(1);
    expect(rejected.stdout).toMatch(/line 3: phone/);
    expect(warden(['blocklist', 'import', '--dry-run', '--skip-invalid', bad]).stdout).toMatch(/dry run/);

    const out = join(dir, 'out.csv');
    const exported = warden(['blocklist', 'export', '--out', out]);
    expect(exported.code, exported.stderr).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain("'+8613800138000");
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(3);
    const xlsxOut = join(dir, 'out.xlsx');
    expect(warden(['blocklist', 'export', '--format', 'xlsx', '--out', xlsxOut]).code).toBe(0);
    expect(readFileSync(xlsxOut).subarray(0, 2).toString()).toBe('PK');
    expect(warden(['blocklist', 'import', xlsxOut]).stdout).toMatch(/2 unchanged/);
  }, 180_000);
});

describe('an import interrupted by a crash', () => {
  it('is marked failed after ten minutes without progress, with a clear message', async () => {
    const { startTestApp } = await import('../helpers/app.js');
    const { recoverInterruptedImports } = await import('../../src/blocklist/import-recovery.js');
    const t = await startTestApp('sqlite');
    try {
      const now = Date.now();
      const base = {
        kind: 'blocklist',
        file_name: 'x.csv',
        file_hash: 'h',
        dry_run: 0,
        skip_invalid: 0,
        total_rows: 10,
        processed_rows: 5,
        report: null,
        error: null,
        created_by: null,
        created_at: now,
        finished_at: null,
      };
      await t.app.store.db
        .insertInto('import_jobs')
        .values([
          { ...base, id: 'imp_stale', status: 'running', updated_at: now - 11 * 60_000 },
          { ...base, id: 'imp_live', status: 'running', updated_at: now - 60_000 },
        ])
        .execute();
      expect((await recoverInterruptedImports(t.app.store, t.dataDir, now)).failed).toBe(1);
      const rows = await t.app.store.db
        .selectFrom('import_jobs')
        .select(['id', 'status', 'error'])
        .orderBy('id')
        .execute();
      expect(rows).toEqual([
        { id: 'imp_live', status: 'running', error: null },
        { id: 'imp_stale', status: 'failed', error: expect.stringMatching(/import the same file again/) },
      ]);
    } finally {
      await t.close();
    }
  });
});

describe('export filters', () => {
  it('exports only the entries of one identifier or one owner, like the list', async () => {
    const { startTestApp, bearer } = await import('../helpers/app.js');
    const t = await startTestApp('sqlite');
    try {
      const sup = await t.key('supervisor');
      for (const phone of ['13800000041', '13800000042']) {
        const r = await t.server.inject({
          method: 'POST',
          url: '/api/v1/blocklist',
          headers: bearer(sup),
          payload: {
            identifier: { type: 'phone', value: phone },
            category: 'harassment',
            reason: 'export filter',
          },
        });
        expect(r.statusCode).toBe(201);
      }
      const one = await t.server.inject({
        url: '/api/v1/blocklist/export?format=csv&identifier=phone:138-0000-0042',
        headers: bearer(sup),
      });
      expect(one.statusCode).toBe(200);
      expect(one.body).toContain('+8613800000042');
      expect(one.body).not.toContain('+8613800000041');
      const mine = await t.server.inject({
        url: '/api/v1/blocklist/export?format=csv&owner=me',
        headers: bearer(sup),
      });
      expect(mine.body).toContain('+8613800000041');
      const nobody = await t.server.inject({
        url: '/api/v1/blocklist/export?format=csv&owner=usr_nobody',
        headers: bearer(sup),
      });
      expect(nobody.body).not.toContain('+86138');
    } finally {
      await t.close();
    }
  });
});
