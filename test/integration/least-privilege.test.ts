import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/access/audit.js';
import {
  effectivePermissions,
  everyPermission,
  type Permission,
  permissions,
  type Role,
  rolePermissions,
  roles,
} from '../../src/access/permissions.js';
import { seededRandom } from '../../src/core/hash.js';
import { bearer, dialects, startTestApp, type TestApp } from '../helpers/app.js';

const PASSWORD = 'correct horse battery 9';

/** A seeded generator: the same cases on every run, and a failure names its seed. */
const random = seededRandom;

describe.each(dialects())('least privilege (%s)', (dialect) => {
  let t: TestApp;
  let n = 0;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t?.close());

  const post = (key: string, url: string, payload: unknown) =>
    t.server.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      headers: bearer(key),
      payload: payload as object,
    });
  const patch = (key: string, url: string, payload: unknown) =>
    t.server.inject({
      method: 'PATCH',
      url: `/api/v1${url}`,
      headers: bearer(key),
      payload: payload as object,
    });
  const me = async (key: string): Promise<string[]> =>
    (await t.server.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(key) })).json()
      .permissions;
  const user = (role: Role) =>
    t.app.access.createUser(
      systemContext,
      { email: `u${++n}@example.com`, name: `u${n}`, role, password: PASSWORD },
      everyPermission,
    );

  it('a key scoped to apikeys:write cannot make an unscoped admin key', async () => {
    const narrow = await t.key('admin', ['apikeys:write']);
    const res = await post(narrow, '/api-keys', { name: 'x', role: 'admin' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('GRANT_EXCEEDS_OWN');
    expect(res.json().permissions).toContain('users:write');
    // What it holds, it may hand on.
    const same = await post(narrow, '/api-keys', { name: 'y', role: 'admin', scopes: ['apikeys:write'] });
    expect(same.statusCode).toBe(201);
    expect(await me(same.json().key)).toEqual(['apikeys:write']);
  });

  it('a key scoped to users:write cannot make an admin user, nor take one over', async () => {
    const narrow = await t.key('admin', ['users:write']);
    const res = await post(narrow, '/users', {
      email: 'evil@example.com',
      name: 'evil',
      role: 'admin',
      password: PASSWORD,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('GRANT_EXCEEDS_OWN');
    const admin = await user('admin');
    const takeover = await patch(narrow, `/users/${admin.id}`, { password: 'another horse battery 7' });
    expect(takeover.statusCode).toBe(403);
    const promote = await user('agent');
    expect((await patch(narrow, `/users/${promote.id}`, { role: 'admin' })).statusCode).toBe(403);
    expect((await t.app.access.listUsers()).find((u) => u.id === promote.id)?.role).toBe('agent');
  });

  it('rejects scopes outside the role, naming them', async () => {
    const admin = await t.key('admin');
    const res = await post(admin, '/api-keys', {
      name: 'z',
      role: 'agent',
      scopes: ['screen', 'users:write'],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('SCOPE_OUTSIDE_ROLE');
    expect(res.json().scopes).toEqual(['users:write']);
    expect(res.json().errors).toEqual([
      { field: '/scopes/1', message: expect.stringContaining('users:write') },
    ]);
    expect((await t.app.access.listApiKeys()).some((k) => k.name === 'z')).toBe(false);
  });

  it('never disables or demotes the last active admin, whoever asks', async () => {
    const fresh = await startTestApp(dialect);
    try {
      const only = await fresh.app.access.createUser(
        systemContext,
        { email: 'root@example.com', name: 'root', role: 'admin', password: PASSWORD },
        everyPermission,
      );
      const key = await fresh.key('admin');
      const call = (id: string, body: object) =>
        fresh.server.inject({
          method: 'PATCH',
          url: `/api/v1/users/${id}`,
          headers: bearer(key),
          payload: body,
        });
      for (const body of [{ disabled: true }, { role: 'supervisor' }]) {
        const res = await call(only.id, body);
        expect(res.statusCode).toBe(409);
        expect(res.json().code).toBe('LAST_ADMIN');
      }
      // With a second admin, one may go; then the other is the last.
      const second = await fresh.app.access.createUser(
        systemContext,
        { email: 'two@example.com', name: 'two', role: 'admin', password: PASSWORD },
        everyPermission,
      );
      expect((await call(only.id, { disabled: true })).statusCode).toBe(200);
      expect((await call(second.id, { role: 'agent' })).json().code).toBe('LAST_ADMIN');
      // Both at once: exactly one of two concurrent demotions can win.
      await call(only.id, { disabled: false });
      const both = await Promise.all([call(only.id, { role: 'agent' }), call(second.id, { role: 'agent' })]);
      expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const admins = (await fresh.app.access.listUsers()).filter((u) => u.role === 'admin' && !u.disabled);
      expect(admins).toHaveLength(1);
    } finally {
      await fresh.close();
    }
  });

  it('property: no key or user made through the API holds more than its creator', async () => {
    const seed = 20261205;
    const rnd = random(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
    const subset = <T>(xs: readonly T[], p: number): T[] => xs.filter(() => rnd() < p);
    const writers: Permission[] = ['apikeys:write', 'users:write'];
    let granted = 0;
    let refused = 0;
    const agent = await user('agent');
    await user('admin'); // so the agent, once promoted, is never the last admin
    for (let i = 0; i < 100; i++) {
      // Only admins hold apikeys:write or users:write; others are asked too, less often.
      const creatorRole = rnd() < 0.7 ? 'admin' : pick(roles);
      // Creators that can write keys or users at all, scoped or not.
      const base = [...rolePermissions[creatorRole]];
      const scopes =
        rnd() < 0.3 ? [] : [...new Set([...subset(base, 0.5), ...writers.filter((w) => base.includes(w))])];
      const creator = await t.key(creatorRole, scopes);
      const holds = effectivePermissions(creatorRole, scopes);
      const label = `seed ${seed} case ${i}: ${creatorRole} [${scopes.join(',')}]`;

      const targetRole = pick(roles);
      const shape = rnd();
      const targetScopes =
        shape < 0.3
          ? []
          : shape < 0.8
            ? subset([...rolePermissions[targetRole]], 0.4)
            : subset(permissions, 0.2);
      const made = await post(creator, '/api-keys', {
        name: `p${i}`,
        role: targetRole,
        scopes: targetScopes,
      });
      const wanted = effectivePermissions(targetRole, targetScopes);
      const inRole = targetScopes.every((s) => rolePermissions[targetRole].has(s));
      const within = [...wanted].every((p) => holds.has(p));
      if (made.statusCode === 201) {
        granted++;
        const got = await me(made.json().key);
        expect(
          got.filter((p) => !holds.has(p as Permission)),
          label,
        ).toEqual([]);
      } else refused++;
      // Refused exactly when it would escalate (or could not write keys at all).
      expect(made.statusCode === 201, label).toBe(holds.has('apikeys:write') && inRole && within);

      // A weak password: the grant is decided first (403), and an allowed grant then
      // stops at the password (400) without paying for an scrypt hash per case.
      const userRole = pick(roles);
      const madeUser = await post(creator, '/users', {
        email: `p${i}@example.com`,
        name: `p${i}`,
        role: userRole,
        password: 'short',
      });
      const userWithin = [...rolePermissions[userRole]].every((p) => holds.has(p));
      expect(madeUser.statusCode !== 403, `${label} → user ${userRole}`).toBe(
        holds.has('users:write') && userWithin,
      );
      if (madeUser.statusCode !== 403) expect(madeUser.json().code).toBe('WEAK_PASSWORD');

      const newRole = pick(roles);
      const changed = await patch(creator, `/users/${agent.id}`, { role: newRole });
      const roleWithin = [...rolePermissions[newRole]].every((p) => holds.has(p));
      const agentWithin = [...rolePermissions.agent].every((p) => holds.has(p));
      expect(changed.statusCode === 200, `${label} → agent to ${newRole}`).toBe(
        holds.has('users:write') && roleWithin && agentWithin,
      );
      if (changed.statusCode === 200) {
        await t.app.access.updateUser(systemContext, agent.id, { role: 'agent' }, everyPermission);
      }
    }
    // One real creation: the user it makes signs in with no more than the creator holds.
    const supervisorKey = await t.key('admin', ['users:write', ...rolePermissions.supervisor]);
    const made = await post(supervisorKey, '/users', {
      email: 'made@example.com',
      name: 'made',
      role: 'supervisor',
      password: PASSWORD,
    });
    expect(made.statusCode).toBe(201);
    const login = await t.server.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'made@example.com', password: PASSWORD },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0] as string;
    const mine = await t.server.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(mine.json().permissions.sort()).toEqual([...rolePermissions.supervisor].sort());
    // The cases cover both answers.
    expect(granted).toBeGreaterThan(5);
    expect(refused).toBeGreaterThan(5);
  });
});
