import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { rotateDataKey } from '../../src/storage/keys.js';
import { bearer, startTestApp } from '../helpers/app.js';

const HOUR = 3_600_000;
const START = Date.parse('2026-11-20T10:00:00Z');

/** Every file under `dir` (database, WAL, shared memory, key file, leftovers), recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Which of `secrets` appear, as UTF-8 bytes, in any file under `dir`. */
function leaked(dir: string, secrets: readonly string[]): string[] {
  const found = new Set<string>();
  for (const file of filesUnder(dir)) {
    const bytes = readFileSync(file);
    for (const s of secrets) if (bytes.includes(Buffer.from(s, 'utf8'))) found.add(`${s} in ${file}`);
  }
  return [...found];
}

/**
 * Exercises every path that takes personal data (customers, blocklist with
 * exemptions and releases, screening, complaints with order ids and notes,
 * consents, notifications, a surge alert with sample texts, a key rotation),
 * then reads the raw SQLite files, WAL included, for each value sent.
 */
describe('personal data at rest', () => {
  it('leaves no seeded plaintext in the database, its WAL or the data dir', async () => {
    const clock = new ManualClock(START);
    const t = await startTestApp('sqlite', { clock });
    const secrets = {
      name: 'Qiu Mingxuan-Secret',
      attribute: 'attr-secret-7731',
      customerPhone: '+8613912345678',
      customerEmail: 'qiu.secret@example.org',
      blockedPhone: '+8613987654321',
      blockReason: 'reason-secret-blk-4410',
      exemptionReason: 'exempt-secret-2207',
      releaseReason: 'release-secret-9134',
      screenText: 'screen-secret-text-5521 你好',
      complaintText: 'complaint-secret-8812 快递丢件了',
      orderId: 'ORDER-SECRET-9001',
      note: 'note-secret-3370',
      complaintEmail: 'complainer.secret@example.org',
      consentEmail: 'consent.secret@example.org',
      surgeText: 'SURGE-SECRET',
    };
    try {
      const key = await t.key('admin');
      const call = async (method: string, url: string, payload?: unknown) => {
        const res = await t.server.inject({
          method: method as 'GET',
          url: `/api/v1${url}`,
          headers: bearer(key),
          ...(payload === undefined ? {} : { payload: payload as object }),
        });
        expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
        return res.json();
      };

      await call('PUT', '/customers/crm-1', {
        name: secrets.name,
        attributes: { note: secrets.attribute },
        identifiers: [
          { type: 'phone', value: secrets.customerPhone },
          { type: 'email', value: secrets.customerEmail },
        ],
      });
      const entry = await call('POST', '/blocklist', {
        identifier: { type: 'phone', value: secrets.blockedPhone },
        level: 1,
        category: 'harassment',
        reason: secrets.blockReason,
      });
      await call('POST', `/blocklist/${entry.id}/exemptions`, {
        sessionId: 'c-1',
        reason: secrets.exemptionReason,
      });
      await call('POST', '/screen', {
        channel: 'sms',
        from: { phone: secrets.customerPhone },
        text: secrets.screenText,
      });
      await call('POST', `/blocklist/${entry.id}/release`, { reason: secrets.releaseReason });
      const complaint = await call('POST', '/complaints', {
        channel: 'email',
        from: { email: secrets.complaintEmail },
        text: secrets.complaintText,
        orderId: secrets.orderId,
      });
      await call('PATCH', `/complaints/${complaint.id}`, { note: secrets.note });
      await call('PUT', `/consents?identifier=email:${secrets.consentEmail}`, { status: 'opted_out' });
      // A surge: six customers on one topic within the hour; its alert quotes their texts.
      for (let i = 0; i < 6; i++) {
        clock.set(START + (i + 1) * 60_000);
        await call('POST', '/complaints', {
          channel: 'sms',
          from: { phone: `+86137000000${10 + i}` },
          text: `${secrets.surgeText}-${i} 快递丢件了，包裹一直没到，我要投诉`,
        });
      }
      clock.set(START + HOUR - 1);
      expect((await t.app.complaints.detectSurges(START)).length).toBeGreaterThan(0);
      await t.app.notifier.deliverDue(clock.now());

      // The API still reads it all back.
      const alerts = await call('GET', '/alerts?kind=surge');
      expect(JSON.stringify(alerts.items[0].detail.samples)).toContain(secrets.surgeText);
      expect((await call('GET', `/complaints/${complaint.id}`)).orderId).toBe(secrets.orderId);

      const values = [...Object.values(secrets), '13912345678', '13987654321'];
      // While the app runs: the WAL holds the recent writes.
      expect(filesUnder(t.dataDir).some((f) => f.endsWith('-wal'))).toBe(true);
      expect(leaked(t.dataDir, values)).toEqual([]);

      // A key rotation re-encrypts the new columns too, and leaves them readable.
      const rotated = await rotateDataKey(t.app.store, t.app.keys);
      expect(rotated.reencrypted).toBeGreaterThan(0);
      expect((await call('GET', `/complaints/${complaint.id}`)).orderId).toBe(secrets.orderId);
      const after = await call('GET', '/alerts?kind=surge');
      expect(JSON.stringify(after.items[0].detail.samples)).toContain(secrets.surgeText);
      const stale = await t.app.store.db
        .selectFrom('alerts')
        .select('detail_enc')
        .where('detail_enc', 'is not', null)
        .execute();
      expect(stale.filter((r) => t.app.keys.isStale(String(r.detail_enc)))).toEqual([]);

      // And after a clean shutdown (checkpointed into the main file).
      await t.server.close();
      await t.app.close();
      expect(leaked(t.dataDir, values)).toEqual([]);
    } finally {
      await t.server.close();
      rmSync(t.dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('moves plaintext written before migration 0011 into the encrypted columns on start', async () => {
    const t = await startTestApp('sqlite');
    const dataDir = t.dataDir;
    try {
      const db = t.app.store.db;
      await db
        .insertInto('alerts')
        .values({
          id: 'alr_legacy',
          kind: 'surge',
          severity: 'critical',
          title: 'old',
          detail: JSON.stringify({ samples: [{ id: 'cmp_x', text: 'legacy-sample-secret' }] }),
          detail_enc: null,
          target_type: null,
          target_id: null,
          dedupe_key: null,
          status: 'open',
          created_at: Date.now(),
          acked_at: null,
          acked_by: null,
        })
        .execute();
      const key = await t.key('admin');
      const complaint = (
        await t.server.inject({
          method: 'POST',
          url: '/api/v1/complaints',
          headers: bearer(key),
          payload: { channel: 'sms', from: { phone: '+8613800000001' }, text: '我要投诉' },
        })
      ).json();
      await db
        .updateTable('complaints')
        .set({ order_id: 'legacy-order-secret', order_id_enc: null })
        .where('id', '=', complaint.id)
        .execute();
      await t.server.close();
      await t.app.close();

      // Restart on the same data dir: the sweep runs before anything is served.
      const again = await startTestApp('sqlite', { env: { WARDEN_DATA_DIR: dataDir } });
      try {
        const k2 = await again.key('admin');
        const got = await again.server.inject({
          url: `/api/v1/complaints/${complaint.id}`,
          headers: bearer(k2),
        });
        expect(got.json().orderId).toBe('legacy-order-secret');
        const alerts = await again.server.inject({ url: '/api/v1/alerts', headers: bearer(k2) });
        expect(JSON.stringify(alerts.json().items)).toContain('legacy-sample-secret');
        await again.server.close();
        await again.app.close();
        expect(leaked(dataDir, ['legacy-sample-secret', 'legacy-order-secret'])).toEqual([]);
      } finally {
        await again.server.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
