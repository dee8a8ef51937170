import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
