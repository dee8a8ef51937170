import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/access/audit.js';
import { rotateDataKey } from '../../src/storage/keys.js';
import { bearer, dialects, startTestApp, type TestApp } from '../helpers/app.js';

describe.each(dialects())('data key rotation on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    admin = await t.key('admin');
    for (let i = 0; i < 25; i++) {
      const res = await t.server.inject({
        method: 'PUT',
        url: `/api/v1/customers/rot-${i}`,
        headers: bearer(admin),
        payload: {
          name: `客户${i}`,
          identifiers: [{ type: 'phone', value: `1390000${String(i).padStart(4, '0')}` }],
        },
      });
      expect(res.statusCode).toBe(201);
    }
  });
  afterAll(async () => t?.close());

  it('re-encrypts every row under the new key in batches, and look-ups keep working', async () => {
    const before = await t.app.store.db.selectFrom('customer_identifiers').select('value_enc').execute();
    expect(before.every((r) => r.value_enc.startsWith('v1.'))).toBe(true);
    const progress: number[] = [];
    const result = await rotateDataKey(t.app.store, t.app.keys, {
      batchSize: 7,
      onProgress: (p) => progress.push(p.reencrypted),
    });
    expect(result.version).toBe(2);
    expect(result.reencrypted).toBe(50); // 25 customers + 25 identifiers
    expect(progress.length).toBeGreaterThan(4); // really in batches
    const after = await t.app.store.db.selectFrom('customer_identifiers').select('value_enc').execute();
    expect(after.every((r) => r.value_enc.startsWith('v2.'))).toBe(true);
    const names = await t.app.store.db.selectFrom('customers').select('name_enc').execute();
    expect(names.every((r) => r.name_enc?.startsWith('v2.'))).toBe(true);
    const found = await t.server.inject({
      url: '/api/v1/customers?identifier=phone:139-0000-0007',
      headers: bearer(admin),
    });
    expect(found.json().items[0]).toMatchObject({ externalId: 'rot-7', name: '客户7' });
  });

  it('writes new data with the new key', async () => {
    await t.server.inject({
      method: 'PUT',
      url: '/api/v1/customers/rot-new',
      headers: bearer(admin),
      payload: { name: '新客户' },
    });
    const row = await t.app.store.db
      .selectFrom('customers')
      .select('name_enc')
      .where('external_id', '=', 'rot-new')
      .executeTakeFirstOrThrow();
    expect(row.name_enc?.startsWith('v2.')).toBe(true);
  });
});

describe.each(dialects())('data key rotation and the recorder on %s', (dialect) => {
  it('seals complaints screened after a rotation with the new key (the writer thread reloads its ring)', async () => {
    const t = await startTestApp(dialect);
    try {
      /** Screens a complaint; its rows are written with the message (on SQLite, on the recorder's thread). */
      const screenComplaint = async (phone: string) => {
        const r = await t.app.screening.screen({
          channel: 'sms',
          from: { phone },
          text: '快递丢了没人管，我要投诉',
        });
        expect(r.complaint?.id).toMatch(/^cmp_/);
        const id = r.complaint?.id as string;
        const complaint = await t.app.store.db
          .selectFrom('complaints')
          .select('text_enc')
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        const message = await t.app.store.db
          .selectFrom('complaint_messages')
          .select('text_enc')
          .where('complaint_id', '=', id)
          .executeTakeFirstOrThrow();
        return [complaint.text_enc.slice(0, 3), message.text_enc.slice(0, 3)];
      };
      // The first intake starts the writer's key ring, under v1.
      expect(await screenComplaint('13900001001')).toEqual(['v1.', 'v1.']);
      await rotateDataKey(t.app.store, t.app.keys, { batchSize: 100 });
      expect(await screenComplaint('13900001002')).toEqual(['v2.', 'v2.']);
      // What was sealed before the rotation still reads.
      const listed = await t.app.complaints.list(systemContext, { limit: 10 });
      expect(listed.items).toHaveLength(2);
    } finally {
      await t.close();
    }
  });
});
