import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { createLogger } from '../../src/core/logging.js';
import type { ScreenResult } from '../../src/screening/model.js';
import { bearer, type DialectName, dialects, startTestApp, type TestApp } from '../helpers/app.js';

/**
 * Complaints from screening commit with their messages: the message
 * recorder's group commit writes the records, then their intakes, each in a
 * savepoint, in order, in one transaction (on SQLite on its writer thread).
 * These run against real SQLite files and a real PostgreSQL.
 */
describe.each(dialects())('complaint intake group commit on %s', (dialect) => {
  let t: TestApp;
  let sup: string;
  let admin: string;
  let gateway: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    sup = await t.key('supervisor');
    admin = await t.key('admin');
    gateway = await t.key('agent', ['screen']);
  });
  afterAll(async () => t?.close());

  const intakeStats = () => intakeStatsOf(t);
  const screenOverHttp = async (phone: string, text: string): Promise<Omit<ScreenResult, 'identifiers'>> => {
    const res = await t.server.inject({
      method: 'POST',
      url: '/api/v1/screen',
      headers: bearer(gateway),
      payload: { channel: 'sms', from: { phone }, text },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const customer = async (externalId: string, phone: string): Promise<string> => {
    const res = await t.server.inject({
      method: 'PUT',
      url: `/api/v1/customers/${externalId}`,
      headers: bearer(sup),
      payload: { tier: 'standard', identifiers: [{ type: 'phone', value: phone }] },
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    const id = res.json().id as string;
    // Screening resolves senders from the in-memory directory, refreshed through the change bus.
    for (let i = 0; i < 100 && !t.app.directory.get(id); i++) await new Promise((r) => setTimeout(r, 10));
    return id;
  };
  const verifyAudit = async () =>
    (await t.server.inject({ url: '/api/v1/audit/verify', headers: bearer(admin) })).json();
  const complaintsOf = (customerId: string) =>
    t.app.store.db
      .selectFrom('complaints')
      .select(['id', 'message_count'])
      .where('customer_id', '=', customerId)
      .execute();
  const linksOf = async (messageIds: string[]) =>
    new Map(
      (
        await t.app.store.db
          .selectFrom('messages')
          .select(['id', 'complaint_id'])
          .where('id', 'in', messageIds)
          .execute()
      ).map((m) => [m.id, m.complaint_id]),
    );

  it('merges a burst of screens from one customer into one complaint, every message linked', async () => {
    const customerId = await customer('burst-1', '13900000201');
    const before = intakeStats();
    const n = 16;
    const answers = await Promise.all(
      Array.from({ length: n }, (_, i) => screenOverHttp('13900000201', `快递三天了还没到，我要投诉 #${i}`)),
    );

    // Every answer names the same complaint: the later intakes joined the one the first made.
    const ids = new Set(answers.map((a) => a.complaint?.id));
    expect([...ids]).toEqual([expect.stringMatching(/^cmp_/)]);
    const complaintId = answers[0]?.complaint?.id as string;
    const after = intakeStats();
    expect(after.committed - before.committed).toBe(n);
    // Fewer transactions than intakes: some shared a batch, and still merged.
    expect(after.batches - before.batches).toBeLessThan(n);

    expect(await complaintsOf(customerId)).toEqual([{ id: complaintId, message_count: n }]);
    const grouped = await t.app.store.db
      .selectFrom('complaint_messages')
      .select('message_id')
      .where('complaint_id', '=', complaintId)
      .execute();
    expect(grouped.map((m) => m.message_id).sort()).toEqual(answers.map((a) => a.messageId).sort());
    // Each screened message points at its complaint, written in the same batch.
    const links = await linksOf(answers.map((a) => a.messageId));
    expect([...links.values()]).toEqual(Array(n).fill(complaintId));

    const audit = await t.app.store.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', complaintId)
      .execute();
    expect(audit.filter((a) => a.action === 'complaint.create')).toHaveLength(1);
    expect(audit.filter((a) => a.action === 'complaint.message_add')).toHaveLength(n - 1);
    expect(await verifyAudit()).toMatchObject({ ok: true, firstBroken: null });
  });

  it('fails one intake alone: its screen carries no complaint, the rest of its batch commits', async () => {
    const steady = await customer('batch-ok', '13900000301');
    const doomed = await customer('batch-doomed', '13900000302');
    const other = await customer('batch-other', '13900000303');
    // A real database error, mid-intake (after its complaint row is written): this
    // customer's complaint messages cannot be inserted.
    await failComplaintMessagesOf(t, dialect, doomed);
    try {
      const before = intakeStats();
      const senders = [steady, steady, doomed, other, steady, doomed, other, steady];
      const phones: Record<string, string> = {
        [steady]: '13900000301',
        [doomed]: '13900000302',
        [other]: '13900000303',
      };
      // Started together, so recorded together and handed to the same intake batch.
      const answers = await Promise.all(
        senders.map((who, i) =>
          t.app.screening.screen({
            channel: 'sms',
            from: { phone: phones[who] as string },
            text: `你们再不退款我就去12315投诉，太气人了 #${i}`,
          }),
        ),
      );
      const after = intakeStats();
      expect(after.batches - before.batches).toBe(1);
      expect(after.committed - before.committed).toBe(6);
      expect(after.failed - before.failed).toBe(2);

      const complaintOf = (who: string) =>
        answers.filter((_, i) => senders[i] === who).map((a) => a.complaint);
      expect(complaintOf(doomed)).toEqual([null, null]);
      for (const who of [steady, other]) {
        const cs = complaintOf(who);
        expect(new Set(cs.map((c) => c?.id)).size, who).toBe(1);
        expect(cs[0]?.id).toMatch(/^cmp_/);
      }
      // The failed intakes left nothing behind (their savepoints were rolled back);
      // the intakes after them in the batch merged and committed.
      expect(await complaintsOf(doomed)).toEqual([]);
      expect(await complaintsOf(steady)).toEqual([{ id: complaintOf(steady)[0]?.id, message_count: 4 }]);
      expect(await complaintsOf(other)).toEqual([{ id: complaintOf(other)[0]?.id, message_count: 2 }]);
      // Every message is recorded; only those whose intake committed are linked.
      const links = await linksOf(answers.map((a) => a.messageId));
      expect(answers.map((a) => links.get(a.messageId) ?? null)).toEqual(
        answers.map((a) => a.complaint?.id ?? null),
      );
      const doomedAudit = await t.app.store.db
        .selectFrom('audit_log')
        .select('summary')
        .where('action', '=', 'complaint.create')
        .execute();
      expect(doomedAudit.filter((a) => a.summary.includes(doomed))).toEqual([]);
      expect(await verifyAudit()).toMatchObject({ ok: true, firstBroken: null });
    } finally {
      await allowComplaintMessages(t, dialect);
    }
    // Once the fault is gone the same customer's complaint goes through.
    const again = await screenOverHttp('13900000302', '你们再不退款我就去12315投诉，太气人了');
    expect(again.complaint?.id).toMatch(/^cmp_/);
  });

  it('writes a complaint only with its message: a message that cannot be recorded leaves no complaint', async () => {
    const db = t.app.store.db;
    // A real database error on one message's row (by its external id), in the middle of a batch.
    if (dialect === 'sqlite')
      await sql
        .raw(
          `create trigger fail_messages before insert on messages when new.external_id = 'doomed'
           begin select raise(abort, 'injected failure: message refused'); end`,
        )
        .execute(db);
    else
      await pgInsertTrigger(
        t,
        'fail_messages',
        'messages',
        // A constraint's SQLSTATE: the recorder writes the batch again record by record.
        `if new.external_id = 'doomed' then
           raise exception 'injected failure: message refused' using errcode = '23514';
         end if;`,
      );
    try {
      const phones = ['13900000601', '13900000602', '13900000603'];
      const answers = await Promise.all(
        phones.map((phone, i) =>
          t.app.screening.screen({
            channel: 'sms',
            from: { phone },
            text: `买的电视坏了，售后不管，我要投诉 #${i}`,
            externalId: i === 1 ? 'doomed' : `fine-${i}`,
          }),
        ),
      );
      expect(answers.map((a) => [a.recorded, a.complaint !== null])).toEqual([
        [true, true],
        [false, false],
        [true, true],
      ]);
      // No complaint names the refused message, nor was one made for its sender.
      const grouped = await db.selectFrom('complaint_messages').select('message_id').execute();
      expect(grouped.map((g) => g.message_id)).not.toContain(answers[1]?.messageId);
      const subjects = await db
        .selectFrom('complaints')
        .innerJoin('complaint_messages', 'complaint_messages.complaint_id', 'complaints.id')
        .select('complaint_messages.message_id')
        .where(
          'complaint_messages.message_id',
          'in',
          answers.map((a) => a.messageId),
        )
        .execute();
      expect(subjects.map((r) => r.message_id).sort()).toEqual(
        [answers[0]?.messageId, answers[2]?.messageId].sort(),
      );
      expect(await verifyAudit()).toMatchObject({ ok: true, firstBroken: null });
    } finally {
      if (dialect === 'sqlite') await sql.raw('drop trigger if exists fail_messages').execute(db);
      else {
        await sql.raw('drop trigger if exists fail_messages on messages').execute(db);
        await sql.raw('drop function if exists fail_messages()').execute(db);
      }
    }
  });
});

/** Only PostgreSQL locks rows; SQLite takes the whole database at BEGIN IMMEDIATE and cannot deadlock. */
describe.each(dialects().filter((d) => d === 'postgres'))('complaint intake deadlocks on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('runs an intake PostgreSQL chose as a deadlock victim once more, and it commits', async () => {
    // The first complaint message inserted fails as a deadlock victim would (SQLSTATE 40P01);
    // a sequence counts attempts because it is not rolled back with the failed statement.
    const db = t.app.store.db;
    await sql.raw('create sequence intake_attempts').execute(db);
    await pgInsertTrigger(
      t,
      'deadlock_once',
      'complaint_messages',
      `if nextval('intake_attempts') = 1 then
         raise exception 'deadlock detected (injected)' using errcode = '40P01';
       end if;`,
    );
    const before = intakeStatsOf(t);
    const r = await t.app.screening.screen({
      channel: 'sms',
      from: { phone: '13900000501' },
      text: '快递三天了还没到，我要投诉',
    });
    expect(r.complaint?.id).toMatch(/^cmp_/);
    const after = intakeStatsOf(t);
    // Rolled back to its savepoint and written again in the same transaction: it counts once, committed.
    expect([after.failed - before.failed, after.committed - before.committed]).toEqual([0, 1]);
    const attempts = await sql<{ n: string }>`select last_value as n from intake_attempts`.execute(db);
    expect(Number(attempts.rows[0]?.n)).toBe(2);
    const stored = await db
      .selectFrom('complaints')
      .select('message_count')
      .where('id', '=', r.complaint?.id as string)
      .executeTakeFirst();
    expect(stored).toEqual({ message_count: 1 });
    expect((await t.app.audit.verify()).ok).toBe(true);
  });
});

