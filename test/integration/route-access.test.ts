import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/access/audit.js';
import {
  effectivePermissions,
  everyPermission,
  isPermission,
  type Permission,
  type Role,
  rolePermissions,
  roles,
} from '../../src/access/permissions.js';
import { bearer, startTestApp, type TestApp } from '../helpers/app.js';

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

/**
 * The authorization matrix, generated from the route table: every /api route
 * × every role (as an API key, and one as a signed-in user) × two scoped keys
 * × anonymous. A route is let through exactly when the caller's effective
 * permissions (role ∩ scopes) include the one it declares; a new route joins
 * the matrix by existing.
 */
describe('the authorization matrix', () => {
  let t: TestApp;
  const identities: { name: string; headers: Record<string, string>; holds: ReadonlySet<Permission> }[] = [];
  beforeAll(async () => {
    t = await startTestApp('sqlite');
    for (const role of roles) {
      identities.push({
        name: `${role} key`,
        headers: bearer(await t.key(role)),
        holds: rolePermissions[role],
      });
    }
    const scoped: [Role, Permission[]][] = [
      ['agent', ['screen']],
      ['admin', ['apikeys:read', 'audit:read', 'blocklist:export']],
    ];
    for (const [role, scopes] of scoped) {
      identities.push({
        name: `${role} key scoped to ${scopes.join(',')}`,
        headers: bearer(await t.key(role, scopes)),
        holds: effectivePermissions(role, scopes),
      });
    }
    const password = 'correct horse battery 9';
    await t.app.access.createUser(
      systemContext,
      { email: 'matrix@example.com', name: 'matrix', role: 'supervisor', password },
      everyPermission,
    );
    const login = await t.server.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'matrix@example.com', password },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0] as string;
    identities.push({ name: 'supervisor session', headers: { cookie }, holds: rolePermissions.supervisor });
  });
  afterAll(async () => t?.close());

  const apiRoutes = () =>
    t.server.accessTable.filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD');

  it('declares only known permissions', () => {
    const unknown = apiRoutes().filter(
      (r) => r.access !== 'public' && r.access !== 'authenticated' && !isPermission(String(r.access)),
    );
    expect(unknown).toEqual([]);
  });

  it('lets each caller through exactly the routes its permissions cover', async () => {
    const wrong: string[] = [];
    let checked = 0;
    // Logging out ends the session identity's session: walk it last.
    const routes = apiRoutes().sort(
      (a, b) => Number(a.url.endsWith('/logout')) - Number(b.url.endsWith('/logout')),
    );
    for (const r of routes) {
      const url = r.url.replace(/:([A-Za-z]+)/g, 'x_$1');
      for (const who of identities) {
        const res = await t.server.inject({
          method: r.method as 'GET',
          url,
          headers: who.headers,
          payload: ['GET', 'DELETE'].includes(r.method) ? undefined : {},
        });
        checked++;
        const code = res.statusCode >= 400 ? (res.json() as { code?: string }).code : undefined;
        const refused = res.statusCode === 401 || code === 'FORBIDDEN';
        const should =
          r.access === 'public' || r.access === 'authenticated' || who.holds.has(r.access as Permission);
        if (refused === should) {
          wrong.push(`${r.method} ${r.url} as ${who.name} → ${res.statusCode} ${code ?? ''}`);
        }
        if (refused && res.statusCode === 403) {
          expect(res.json().permission).toBe(r.access);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(identities.length * 40);
  });
});
