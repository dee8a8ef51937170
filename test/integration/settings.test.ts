import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { bearer, dialects, startTestApp, type TestApp } from '../helpers/app.js';
import { type HttpReceiver, startHttpReceiver } from '../helpers/http-receiver.js';

// 2026-12-05 17:30 UTC is 2026-12-06 01:30 in Shanghai: references count Shanghai days.
const T0 = Date.parse('2026-12-05T17:30:00Z');
const SECRET = 'settings-webhook-secret-0123';

interface Envelope {
  section: string;
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
  settings: Record<string, unknown> & {
    riskWords: { add: Record<string, string[]>; remove: string[] };
    categories: Record<
      string,
      { team: string; words: string[]; enabled?: boolean; label?: { 'zh-CN': string; en: string } }
    >;
    routing: { slaHours: Record<string, number>; seniorTiers: string[]; seniorQueue: string };
    severity: { thresholds: { P1: number; P2: number; P3: number }; tiers: Record<string, number> };
    autoReplies: Record<string, { 'zh-CN': string; en: string }>;
    notifications: {
      referencePrefix: string;
      referenceTimeZone: string;
      templates: Record<string, Record<string, { subject: string; text: string }>>;
    };
  };
}

/**
 * Settings a team changes, through the API: who may read and change them,
 * what a bad document gets (and that it changes nothing), that a change is in
 * force at once — analysis, routing, SLA, references, notification wording,
 * opt-out phrases — and that it is audited field by field.
 */
