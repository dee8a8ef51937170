import { existsSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { bearer, dialects, startTestApp, type TestApp } from '../helpers/app.js';

const T0 = Date.parse('2026-11-23T02:00:00Z');
const DAY = 86_400_000;

const PHONE = '13700137001';
const E164 = '+8613700137001';
const EMAIL = 'zhang.san@example.com';
const NAME = '张三丰';
const ADDRESS = '幸福路88号3单元';
const MESSAGE = '请把发票寄到幸福路88号3单元';
const COMPLAINT = '投诉：快递丢了，身份证110101199001011234';

describe.each(dialects())('erasure and subject access on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let sup: string;
  let agent: string;
  let gateway: string;
  let customerId: string;
  let entryId: string;

  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object, key = admin) =>
    t.server.inject({ method, url: `/api/v1${url}`, headers: bearer(key), ...(payload ? { payload } : {}) });
  const screen = async (from: Record<string, string>, text: string, channel = 'sms') => {
    const res = await call('POST', '/screen', { channel, from, text }, gateway);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { decision: string; messageId: string };
  };

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock: new ManualClock(T0) });
    admin = await t.key('admin');
    sup = await t.key('supervisor');
    agent = await t.key('agent');
    gateway = await t.key('agent', ['screen']);
    const c = await call('PUT', '/customers/crm-erase-1', {
      name: NAME,
      attributes: { address: ADDRESS },
      identifiers: [
        { type: 'phone', value: PHONE },
        { type: 'email', value: EMAIL },
      ],
    });
    expect(c.statusCode, c.body).toBe(201);
    customerId = c.json().id;
    const e = await call(
      'POST',
      '/blocklist',
      {
        identifier: { type: 'phone', value: PHONE },
        level: 1,
        category: 'harassment',
        reason: '反复骚扰客服',
      },
      sup,
    );
    expect(e.statusCode, e.body).toBe(201);
    entryId = e.json().id;
    expect((await screen({ phone: PHONE }, MESSAGE)).decision).toBe('block');
    expect((await screen({ email: EMAIL }, MESSAGE, 'email')).decision).toBe('allow');
    expect((await screen({ email: EMAIL }, 'STOP', 'email')).decision).toBeDefined();
    const cmp = await call(
      'POST',
      '/complaints',
      { channel: 'phone', from: { phone: PHONE }, text: COMPLAINT },
      agent,
    );
    expect(cmp.statusCode, cmp.body).toBe(201);
  });
  afterAll(async () => t?.close());

  it('exports everything held about the customer (subject access), audited', async () => {
    expect((await call('GET', `/customers/${customerId}/export`, undefined, agent)).statusCode).toBe(403);
    const res = await call('GET', `/customers/${customerId}/export`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain(`${customerId}.json`);
    const x = res.json();
    expect(x.customer).toMatchObject({ name: NAME, attributes: { address: ADDRESS }, erasedAt: null });
    expect(x.customer.identifiers).toEqual(
      expect.arrayContaining([
        { type: 'phone', value: E164 },
        { type: 'email', value: EMAIL },
      ]),
    );
    expect(x.blocklist).toHaveLength(1);
    expect(x.blocklist[0]).toMatchObject({
      id: entryId,
      reason: '反复骚扰客服',
      identifier: { value: E164 },
    });
    expect(x.blocklist[0].history.length).toBeGreaterThan(0);
    expect(x.messages.map((m: { text: string }) => m.text)).toEqual(
      expect.arrayContaining([MESSAGE, 'STOP']),
    );
    expect(x.complaints.map((c: { text: string }) => c.text)).toContain(COMPLAINT);
    expect(x.consents).toEqual([
      expect.objectContaining({ identifierType: 'email', identifier: EMAIL, status: 'opted_out' }),
    ]);
    const audit = (await call('GET', `/audit?action=customer.export&targetId=${customerId}`)).json();
    expect(audit.items).toHaveLength(1);
  });

  it('refuses an erasure without a reason or by a non-admin, changing nothing', async () => {
    const noReason = await call('POST', `/customers/${customerId}/erase`, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.headers['content-type']).toContain('application/problem+json');
    expect(noReason.json().code).toBe('VALIDATION_FAILED');
    expect(
      (await call('POST', `/customers/${customerId}/erase`, { reason: 'GDPR request 17' }, sup)).statusCode,
    ).toBe(403);
    expect(
      (await call('POST', '/customers/cus_nobody/erase', { reason: 'GDPR request 17' })).json().code,
    ).toBe('CUSTOMER_NOT_FOUND');
    expect((await call('GET', `/customers/${customerId}`)).json().name).toBe(NAME);
  });

  it('erases personal data but the block on the erased phone still holds, also after a reload', async () => {
    const ciphertexts: string[] = [];
    if (dialect === 'sqlite') {
      const db = t.app.store.db;
      const c = await db.selectFrom('customers').select(['name_enc', 'attributes_enc']).execute();
      ciphertexts.push(...c.flatMap((r) => [r.name_enc ?? '', r.attributes_enc ?? '']).filter(Boolean));
      const ids = await db.selectFrom('customer_identifiers').select('value_enc').execute();
      ciphertexts.push(...ids.map((r) => r.value_enc));
      const m = await db.selectFrom('messages').select(['text_enc', 'identifiers_enc']).execute();
      ciphertexts.push(...m.flatMap((r) => [r.text_enc, r.identifiers_enc]));
      const cm = await db.selectFrom('complaints').select(['text_enc']).execute();
      ciphertexts.push(...cm.map((r) => r.text_enc));
      const cmm = await db.selectFrom('complaint_messages').select(['text_enc']).execute();
      ciphertexts.push(...cmm.map((r) => r.text_enc));
      const e = await db.selectFrom('blocklist_entries').select(['identifier_enc']).execute();
      ciphertexts.push(...e.map((r) => r.identifier_enc ?? ''));
      const k = await db.selectFrom('consents').select(['identifier_enc']).execute();
      ciphertexts.push(...k.map((r) => r.identifier_enc));
      expect(ciphertexts.length).toBeGreaterThan(10);
    }

    const res = await call('POST', `/customers/${customerId}/erase`, { reason: 'GDPR request 17' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ customerId, identifiers: 2, entries: 1, complaints: 1, consents: 1 });
    expect(res.json().messages).toBeGreaterThanOrEqual(3);

    const c = (await call('GET', `/customers/${customerId}`)).json();
    expect(c).toMatchObject({ name: null, attributes: {} });
    expect(c.erasedAt).not.toBeNull();
    expect(c.identifiers.map((i: { value: string }) => i.value)).toEqual(['', '']);

    // Nothing readable is left in an export (screens after this are new contact, recorded anew).
    const x = JSON.stringify((await call('GET', `/customers/${customerId}/export`)).json());
    for (const secret of [NAME, ADDRESS, '幸福路', '身份证', E164, EMAIL, PHONE])
      expect(x).not.toContain(secret);
    // The tombstones: screening the erased phone is still blocked, by entry and through /check …
    expect((await screen({ phone: PHONE }, '还是我')).decision).toBe('block');
    const check = (await call('GET', `/blocklist/check?identifier=phone:${PHONE}`, undefined, agent)).json();
    expect(check).toMatchObject({ decision: 'block', entry: { id: entryId } });
    // … also after the index is rebuilt from the database (a restart), and the opt-out still holds.
    await t.app.blocklist.loadIndex();
    await t.app.directory.load();
    await t.app.consent.load();
    expect((await screen({ phone: PHONE }, '重启后')).decision).toBe('block');
    const out = await call('POST', '/outbound/check', {
      to: { email: EMAIL },
      channel: 'email',
      purpose: 'marketing',
    });
    expect(out.json().allowed).toBe(false);
    // Another phone is not caught by the tombstone.
    expect((await screen({ phone: '13700137002' }, 'hi')).decision).toBe('allow');

    const entry = (await call('GET', `/blocklist/${entryId}`, undefined, sup)).json();
    expect(entry).toMatchObject({ identifier: { type: 'phone', value: '' }, status: 'active' });
    // The 360 view still shows the customer as blocked, through the tombstone.
    const c360 = (await call('GET', `/customers/${customerId}`)).json();
    expect(c360.blocklist).toEqual([
      expect.objectContaining({ id: entryId, target: 'phone', status: 'active' }),
    ]);
    const audit = (await call('GET', `/audit?action=customer.erase&targetId=${customerId}`)).json();
    expect(audit.items[0].summary).toMatchObject({ reason: 'GDPR request 17', entries: 1 });
    expect((await t.app.audit.verify()).ok).toBe(true);

    if (dialect === 'sqlite') {
      const db = t.app.store.db;
      const row = await db
        .selectFrom('customers')
        .selectAll()
        .where('id', '=', customerId)
        .executeTakeFirstOrThrow();
      expect(row.name_enc).toBeNull();
      expect(row.attributes_enc).toBeNull();
      const e = await db
        .selectFrom('blocklist_entries')
        .selectAll()
        .where('id', '=', entryId)
        .executeTakeFirstOrThrow();
      expect(e.identifier_enc).toBeNull();
      expect(e.identifier_index).not.toBeNull();
      // The raw files: no old ciphertext (nor plaintext) in the database or its write-ahead log.
      const path = t.app.store.sqlitePath as string;
      const files = [path, `${path}-wal`].filter(existsSync).map((f) => readFileSync(f));
      expect(files[0]?.length).toBeGreaterThan(0);
      for (const bytes of files) {
        for (const ct of ciphertexts)
          expect(bytes.includes(Buffer.from(ct)), `ciphertext ${ct.slice(0, 20)}…`).toBe(false);
        for (const p of [NAME, ADDRESS, EMAIL, E164]) expect(bytes.includes(Buffer.from(p))).toBe(false);
      }
      // The recorder stored the blocked screens after the erasure: those are new rows, not old bytes.
      const { rows } = await sql<{ n: number }>`select count(*) as n from messages`.execute(db);
      expect(Number(rows[0]?.n)).toBeGreaterThan(3);
    }
  });

  it('the control: without the erasure, the ciphertext is found in the file (so the check above can fail)', async () => {
    if (dialect !== 'sqlite') return;
    const db = t.app.store.db;
    const c = await call('PUT', '/customers/crm-keep-1', {
      name: '李四',
      identifiers: [{ type: 'phone', value: '13700137009' }],
    });
    expect(c.statusCode).toBe(201);
    const row = await db
      .selectFrom('customers')
      .select('name_enc')
      .where('id', '=', c.json().id)
      .executeTakeFirstOrThrow();
    const path = t.app.store.sqlitePath as string;
    const files = [path, `${path}-wal`].filter(existsSync).map((f) => readFileSync(f));
    expect(files.some((b) => b.includes(Buffer.from(row.name_enc as string)))).toBe(true);
  });
});

