import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../helpers/app.js';
import { buildZip, workbookParts } from '../helpers/zip.js';

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

/** 1 GiB of shared strings, as 1 MiB chunks of `<si><t>…</t></si>` (it deflates to about 1 MB). */
function* gibOfSharedStrings(): Generator<Buffer> {
  yield Buffer.from('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">');
  const si = '<si><t>骚扰骚扰骚扰骚扰骚扰骚扰骚扰骚扰</t></si>';
  const chunk = Buffer.from(si.repeat(Math.floor((1 << 20) / Buffer.byteLength(si))));
  for (let i = 0; i < 1024; i++) yield chunk;
  yield Buffer.from('</sst>');
}

const MiB = 1024 * 1024;

/**
 * Untrusted files (issue 15, item 2): every malformed or over-large file is a
 * 400 problem with a stable code, never a 500, and none is read into memory.
 */
describe('hostile import files (SQLite)', () => {
  let t: TestApp;
  let key: string;
  let bomb: Buffer;
  let lyingBomb: Buffer;
  let good: Buffer;
  beforeAll(async () => {
    t = await startTestApp('sqlite');
    key = await t.key('admin');
    bomb = await buildZip(workbookParts(gibOfSharedStrings()));
    // The same, declaring 1,000 bytes: only inflating it shows its size.
    lyingBomb = await buildZip(workbookParts(gibOfSharedStrings(), 1_000));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow(['phone', 'category', 'reason']);
    for (let i = 0; i < 200; i++) ws.addRow([`137${String(i).padStart(8, '0')}`, 'spam', `广告 ${i}`]);
    good = Buffer.from(await wb.xlsx.writeBuffer());
  }, 300_000);
  afterAll(async () => t?.close());

  const upload = async (name: string, body: Buffer) => {
    const m = multipart(name, body);
    const res = await t.server.inject({
      method: 'POST',
      url: '/api/v1/blocklist/import?wait=60',
      headers: { ...m.headers, ...bearer(key) },
      payload: m.payload,
    });
    return { status: res.statusCode, body: res.json() as Record<string, unknown>, size: res.body.length };
  };

  it('refuses a zip bomb (1 GiB of shared strings in a few MB), honest or lying about its size, within 300 MiB of RSS', async () => {
    expect(bomb.length).toBeLessThan(8 * MiB);
    global.gc?.();
    const idle = process.memoryUsage().rss;
    let peak = idle;
    const timer = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    try {
      for (const file of [bomb, lyingBomb]) {
        const r = await upload('bomb.xlsx', file);
        expect(r.status).toBe(400);
        expect(r.body).toMatchObject({ code: 'IMPORT_FILE_LIMIT' });
        expect(String(r.body.detail)).toMatch(/shared strings|unpacks to/);
      }
    } finally {
      clearInterval(timer);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    expect((peak - idle) / MiB).toBeLessThan(300);
    expect(await t.app.store.db.selectFrom('import_jobs').selectAll().execute()).toEqual([]);
  }, 120_000);

  it('answers 400 for fake, truncated and damaged zips', async () => {
    const fake = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(4096, 7)]);
    const truncated = good.subarray(0, Math.floor(good.length / 2));
    const damaged = Buffer.from(good);
    // Garble the compressed data of the first entry (past its 30-byte header and name).
    for (let i = 60; i < 200 && i < damaged.length; i++) damaged[i] = (damaged[i] as number) ^ 0x5a;
    for (const [name, file] of [
      ['fake.xlsx', fake],
      ['truncated.xlsx', truncated],
      ['damaged.xlsx', damaged],
    ] as const) {
      const r = await upload(name, file);
      expect(r.status, `${name}: ${JSON.stringify(r.body)}`).toBe(400);
      expect(r.body.code, name).toBe('IMPORT_FILE_INVALID');
    }
    expect((await upload('good.xlsx', good)).status).toBe(200);
  });

  it('refuses a huge cell, wide rows and a header of 100,000 columns, compactly', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow(['phone', 'category', 'reason']);
    ws.addRow(['13700000001', 'spam', 'x'.repeat(200_000)]);
    const hugeCell = await upload('huge.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(hugeCell.status).toBe(400);
    expect(hugeCell.body).toMatchObject({ code: 'IMPORT_FILE_LIMIT' });

    const wideXlsx = new ExcelJS.Workbook();
    const sheet = wideXlsx.addWorksheet('s');
    sheet.addRow(['phone', 'category', 'reason']);
    sheet.addRow(['13700000001', 'spam', 'x', ...new Array(500).fill('y')]);
    const wideRow = await upload('wide.xlsx', Buffer.from(await wideXlsx.xlsx.writeBuffer()));
    expect(wideRow.status).toBe(400);
    expect(wideRow.body).toMatchObject({ code: 'IMPORT_FILE_LIMIT' });

    const columns = Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',');
    const wideHeader = await upload('header.csv', Buffer.from(`phone,${columns}\n13700000001\n`));
    expect(wideHeader.status).toBe(400);
    expect(wideHeader.size).toBeLessThan(4096);

    const cells = new Array(100_000).fill('1').join(',');
    const wideData = await upload('data.csv', Buffer.from(`phone,category,reason\n13700000001,${cells}\n`));
    expect(wideData.status).toBe(400);
    expect(wideData.body).toMatchObject({ code: 'IMPORT_FILE_LIMIT' });
    expect(wideData.size).toBeLessThan(4096);

    const longRow = await upload(
      'long.csv',
      Buffer.from(`phone,category,reason\n13700000001,spam,"${'x'.repeat(100_000)}"\n`),
    );
    expect(longRow.status).toBe(400);
    expect(longRow.body).toMatchObject({ code: 'IMPORT_FILE_LIMIT' });
    expect(await t.app.store.db.selectFrom('blocklist_entries').selectAll().execute()).toHaveLength(200);
  }, 60_000);
});
