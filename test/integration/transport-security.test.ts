import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/access/audit.js';
import { everyPermission } from '../../src/access/permissions.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

/**
 * HSTS, `upgrade-insecure-requests` and the cookie's `Secure` belong to https
 * only: over plain HTTP they leave a blank console (every script is fetched
 * over an https that is not there). Real sockets, so the proxy trust is real.
 */
const email = 'transport.admin@example.com';
const password = 'correct horse transport 42';

async function listening(env: Record<string, string>): Promise<{ t: TestApp; base: string }> {
  const t = await startTestApp('sqlite', { env });
  await t.app.access.createUser(
    systemContext,
    { email, name: 'Transport', role: 'admin', password },
    everyPermission,
  );
  await t.server.listen({ port: 0, host: '127.0.0.1' });
  const address = t.server.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { t, base: `http://127.0.0.1:${address.port}` };
}

async function login(base: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email, password }),
  });
}

describe('transport security over plain HTTP, no trusted proxy', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => ({ t, base } = await listening({})));
  afterAll(async () => t?.close());

  it('sends neither HSTS nor upgrade-insecure-requests, even when a client claims https', async () => {
    for (const headers of [{}, { 'x-forwarded-proto': 'https' }] as Record<string, string>[]) {
      const res = await fetch(`${base}/healthz`, { headers });
      expect(res.headers.get('strict-transport-security')).toBeNull();
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).not.toContain('upgrade-insecure-requests');
    }
  });

  it('sets the session cookie without Secure, so the browser keeps it over HTTP', async () => {
    const res = await login(base, { 'x-forwarded-proto': 'https' });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toContain('warden_session=');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).not.toMatch(/;\s*Secure/i);
  });
});

describe('transport security behind a trusted https proxy (WARDEN_TRUST_PROXY)', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => ({ t, base } = await listening({ WARDEN_TRUST_PROXY: '127.0.0.1' })));
  afterAll(async () => t?.close());

  it('sends HSTS and upgrade-insecure-requests when the proxy says https', async () => {
    const res = await fetch(`${base}/healthz`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(res.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
  });

  it('still sends neither when the proxy forwards plain http', async () => {
    const res = await fetch(`${base}/healthz`, { headers: { 'x-forwarded-proto': 'http' } });
    expect(res.headers.get('strict-transport-security')).toBeNull();
    expect(res.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
  });

  it('marks the session cookie Secure over https and not over http', async () => {
    const overHttps = await login(base, { 'x-forwarded-proto': 'https' });
    expect(overHttps.status).toBe(200);
    expect(overHttps.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    const overHttp = await login(base);
    expect(overHttp.status).toBe(200);
    expect(overHttp.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
  });
});

describe('a proxy that is not the trusted one', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => ({ t, base } = await listening({ WARDEN_TRUST_PROXY: '10.0.0.1' })));
  afterAll(async () => t?.close());

  it('is not believed', async () => {
    const res = await fetch(`${base}/healthz`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(res.headers.get('strict-transport-security')).toBeNull();
    expect((await login(base, { 'x-forwarded-proto': 'https' })).headers.get('set-cookie')).not.toMatch(
      /;\s*Secure/i,
    );
  });
});
