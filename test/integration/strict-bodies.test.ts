import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../helpers/app.js';

/** JSON bodies are taken as typed (no coercion); query strings still coerce; a wrong method is a 405. */
describe('strict bodies and methods', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp('sqlite');
    admin = await t.key('admin');
  });
  afterAll(async () => t?.close());

  const call = (method: string, url: string, payload?: unknown) =>
    t.server.inject({
      method: method as 'GET',
      url: `/api/v1${url}`,
      headers: bearer(admin),
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  it('does not turn null into false: a key customer stays protected', async () => {
    const made = await call('PUT', '/customers/vip-1', { name: 'Zhao', protected: true });
    expect(made.statusCode).toBe(201);
    const res = await call('PUT', '/customers/vip-1', { protected: null });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().errors[0].field).toBe('/body/protected');
    const found = await call('GET', `/customers/${made.json().id}`);
    expect(found.json().customer?.protected ?? found.json().protected).toBe(true);
  });

  it('refuses a boolean for a string and a string for an array', async () => {
    const key = await call('POST', '/api-keys', { name: false, role: 'agent' });
    expect(key.statusCode).toBe(400);
    expect((await t.app.access.listApiKeys()).some((k) => k.name === 'false')).toBe(false);
    const batch = await call('POST', '/analyze/batch', { texts: 'x' });
    expect(batch.statusCode).toBe(400);
    expect(batch.json().errors[0].field).toBe('/body/texts');
    const number = await call('POST', '/analyze', { text: 12 });
    expect(number.statusCode).toBe(400);
  });

  it('still reads numbers from query strings', async () => {
    const res = await call('GET', '/audit?limit=2');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.length).toBeLessThanOrEqual(2);
  });

  it('answers a wrong method on a known path with 405 and Allow', async () => {
    const res = await call('DELETE', '/screen');
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('POST');
    expect(res.json().code).toBe('METHOD_NOT_ALLOWED');
    const withParam = await call('PUT', '/api-keys/key_123');
    expect(withParam.statusCode).toBe(405);
    expect(withParam.headers.allow).toBe('DELETE');
    const list = await call('DELETE', '/users');
    expect(list.headers.allow).toBe('GET, HEAD, POST');
    // A path that does not exist at all stays a 404.
    expect((await call('GET', '/nothing-here')).statusCode).toBe(404);
    expect((await call('POST', '/nothing-here', {})).json().code).toBe('ROUTE_NOT_FOUND');
  });
});