describe.each(dialects())('closing the app with complaint intakes pending on %s', (dialect) => {
  it('commits every intake of a screen in flight at close() before the store closes', async () => {
    const t = await startTestApp(dialect);
    const config = t.app.config;
    const n = 10;
    try {
      // Started, not awaited: their records and intakes are queued in the recorder when close() drains it.
      const screens = Array.from({ length: n }, (_, i) =>
        t.app.screening.screen({
          channel: 'sms',
          from: { phone: `1390000040${i}` },
          text: '快递三天了还没到，我要投诉',
        }),
      );
      await t.app.close();
      const answers = (await Promise.all(screens)).map((r) => ({
        recorded: r.recorded,
        id: r.complaint?.id,
      }));
      expect(answers).toEqual(Array(n).fill({ recorded: true, id: expect.stringMatching(/^cmp_/) }));

      // Durable: a fresh app on the same database finds every one of them.
      const reopened = await createApp(config, { log: createLogger('silent') });
      try {
        const stored = await reopened.store.db
          .selectFrom('complaints')
          .select('id')
          .where(
            'id',
            'in',
            answers.map((a) => a?.id as string),
          )
          .execute();
        expect(stored).toHaveLength(n);
        expect((await reopened.audit.verify()).ok).toBe(true);
      } finally {
        await reopened.close();
      }
    } finally {
      await t.server.close();
      rmSync(t.dataDir, { recursive: true, force: true });
    }
  });
});