describe.each(dialects())('team settings over HTTP on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let sup: string;
  let agent: string;
  let auditor: string;
  let hook: HttpReceiver;
  const clock = new ManualClock(T0);

  const call = (method: 'GET' | 'PUT' | 'POST', url: string, key: string, payload?: object) =>
    t.server.inject({ method, url: `/api/v1${url}`, headers: bearer(key), ...(payload ? { payload } : {}) });
  const current = async () => {
    const res = await call('GET', '/settings/complaints', sup);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Envelope;
  };
  const put = (settings: object, version?: number, key = admin) =>
    call('PUT', '/settings/complaints', key, { settings, ...(version === undefined ? {} : { version }) });
  const analyze = async (text: string) =>
    (await call('POST', '/analyze', agent, { text })).json() as { riskWords: string[]; complaint: boolean };

  beforeAll(async () => {
    hook = await startHttpReceiver('/hook');
    t = await startTestApp(dialect, {
      clock,
      env: { WARDEN_WEBHOOK_URL: hook.url, WARDEN_WEBHOOK_SECRET: SECRET },
    });
    admin = await t.key('admin');
    sup = await t.key('supervisor');
    agent = await t.key('agent');
    auditor = await t.key('auditor');
  });
  afterAll(async () => {
    await t?.close();
    await hook?.stop();
  });

  it('starts at version 0 with today’s behaviour; supervisors read, only admins change', async () => {
    const s = await current();
    expect(s).toMatchObject({ section: 'complaints', version: 0, updatedAt: null });
    expect(s.settings.routing.slaHours).toEqual({ P1: 2, P2: 8, P3: 24, P4: 72 });
    expect(s.settings.categories.logistics?.team).toBe('logistics');
    expect(s.settings.categories.logistics?.words).toContain('快递');
    expect(s.settings.notifications.referencePrefix).toBe('TS');
    const defaults = await call('GET', '/settings/complaints/defaults', sup);
    expect(defaults.json()).toEqual(s.settings);
    expect((await call('GET', '/settings/complaints', agent)).statusCode).toBe(403);
    expect((await call('GET', '/settings/complaints', auditor)).statusCode).toBe(200);
    const bySup = await put(s.settings, undefined, sup);
    expect(bySup.statusCode).toBe(403);
    expect((await current()).version).toBe(0);
  });

  it('refuses a bad document with field errors and changes nothing', async () => {
    const s = (await current()).settings;
    const cases: [object, string][] = [
      [
        { ...s, routing: { ...s.routing, slaHours: { ...s.routing.slaHours, P1: -1 } } },
        '/settings/routing/slaHours/P1',
      ],
      [
        { ...s, routing: { ...s.routing, slaHours: { ...s.routing.slaHours, P2: 1 } } },
        '/settings/routing/slaHours/P2',
      ],
      [
        { ...s, severity: { ...s.severity, thresholds: { P1: 40, P2: 50, P3: 30 } } },
        '/settings/severity/thresholds',
      ],
      [
        {
          ...s,
          notifications: {
            ...s.notifications,
            templates: {
              ...s.notifications.templates,
              'complaint.received': {
                ...s.notifications.templates['complaint.received'],
                'zh-CN': { subject: '收到', text: '您好 {name}，编号 {ref}' },
              },
            },
          },
        },
        '/settings/notifications/templates/complaint.received/zh-CN/text',
      ],
      [
        { ...s, notifications: { ...s.notifications, referenceTimeZone: 'Mars/Olympus' } },
        '/settings/notifications/referenceTimeZone',
      ],
      [
        { ...s, riskWords: { add: { ...s.riskWords.add, gossip: ['x'] }, remove: [] } },
        '/settings/riskWords/add',
      ],
      [{ ...s, surprise: true }, '/settings'],
    ];
    for (const [doc, field] of cases) {
      const res = await put(doc);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = res.json() as { code: string; errors: { field: string }[] };
      expect(problem.code).toBe('VALIDATION_FAILED');
      expect(problem.errors.map((e) => e.field).join(' ')).toContain(field);
    }
    const missing = await call('PUT', '/settings/complaints', admin, { version: 0 });
    expect(missing.statusCode).toBe(400);
    expect((await current()).version).toBe(0);
  });

  it('puts risk words, teams and SLA hours in force at once, and audits each change', async () => {
    expect((await analyze('我要去上访')).riskWords).not.toContain('上访');
    expect((await analyze('退款什么时候到账')).riskWords).toContain('退款');
    const s = (await current()).settings;
    const res = await put(
      {
        ...s,
        riskWords: { add: { ...s.riskWords.add, legal: ['上访'] }, remove: ['退款'] },
        categories: { ...s.categories, logistics: { ...s.categories.logistics, team: 'express-desk' } },
        routing: { ...s.routing, slaHours: { P1: 1, P2: 4, P3: 12, P4: 48 } },
      },
      0,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 1, updatedBy: expect.any(String) });

    expect((await analyze('我要去上访')).riskWords).toContain('上访');
    expect((await analyze('退款什么时候到账')).riskWords).not.toContain('退款');

    const created = await call('POST', '/complaints', sup, {
      channel: 'phone',
      from: { phone: '13700000001' },
      text: '快递一直没到，太慢了',
    });
    expect(created.statusCode, created.body).toBe(201);
    const c = created.json() as { team: string; priority: string; slaDueAt: string; createdAt: string };
    expect(c.team).toBe('express-desk');
    const hours = { P1: 1, P2: 4, P3: 12, P4: 48 }[c.priority] ?? 0;
    expect(Date.parse(c.slaDueAt) - Date.parse(c.createdAt)).toBe(hours * 3_600_000);

    const audit = (await call('GET', '/audit?action=settings.update', auditor)).json().items as {
      target: { type: string; id: string };
      summary: { version: number; changes: { path: string; before: unknown; after: unknown }[] };
    }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]?.target).toEqual({ type: 'settings', id: 'complaints' });
    expect(audit[0]?.summary.changes).toEqual(
      expect.arrayContaining([
        { path: '/routing/slaHours/P3', before: 24, after: 12 },
        { path: '/categories/logistics/team', before: 'logistics', after: 'express-desk' },
        { path: '/riskWords/remove', before: [], after: ['退款'] },
      ]),
    );
  });

  it('refuses a change made from an old version', async () => {
    const s = (await current()).settings;
    const res = await put(s, 0);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'SETTINGS_VERSION_CONFLICT' });
    expect((await current()).version).toBe(1);
  });

  it('adds a category of the team’s own that analysis, routing, filters and the console use; disables a built-in; removes its own', async () => {
    const gateway = await t.key('agent', ['screen']);
    const screen = async (phone: string, text: string) => {
      const res = await call('POST', '/screen', gateway, { channel: 'sms', from: { phone }, text });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { complaint: { id: string } | null };
    };
    const complaint = async (id: string) =>
      (await call('GET', `/complaints/${id}`, agent)).json() as { category: string; team: string };
    const categoryList = async () => {
      const res = await call('GET', '/complaints/categories', agent);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items as {
        key: string;
        builtIn: boolean;
        enabled: boolean;
        team: string;
        label: { 'zh-CN': string; en: string } | null;
      }[];
    };
    const claimText = '保险理赔申请了一个月还没人处理，我要投诉';
    const appText = 'APP一打开就闪退，重装也没用，我要投诉';

    // Before: the words place nothing of the kind, and the app crash is technical.
    const before = await screen('13700000101', claimText);
    expect((await complaint(before.complaint?.id ?? '')).category).not.toBe('insurance_claim');
    expect((await complaint((await screen('13700000102', appText)).complaint?.id ?? '')).category).toBe(
      'technical',
    );

    const env = await current();
    const s = env.settings;
    const bad = async (doc: object, code: string, field: string) => {
      const res = await put(doc, env.version);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = res.json() as { code: string; errors: { field: string }[] };
      expect(problem.code, JSON.stringify(problem)).toBe(code);
      expect(problem.errors.map((e) => e.field).join(' ')).toContain(field);
    };
    const claims = {
      team: 'claims-desk',
      words: ['保险理赔', '理赔', 'insurance claim'],
      label: { 'zh-CN': '保险理赔', en: 'Insurance claim' },
    };
    const { technical, ...withoutTechnical } = s.categories;
    expect(technical).toBeDefined();
    // A built-in cannot be removed, a category of one's own needs a label and a key, a word has one owner, "other" stays.
    await bad(
      { ...s, categories: withoutTechnical },
      'COMPLAINT_CATEGORY_BUILTIN',
      '/settings/categories/technical',
    );
    await bad(
      { ...s, categories: { ...s.categories, insurance_claim: { team: 'claims-desk', words: ['理赔'] } } },
      'VALIDATION_FAILED',
      '/settings/categories/insurance_claim',
    );
    await bad(
      { ...s, categories: { ...s.categories, 'Insurance-Claim': claims } },
      'VALIDATION_FAILED',
      '/settings/categories',
    );
    await bad(
      { ...s, categories: { ...s.categories, insurance_claim: { ...claims, words: ['理赔', '快递'] } } },
      'VALIDATION_FAILED',
      '/settings/categories/insurance_claim/words',
    );
    await bad(
      { ...s, categories: { ...s.categories, other: { ...s.categories.other, enabled: false } } },
      'VALIDATION_FAILED',
      '/settings/categories/other/enabled',
    );
    await bad(
      { ...s, autoReplies: { ...s.autoReplies, nowhere: { 'zh-CN': '无', en: 'none' } } },
      'VALIDATION_FAILED',
      '/settings/autoReplies/nowhere',
    );
    expect((await current()).version).toBe(env.version);

    const added = await put(
      {
        ...s,
        categories: {
          ...s.categories,
          technical: { ...s.categories.technical, enabled: false },
          after_sales: {
            ...s.categories.after_sales,
            label: { 'zh-CN': '维修与保修', en: 'Repairs & warranty' },
          },
          insurance_claim: claims,
        },
        autoReplies: {
          ...s.autoReplies,
          insurance_claim: {
            'zh-CN': '理赔专员会在一个工作日内联系您。',
            en: 'A claims officer will call you within a working day.',
          },
        },
      },
      env.version,
    );
    expect(added.statusCode, added.body).toBe(200);

    // Analysis places a screened message in it, routing gives it the category's team.
    const r = await screen('13700000103', claimText);
    expect(r.complaint).not.toBeNull();
    const c = await complaint(r.complaint?.id ?? '');
    expect(c).toMatchObject({ category: 'insurance_claim', team: 'claims-desk' });
    expect(
      (
        await call('POST', '/analyze', agent, { text: 'My insurance claim was rejected for no reason' })
      ).json(),
    ).toMatchObject({
      category: 'insurance_claim',
    });
    // The disabled built-in places nothing any more.
    const app = await complaint((await screen('13700000104', appText)).complaint?.id ?? '');
    expect(app.category).not.toBe('technical');
    // The queue filters on it.
    const filtered = (await call('GET', '/complaints?category=insurance_claim&limit=100', agent)).json()
      .items as { id: string; category: string }[];
    expect(filtered.map((x) => x.id)).toContain(r.complaint?.id);
    expect(filtered.every((x) => x.category === 'insurance_claim')).toBe(true);
    // An agent logging a call may pick it; an unknown key is refused.
    const logged = await call('POST', '/complaints', sup, {
      channel: 'phone',
      from: { phone: '13700000105' },
      text: '电话里说理赔材料丢了',
      category: 'insurance_claim',
    });
    expect(logged.statusCode, logged.body).toBe(201);
    expect(logged.json()).toMatchObject({ category: 'insurance_claim', team: 'claims-desk' });
    const unknown = await call('POST', '/complaints', sup, {
      channel: 'phone',
      from: { phone: '13700000105' },
      text: '电话投诉',
      category: 'nowhere',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'UNKNOWN_COMPLAINT_CATEGORY' });
    // What the console reads for its labels (agents may read it; settings they may not).
    const list = await categoryList();
    expect(list.find((x) => x.key === 'insurance_claim')).toEqual({
      key: 'insurance_claim',
      builtIn: false,
      enabled: true,
      team: 'claims-desk',
      label: { 'zh-CN': '保险理赔', en: 'Insurance claim' },
    });
    expect(list.find((x) => x.key === 'technical')).toMatchObject({
      builtIn: true,
      enabled: false,
      label: null,
    });
    expect(list.find((x) => x.key === 'after_sales')?.label?.en).toBe('Repairs & warranty');
    // Audited as a settings change.
    const audit = (await call('GET', '/audit?action=settings.update', auditor)).json().items as {
      summary: { changes: { path: string }[] };
    }[];
    expect(audit[0]?.summary.changes.map((x) => x.path)).toEqual(
      expect.arrayContaining(['/categories/insurance_claim', '/categories/technical/enabled']),
    );

    // Removing its own category: gone from the list, its words place nothing; the built-in is back on.
    const now = await current();
    const { insurance_claim: _gone, ...rest } = now.settings.categories;
    const { insurance_claim: _answer, ...answers } = now.settings.autoReplies;
    const removed = await put(
      {
        ...now.settings,
        categories: { ...rest, technical: { ...rest.technical, enabled: true } },
        autoReplies: answers,
      },
      now.version,
    );
    expect(removed.statusCode, removed.body).toBe(200);
    expect((await categoryList()).map((x) => x.key)).not.toContain('insurance_claim');
    const after = await screen('13700000106', claimText);
    expect((await complaint(after.complaint?.id ?? '')).category).not.toBe('insurance_claim');
  });

  it('numbers complaints per day with a short reference and uses it and the team’s wording in notices', async () => {
    const post = async (phone: string, text: string) => {
      const res = await call('POST', '/complaints', sup, { channel: 'sms', from: { phone }, text });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; reference: string };
    };
    const a = await post('13700000002', '空调坏了，售后一直不上门，我要投诉');
    expect(a.reference).toMatch(/^TS-20261206-\d{4}$/);
    const s = await current();
    const res = await put(
      {
        ...s.settings,
        notifications: {
          ...s.settings.notifications,
          referencePrefix: 'CS',
          templates: {
            ...s.settings.notifications.templates,
            'complaint.received': {
              ...s.settings.notifications.templates['complaint.received'],
              'zh-CN': {
                subject: '已受理 {ref}',
                text: '您好，您的反馈已受理，编号 {ref}，我们会在 {sla} 前回复。',
              },
            },
          },
        },
      },
      s.version,
    );
    expect(res.statusCode, res.body).toBe(200);
    const b = await post('13700000003', '洗衣机漏水，我要投诉');
    const number = (ref: string) => Number(ref.slice(-4));
    expect(b.reference).toMatch(/^CS-20261206-\d{4}$/);
    expect(number(b.reference)).toBe(number(a.reference) + 1);
    // A screened complaint is written with its message by the recorder (on SQLite, on its writer
    // thread, which is handed the new settings): the same prefix, the same day's count.
    const gateway = await t.key('agent', ['screen']);
    const screened = await call('POST', '/screen', gateway, {
      channel: 'sms',
      from: { phone: '13700000005' },
      text: '冰箱不制冷，修了三次还是坏的，我要投诉',
    });
    expect(screened.statusCode, screened.body).toBe(200);
    const screenedId = (screened.json() as { complaint: { id: string } | null }).complaint?.id ?? '';
    const sc = (await call('GET', `/complaints/${screenedId}`, sup)).json() as { reference: string };
    expect(sc.reference).toBe(`CS-20261206-${String(number(b.reference) + 1).padStart(4, '0')}`);
    // The next Shanghai day starts again at 0001.
    clock.set(Date.parse('2026-12-06T16:05:00Z'));
    const c = await post('13700000004', '手机充不进电，我要投诉');
    expect(c.reference).toBe('CS-20261207-0001');
    clock.set(T0);

    const list = (await call('GET', '/complaints?limit=100', agent)).json().items as { reference: string }[];
    expect(list.map((x) => x.reference)).toEqual(
      expect.arrayContaining([a.reference, b.reference, c.reference]),
    );

    await t.app.notifier.deliverDue(Date.now() + 60_000);
    const bodies = (await hook.waitFor(1)).map(
      (h) =>
        JSON.parse(h.body) as {
          event: string;
          data: { ref: string; complaintId: string };
          message: { text: string };
        },
    );
    const received = bodies.find((x) => x.event === 'complaint.received' && x.data.complaintId === b.id);
    expect(received?.message.text).toContain(`编号 ${b.reference}`);
    expect(received?.message.text).toContain('您的反馈已受理');
    expect(received?.message.text).not.toContain(b.id);
  });

  it('changes opt-out phrases and replies', async () => {
    const gateway = await t.key('agent', ['screen']);
    const screen = async (phone: string, text: string) =>
      (await call('POST', '/screen', gateway, { channel: 'sms', from: { phone }, text })).json() as {
        actions: { autoReply: string | null; tags: string[] };
      };
    expect((await screen('13700000010', '别烦我了')).actions.tags).not.toContain('opt_out');
    const o = (await call('GET', '/settings/opt-out', sup)).json() as {
      version: number;
      settings: { optOutPhrases: string[]; replies: { optOut: { 'zh-CN': string; en: string } } };
    };
    expect(o.settings.optOutPhrases).toContain('退订');
    const bad = await call('PUT', '/settings/opt-out', admin, {
      settings: { ...o.settings, optOutKeywords: [] },
    });
    expect(bad.statusCode).toBe(400);
    const res = await call('PUT', '/settings/opt-out', admin, {
      version: o.version,
      settings: {
        ...o.settings,
        optOutPhrases: [...o.settings.optOutPhrases, '别烦我'],
        replies: { ...o.settings.replies, optOut: { ...o.settings.replies.optOut, 'zh-CN': '已为您退订。' } },
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = await screen('13700000011', '别烦我了');
    expect(r.actions.tags).toContain('opt_out');
    expect(r.actions.autoReply).toBe('已为您退订。');
    const refused = await call('POST', '/outbound/check', sup, {
      to: { phone: '13700000011' },
      channel: 'sms',
      purpose: 'marketing',
    });
    expect(refused.json()).toMatchObject({ allowed: false, reasons: [{ kind: 'opt_out' }] });
  });

  it.runIf(dialect === 'postgres')(
    'another server picks the change up from the change feed, no restart',
    async () => {
      const other = await startTestApp('postgres', {
        env: {
          WARDEN_DATABASE_URL: t.app.config.databaseUrl ?? '',
          WARDEN_MASTER_KEY: t.app.masterKey.toString('base64'),
        },
      });
      try {
        const key = await other.key('agent');
        const ask = async () =>
          (
            await other.server.inject({
              method: 'POST',
              url: '/api/v1/analyze',
              headers: bearer(key),
              payload: { text: '我要去找包青天告你们' },
            })
          ).json() as { riskWords: string[] };
        // A word only this team counts as legal (not in the default lists).
        expect((await ask()).riskWords).not.toContain('包青天');
        const s = await current();
        const res = await put(
          {
            ...s.settings,
            riskWords: {
              ...s.settings.riskWords,
              add: {
                ...s.settings.riskWords.add,
                legal: [...(s.settings.riskWords.add.legal ?? []), '包青天'],
              },
            },
          },
          s.version,
        );
        expect(res.statusCode).toBe(200);
        // The change feed brings it to the other server within moments, no restart.
        const started = Date.now();
        while (!(await ask()).riskWords.includes('包青天') && Date.now() - started < 5_000)
          await new Promise((r) => setTimeout(r, 50));
        expect((await ask()).riskWords).toContain('包青天');
        expect(other.app.settings.complaints.version).toBe(s.version + 1);
      } finally {
        await other.close();
      }
    },
  );
});