describe.each(dialects())('retention on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let sup: string;
  let gateway: string;
  const clock = new ManualClock(T0);
  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object, key = admin) =>
    t.server.inject({ method, url: `/api/v1${url}`, headers: bearer(key), ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await startTestApp(dialect, {
      clock,
      env: {
        WARDEN_RETENTION_MESSAGES_DAYS: '30',
        WARDEN_RETENTION_ENTRIES_DAYS: '90',
        WARDEN_RETENTION_COMPLAINTS_DAYS: '60',
        WARDEN_RETENTION_AUDIT_READS_DAYS: '30',
      },
    });
    admin = await t.key('admin');
    sup = await t.key('supervisor');
    gateway = await t.key('agent', ['screen']);
  });
  afterAll(async () => t?.close());

  it('previews per kind, deletes what is due, keeps what is not, and the audit chain still verifies', async () => {
    // Day 0: two messages, a released entry, an active entry, a closed complaint, reads.
    for (const text of ['第一条', '第二条'])
      expect(
        (await call('POST', '/screen', { channel: 'sms', from: { phone: '13600136001' }, text }, gateway))
          .statusCode,
      ).toBe(200);
    const mk = async (phone: string) =>
      (
        await call(
          'POST',
          '/blocklist',
          { identifier: { type: 'phone', value: phone }, level: 1, category: 'spam', reason: 'r' },
          sup,
        )
      ).json().id as string;
    const released = await mk('13600136002');
    const active = await mk('13600136003');
    expect((await call('POST', `/blocklist/${released}/release`, { reason: '误加' }, sup)).statusCode).toBe(
      200,
    );
    const cmp = (
      await call('POST', '/complaints', {
        channel: 'phone',
        from: { phone: '13600136004' },
        text: '投诉退款太慢',
      })
    ).json().id;
    for (const status of ['processing', 'resolved', 'closed'])
      expect((await call('PATCH', `/complaints/${cmp}`, { status })).statusCode).toBe(200);
    const open = (
      await call('POST', '/complaints', {
        channel: 'phone',
        from: { phone: '13600136005' },
        text: '投诉客服态度',
      })
    ).json().id;
    await call('GET', `/blocklist/${active}`, undefined, sup);
    const readsBefore = (await call('GET', '/audit?action=blocklist.read&limit=500')).json().items.length;
    expect(readsBefore).toBeGreaterThan(0);

    // Nothing is due yet.
    const preview0 = (await call('GET', '/retention/preview')).json();
    expect(preview0.kinds.map((k: { count: number }) => k.count)).toEqual([0, 0, 0, 0]);
    expect((await call('GET', '/retention/preview', undefined, sup)).statusCode).toBe(403);

    // 100 days later: a new message stays, the old ones go.
    clock.advance(100 * DAY);
    expect(
      (
        await call(
          'POST',
          '/screen',
          { channel: 'sms', from: { phone: '13600136001' }, text: '新的一条' },
          gateway,
        )
      ).statusCode,
    ).toBe(200);
    const preview = (await call('GET', '/retention/preview')).json();
    const byKind = Object.fromEntries(preview.kinds.map((k: { kind: string; count: number }) => [k.kind, k]));
    expect(byKind.messages).toMatchObject({ days: 30, count: 2 });
    expect(byKind.entries).toMatchObject({ days: 90, count: 1 });
    expect(byKind.complaints).toMatchObject({ days: 60, count: 1 });
    expect(byKind.auditReads.count).toBeGreaterThanOrEqual(readsBefore);
    // The preview deleted nothing.
    expect((await call('GET', '/retention/preview')).json().kinds[0].count).toBe(2);

    const result = (await t.app.jobs.runNow('privacy.retention')) as Record<string, number>;
    expect(result).toMatchObject({ messages: 2, entries: 1, complaints: 1 });
    expect(result.auditReads).toBe(byKind.auditReads.count);

    const msgs = (await call('GET', '/messages?limit=100')).json().items.map((m: { text: string }) => m.text);
    expect(msgs).toEqual(['新的一条']);
    expect((await call('GET', `/blocklist/${released}`, undefined, sup)).statusCode).toBe(404);
    expect((await call('GET', `/blocklist/${active}`, undefined, sup)).statusCode).toBe(200);
    expect((await call('GET', `/complaints/${cmp}`)).statusCode).toBe(404);
    expect((await call('GET', `/complaints/${open}`)).statusCode).toBe(200);
    // Old reads lost who read what; the chain, with the prune row vouching for them, verifies.
    const pruned = (await call('GET', '/audit?action=blocklist.read&limit=500')).json().items;
    expect(pruned.filter((r: { actor: { type: string } }) => r.actor.type === 'pruned').length).toBe(
      readsBefore,
    );
    const verify = (await call('GET', '/audit/verify')).json();
    expect(verify.ok).toBe(true);
    expect(
      (await call('GET', '/retention/preview')).json().kinds.map((k: { count: number }) => k.count),
    ).toEqual([0, 0, 0, 0]);

    // Emptying a row that was not a pruned read breaks verification.
    const change = await t.app.store.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'blocklist.create')
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    const prune = await t.app.store.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'audit.prune')
      .executeTakeFirstOrThrow();
    await t.app.store.db
      .updateTable('audit_log')
      .set({ actor_type: 'pruned', summary: JSON.stringify({ prunedBy: prune.seq }) })
      .where('seq', '=', change.seq)
      .execute();
    const broken = (await call('GET', '/audit/verify')).json();
    expect(broken.ok).toBe(false);
    expect(broken.firstBroken.seq).toBe(prune.seq);
  });
});
