import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';

/**
 * Walks every route the server has and proves none under /api is open by
 * accident: each declares its access, and each non-public one answers 401
 * to a caller without credentials.
 */
describe('every API route declares its access and refuses anonymous callers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite');
  });
  afterAll(async () => t?.close());

  it('has routes to walk', () => {
    expect(t.server.accessTable.filter((r) => r.url.startsWith('/api/')).length).toBeGreaterThan(10);
  });

  it('declares an access on every /api route', () => {
    const undeclared = t.server.accessTable.filter(
      (r) => r.url.startsWith('/api/') && r.access === undefined,
    );
    expect(undeclared).toEqual([]);
  });

  it('lists exactly the intended public API routes', () => {
    const open = t.server.accessTable
      .filter((r) => r.url.startsWith('/api/') && r.access === 'public' && r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(open).toEqual(['GET /api/v1/auth/setup', 'POST /api/v1/auth/login', 'POST /api/v1/auth/setup']);
  });

  it('answers 401 problem+json to an anonymous call of every other /api route', async () => {
    const guarded = t.server.accessTable.filter((r) => r.url.startsWith('/api/') && r.access !== 'public');
    const failures: string[] = [];
    for (const r of guarded) {
      const url = r.url.replace(/:([A-Za-z]+)/g, 'x_$1');
      const res = await t.server.inject({
        method: r.method as 'GET',
        url,
        payload: ['GET', 'HEAD', 'DELETE'].includes(r.method) ? undefined : {},
      });
      if (
        res.statusCode !== 401 ||
        !String(res.headers['content-type']).startsWith('application/problem+json')
      ) {
        failures.push(`${r.method} ${r.url} → ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
