// PostgreSQL imports: one transaction with the rows COPYed in (storage/pg-copy.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BATCH_ROWS, importerFor } from '../../src/blocklist/import.js';
import { withPgSession } from '../../src/storage/pg-copy.js';
import { dialects, startTestApp, type TestApp } from '../helpers/app.js';

const ctx = { actor: { type: 'cli' as const, id: null, role: 'admin' as const }, requestId: null };

describe.runIf(dialects().includes('postgres'))('PostgreSQL imports', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await startTestApp('postgres');
    dir = mkdtempSync(join(tmpdir(), 'warden-pg-import-'));
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function importRows(name: string, lines: string[]) {
    const path = join(dir, name);
    writeFileSync(path, `${lines.join('\n')}\n`);
    const importer = importerFor(t.app);
    const id = await importer.createJob(ctx, {
      fileName: name,
      fileHash: name,
      dryRun: false,
      skipInvalid: false,
    });
    const run = importer.run(ctx, id, {
      path,
      fileName: name,
      format: 'csv',
      dryRun: false,
      skipInvalid: false,
      confirm: false,
    });
    return { id, run };
  }

  const countOf = async (importId: string) => {
    const r = await sql<{ entries: string; events: string }>`
      select (select count(*) from blocklist_entries where import_id = ${importId}) as entries,
             (select count(*) from blocklist_events ev join blocklist_entries en on en.id = ev.entry_id
               where en.import_id = ${importId}) as events`.execute(t.app.store.db);
    return { entries: Number(r.rows[0]?.entries), events: Number(r.rows[0]?.events) };
  };

  it('COPYs every kind of value back exactly: tabs, new lines, backslashes, \\N as text, nulls, Chinese, emoji', async () => {
    const values = [
      ['a\tb', 'line\nbreak\r\n', 'back\\slash', '\\N', null, 0],
      ['骚扰客服，多次辱骂', '😡 退订', '', 'plain', null, 1_767_225_600_123],
    ];
    const back = await withPgSession(t.app.store, (db, copy) =>
      db.transaction().execute(async (trx) => {
        await sql`create temporary table copied (a text, b text, c text, d text, e text, n bigint) on commit drop`.execute(
          trx,
        );
        await copy('copied', ['a', 'b', 'c', 'd', 'e', 'n'], values.flat());
        return (await sql<Record<string, unknown>>`select * from copied order by n`.execute(trx)).rows;
      }),
    );
    expect(back.map((r) => [r.a, r.b, r.c, r.d, r.e, Number(r.n)])).toEqual(values);
  });

  it('rolls a failing import back whole: rows of batches already written are not left behind', async () => {
    // The row after the first batch fails in the database (a trigger), once the first
    // batch's 5,000 rows are already in the import's transaction.
    await sql`create function fail_on_fraud() returns trigger language plpgsql as $$
      begin
        if new.category = 'fraud' then raise exception 'injected failure'; end if;
        return new;
      end $$`.execute(t.app.store.db);
    await sql`create trigger fail_on_fraud before insert on blocklist_entries
      for each row execute function fail_on_fraud()`.execute(t.app.store.db);
    try {
      const lines = ['手机号,分类,原因'];
      const rows = BATCH_ROWS + 50;
      for (let i = 0; i < rows; i++)
        lines.push(
          `1390014${String(i).padStart(4, '0')},${i === BATCH_ROWS + 10 ? 'fraud' : 'harassment'},原因 ${i}`,
        );
      const { id, run } = await importRows('fails.csv', lines);
      await expect(run).rejects.toThrow(/injected failure/);
      expect(await countOf(id)).toEqual({ entries: 0, events: 0 });
      const job = await importerFor(t.app).get(id);
      expect(job.status).toBe('failed');
      // The first batch is in force nowhere: its senders pass.
      const screened = await t.app.screening.screen(
        { channel: 'sms', from: { phone: '+8613900140001' }, text: '你好' },
        { record: false },
      );
      expect(screened.decision).toBe('allow');
    } finally {
      await sql`drop trigger fail_on_fraud on blocklist_entries`.execute(t.app.store.db);
      await sql`drop function fail_on_fraud()`.execute(t.app.store.db);
    }
    // The pool works on after the broken session (it was not given back).
    const { id, run } = await importRows('after.csv', ['手机号,分类,原因', '13900150001,fraud,冒充客服']);
    expect((await run).status).toBe('succeeded');
    expect(await countOf(id)).toEqual({ entries: 1, events: 1 });
  });

  it('writes rows already in force, none staged, and they block at once', async () => {
    const lines = ['手机号,级别,分类,原因'];
    for (let i = 0; i < 30; i++) lines.push(`1390016${String(i).padStart(4, '0')},1,harassment,辱骂 ${i}`);
    const { id, run } = await importRows('live.csv', lines);
    const job = await run;
    expect(job.report.created).toBe(30);
    const states = await t.app.store.db
      .selectFrom('blocklist_entries')
      .select('state')
      .where('import_id', '=', id)
      .execute();
    expect(states.map((s) => s.state)).toEqual(new Array(30).fill('approved'));
    const screened = await t.app.screening.screen(
      { channel: 'sms', from: { phone: '+8613900160029' }, text: '你好' },
      { record: false },
    );
    expect(screened.decision).toBe('block');
  });
});
