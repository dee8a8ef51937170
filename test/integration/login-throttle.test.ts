import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { systemContext } from '../../src/access/audit.js';
import { everyPermission } from '../../src/access/permissions.js';
import { dialects, freshPostgresDatabase, startTestApp, type TestApp } from '../helpers/app.js';

const PASSWORD = 'correct horse battery 9';

const login = (t: TestApp, email: string, password: string, remoteAddress = '127.0.0.1') =>
  t.server.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress,
    payload: { email, password },
  });

/** How many wrong passwords were actually checked: each one leaves an audit row. */
async function checkedFailures(t: TestApp): Promise<number> {
  const page = await t.app.audit.list({ limit: 500, action: 'auth.login_failed' });
  return page.items.length;
}

describe.each(dialects())('the login throttle (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    await t.app.access.createUser(
      systemContext,
      { email: 'li@example.com', name: 'Li', role: 'agent', password: PASSWORD },
      everyPermission,
    );
  });
  afterAll(async () => t?.close());

  it('checks at most 5 of 30 parallel wrong passwords; the rest are 429 without a check', async () => {
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => login(t, 'li@example.com', `wrong password ${i}`, '10.0.0.1')),
    );
    const codes = answers.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(25);
    const throttled = answers.find((r) => r.statusCode === 429);
    expect(throttled?.json().code).toBe('LOGIN_THROTTLED');
    expect(Number(throttled?.headers['retry-after'])).toBeGreaterThan(0);
    expect(await checkedFailures(t)).toBe(5);
    // The right password does not get through either while the e-mail is locked.
    expect((await login(t, 'li@example.com', PASSWORD, '10.0.0.2')).statusCode).toBe(429);
  }, 120_000);

  it('limits an address across e-mails, and a success clears its own counts', async () => {
    const before = await checkedFailures(t);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => login(t, `nobody${i}@example.com`, 'wrong password', '10.0.0.9')),
    );
    expect(answers.filter((r) => r.statusCode === 401)).toHaveLength(5);
    expect(answers.filter((r) => r.statusCode === 429)).toHaveLength(3);
    expect((await checkedFailures(t)) - before).toBe(5);
    // Another address is not held back by this one.
    const fresh = await t.app.access.createUser(
      systemContext,
      { email: 'wang@example.com', name: 'Wang', role: 'agent', password: PASSWORD },
      everyPermission,
    );
    for (let i = 0; i < 4; i++) await login(t, fresh.email, 'wrong password', '10.0.0.20');
    expect((await login(t, fresh.email, PASSWORD, '10.0.0.20')).statusCode).toBe(200);
    // The success cleared the e-mail's and the address's counts: a sixth attempt is checked again.
    expect((await login(t, fresh.email, 'wrong password', '10.0.0.20')).statusCode).toBe(401);
  }, 120_000);
});

describe.runIf(Boolean(inject('pgUrl') && inject('redisUrl')))('the login throttle on two nodes', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    const env = {
      WARDEN_DATABASE_URL: await freshPostgresDatabase(),
      WARDEN_REDIS_URL: inject('redisUrl'),
      WARDEN_MASTER_KEY: randomBytes(32).toString('base64'),
    };
    a = await startTestApp('postgres', { env });
    b = await startTestApp('postgres', { env });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('counts attempts on both nodes against one limit', async () => {
    const email = `cluster-${randomBytes(4).toString('hex')}@example.com`;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        login(i % 2 === 0 ? a : b, email, 'wrong password', `10.1.0.${i + 1}`),
      ),
    );
    expect(answers.filter((r) => r.statusCode === 401)).toHaveLength(5);
    expect(answers.filter((r) => r.statusCode === 429)).toHaveLength(15);
    // Both nodes write to one audit log: five checks in all.
    expect(await checkedFailures(a)).toBe(5);
  });
});
