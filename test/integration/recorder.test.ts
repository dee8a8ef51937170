import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/access/audit.js';
import { newId } from '../../src/core/ids.js';
import { createLogger } from '../../src/core/logging.js';
import { type MessageRecord, MessageRecorder, type RecorderOptions } from '../../src/screening/recorder.js';
import { bearer, type DialectName, dialects, startTestApp, type TestApp } from '../helpers/app.js';

/** Each database, and on SQLite both the writer thread (default) and the main-connection writer. */
const variants: [string, DialectName, RecorderOptions][] = dialects().flatMap(
  (d): [string, DialectName, RecorderOptions][] =>
    d === 'sqlite'
      ? [
          ['sqlite (writer thread)', d, {}],
          ['sqlite (main connection)', d, { worker: false }],
        ]
      : [[d, d, {}]],
);

describe.each(variants)('message recorder on %s', (_name, dialect, options) => {
  let t: TestApp;
  let recorder: MessageRecorder;
  let entryId: string;
  const log = createLogger('silent');

  const record = (i: number, extra: Partial<MessageRecord> = {}): MessageRecord => {
    const now = Date.now();
    const id = newId('message', now);
    return {
      message: {
        id,
        received_at: now,
        channel: 'sms',
        source: null,
        customer_id: null,
        sender_index: `idx-${i}`,
        identifiers_enc: t.app.keys.encrypt(JSON.stringify([{ type: 'phone', value: `+861380000${i}` }])),
        text_enc: t.app.keys.encrypt(`第${i}条消息`),
        decision: 'allow',
        reasons: '[]',
        actions: '{}',
        external_id: `ext-${i}`,
        session_id: null,
        complaint_id: null,
        mark: null,
        marked_by: null,
        marked_at: null,
        created_at: now,
      },
      ruleHits: [{ message_id: id, rule_id: `rul_${i % 3}`, mode: 'enforce', at: now }],
      violations: [],
      ...extra,
    };
  };
  const violation = (messageId: string, entry: string) => ({
    id: newId('event'),
    entry_id: entry,
    at: Date.now(),
    kind: 'violation',
    actor_type: 'system',
    actor_id: null,
    detail: JSON.stringify({ messageId }),
    note_enc: null,
  });
  const storedIds = async (ids: string[]): Promise<Set<string>> => {
    const out = new Set<string>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await t.app.store.db
        .selectFrom('messages')
        .select('id')
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();
      for (const r of rows) out.add(r.id);
    }
    return out;
  };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    recorder = new MessageRecorder(t.app.store, log, options);
    const sup = await t.key('supervisor');
    const res = await t.server.inject({
      method: 'POST',
      url: '/api/v1/blocklist',
      headers: bearer(sup),
      payload: { identifier: { type: 'phone', value: '13800009999' }, category: 'harassment', reason: 'x' },
    });
    expect(res.statusCode, res.body).toBe(201);
    entryId = res.json().id;
  });
  afterAll(async () => {
    await recorder?.close();
    await t?.close();
  });

  it('commits 500 concurrent records, with their hits and violations, in far fewer transactions', async () => {
    const before = recorder.stats;
    const records = Array.from({ length: 500 }, (_, i) => {
      const r = record(i);
      if (i % 10 === 0) r.violations = [violation(r.message.id, entryId)];
      return r;
    });
    await Promise.all(records.map((r) => recorder.record(r)));
    const after = recorder.stats;
    expect(after.recorded - before.recorded).toBe(500);
    expect(after.batches - before.batches).toBeLessThanOrEqual(5);
    expect(after.queued).toBe(0);

    const ids = records.map((r) => r.message.id);
    expect((await storedIds(ids)).size).toBe(500);
    const hits = await t.app.store.db
      .selectFrom('message_rule_hits')
      .select('message_id')
      .where('message_id', 'in', ids)
      .execute();
    expect(hits).toHaveLength(500);
    const events = await t.app.store.db
      .selectFrom('blocklist_events')
      .select('detail')
      .where('entry_id', '=', entryId)
      .where('kind', '=', 'violation')
      .execute();
    expect(events).toHaveLength(50);
    // The stored text reads back through the messages service.
    const one = await t.app.messages.get(systemContext, ids[7] as string);
    expect(one).toMatchObject({ text: '第7条消息', externalId: 'ext-7' });
  });

  it('fails only the bad record of a batch; its batch-mates commit', async () => {
    const first = record(1000);
    await recorder.record(first);
    const before = recorder.stats;
    const records = Array.from({ length: 40 }, (_, i) => record(1001 + i));
    // The same message id again: a primary-key violation that belongs to this record alone.
    const duplicate = record(2000, { message: { ...first.message, external_id: 'again' } });
    records.splice(20, 0, duplicate);
    const results = await Promise.allSettled(records.map((r) => recorder.record(r)));
    expect(results[20]?.status).toBe('rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(40);
    const stored = await storedIds(records.map((r) => r.message.id));
    expect(stored.size).toBe(41); // the 40 new ones, and the earlier record whose id the duplicate reused
    const after = recorder.stats;
    expect(after.failed - before.failed).toBe(1);
    expect(after.retriedBatches - before.retriedBatches).toBeGreaterThanOrEqual(1);
    expect(after.recorded - before.recorded).toBe(40);
    // The recorder goes on as before.
    const next = record(3000);
    await recorder.record(next);
    expect((await storedIds([next.message.id])).size).toBe(1);
  });

  it('records the message but drops a violation whose blocklist entry no longer exists', async () => {
    const before = recorder.stats;
    const records = Array.from({ length: 20 }, (_, i) => {
      const r = record(4000 + i);
      r.violations = [violation(r.message.id, i === 5 ? 'blk_deleted_meanwhile' : entryId)];
      return r;
    });
    await Promise.all(records.map((r) => recorder.record(r)));
    expect((await storedIds(records.map((r) => r.message.id))).size).toBe(20);
    const after = recorder.stats;
    expect(after.droppedViolations - before.droppedViolations).toBe(1);
    expect(after.failed - before.failed).toBe(0);
    const events = await t.app.store.db
      .selectFrom('blocklist_events')
      .select('id')
      .where(
        'id',
        'in',
        records.flatMap((r) => r.violations.map((v) => v.id)),
      )
      .execute();
    expect(events).toHaveLength(19);
  });

  it('screening a sender whose entry row was deleted still answers and records the message', async () => {
    const sup = await t.key('supervisor');
    const gateway = await t.key('agent', ['screen']);
    const e = (
      await t.server.inject({
        method: 'POST',
        url: '/api/v1/blocklist',
        headers: bearer(sup),
        payload: { identifier: { type: 'phone', value: '13800008888' }, category: 'harassment', reason: 'y' },
      })
    ).json();
    // Gone from the database, still in the in-memory index until it is refreshed.
    await t.app.store.db.deleteFrom('blocklist_entries').where('id', '=', e.id).execute();
    const res = await t.server.inject({
      method: 'POST',
      url: '/api/v1/screen',
      headers: bearer(gateway),
      payload: { channel: 'sms', from: { phone: '13800008888' }, text: '在吗' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().decision).toBe('block');
    expect((await storedIds([res.json().messageId])).size).toBe(1);
  });

  it('close() writes what is queued, then refuses new records', async () => {
    const own = new MessageRecorder(t.app.store, log, options);
    const records = Array.from({ length: 100 }, (_, i) => record(5000 + i));
    const pending = records.map((r) => own.record(r));
    await own.flush();
    const more = Array.from({ length: 50 }, (_, i) => record(6000 + i));
    const later = more.map((r) => own.record(r));
    await own.close();
    await Promise.all([...pending, ...later]);
    expect((await storedIds([...records, ...more].map((r) => r.message.id))).size).toBe(150);
    await expect(own.record(record(7000))).rejects.toThrow(/closed/);
    await own.close(); // twice is fine
  });

  it('keeps recording while the main connection writes (SQLite: two connections share one write lock)', async () => {
    const records = Array.from({ length: 300 }, (_, i) => record(8000 + i));
    const writes = records.map((r) => recorder.record(r));
    // Writes on the app's own connection meanwhile (audit log entries).
    const others = Array.from({ length: 30 }, (_, i) =>
      t.app.audit.append(t.app.store.db, systemContext, {
        action: 'test.contention',
        targetType: 'message',
        targetId: `n${i}`,
      }),
    );
    await Promise.all([...writes, ...others]);
    expect((await storedIds(records.map((r) => r.message.id))).size).toBe(300);
  });
});