/** The recorder's batches, and the complaint intakes it committed with them or failed alone. */
function intakeStatsOf(t: TestApp) {
  const s = t.app.recorder.stats;
  return { batches: s.batches, committed: s.intakes.committed, failed: s.intakes.failed };
}

/** A trigger that makes inserting this subject's complaint messages fail, as a broken disk or constraint would. */
async function failComplaintMessagesOf(t: TestApp, dialect: DialectName, subjectKey: string): Promise<void> {
  const db = t.app.store.db;
  const key = subjectKey.replace(/'/g, "''");
  if (dialect === 'sqlite') {
    await sql
      .raw(
        `create trigger fail_complaint_messages before insert on complaint_messages
         when new.subject_key = '${key}'
         begin select raise(abort, 'injected failure: complaint message refused'); end`,
      )
      .execute(db);
    return;
  }
  await pgInsertTrigger(
    t,
    'fail_complaint_messages',
    'complaint_messages',
    `if new.subject_key = '${key}' then raise exception 'injected failure: complaint message refused'; end if;`,
  );
}

/** A PostgreSQL trigger `name` before each insert on `table`, running `body` (plpgsql) over `new`. */
async function pgInsertTrigger(t: TestApp, name: string, table: string, body: string): Promise<void> {
  const db = t.app.store.db;
  await sql
    .raw(
      `create function ${name}() returns trigger language plpgsql as $$
       begin
         ${body}
         return new;
       end $$`,
    )
    .execute(db);
  await sql
    .raw(`create trigger ${name} before insert on ${table} for each row execute function ${name}()`)
    .execute(db);
}

async function allowComplaintMessages(t: TestApp, dialect: DialectName): Promise<void> {
  const db = t.app.store.db;
  if (dialect === 'sqlite') {
    await sql.raw('drop trigger if exists fail_complaint_messages').execute(db);
    return;
  }
  await sql.raw('drop trigger if exists fail_complaint_messages on complaint_messages').execute(db);
  await sql.raw('drop function if exists fail_complaint_messages()').execute(db);
}
