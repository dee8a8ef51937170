import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, dialects, startTestApp, type TestApp } from '../helpers/app.js';

/**
 * Concurrent first saves of a settings section. On PostgreSQL there is no row
 * to lock before the first save, so two saves both insert; the loser used to
 * answer 500. Now a save against version 0 that loses answers 409, and saves
 * without a version all land, one after the other.
 */
describe.each(dialects())('concurrent settings saves on %s', (dialect) => {
  let t: TestApp;
  let admin: string;

  const call = (method: 'GET' | 'PUT', url: string, payload?: object) =>
    t.server.inject({
      method,
      url: `/api/v1${url}`,
      headers: bearer(admin),
      ...(payload ? { payload } : {}),
    });

  beforeAll(async () => {
    t = await startTestApp(dialect);
    admin = await t.key('admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lets one first save against version 0 win and tells the others 409', async () => {
    const { settings } = (await call('GET', '/settings/complaints')).json() as { settings: object };
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => call('PUT', '/settings/complaints', { settings, version: 0 })),
    );
    const codes = answers.map((r) => r.statusCode).sort();
    expect(codes, answers.map((r) => r.body).join('\n')).toEqual([200, 409, 409, 409, 409, 409]);
    for (const r of answers.filter((a) => a.statusCode === 409)) {
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(r.json()).toMatchObject({ code: 'SETTINGS_VERSION_CONFLICT' });
    }
    expect((await call('GET', '/settings/complaints')).json()).toMatchObject({ version: 1 });
  });

  it('lands every concurrent save made without a version, one after the other', async () => {
    const { settings } = (await call('GET', '/settings/opt-out')).json() as { settings: object };
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => call('PUT', '/settings/opt-out', { settings })),
    );
    expect(
      answers.map((r) => r.statusCode),
      answers.map((r) => r.body).join('\n'),
    ).toEqual([200, 200, 200, 200, 200, 200]);
    expect((await call('GET', '/settings/opt-out')).json()).toMatchObject({ version: 6 });
  });
});
