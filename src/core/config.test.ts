import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('gives the embedded defaults with no variables', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      defaultRegion: 'CN',
      databaseUrl: undefined,
      logLevel: 'info',
      publicUrl: 'http://localhost:8080',
    });
    expect(c.dataDir).toMatch(/\/data$/);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('reads every variable', () => {
    const c = loadConfig({
      WARDEN_PORT: '9000',
      WARDEN_HOST: '0.0.0.0',
      WARDEN_DATA_DIR: '/tmp/w',
      WARDEN_DATABASE_URL: 'postgres://u@h/db',
      WARDEN_REDIS_URL: 'redis://h:6379',
      WARDEN_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
      WARDEN_DEFAULT_REGION: 'HK',
      WARDEN_ADMIN_EMAIL: 'a@b.co',
      WARDEN_ADMIN_PASSWORD: 'long-enough-1',
      WARDEN_LOG_LEVEL: 'debug',
    });
    expect(c).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      dataDir: '/tmp/w',
      defaultRegion: 'HK',
      logLevel: 'debug',
      publicUrl: 'http://localhost:9000',
    });
  });

  it.each([
    ['WARDEN_PORT', 'eighty'],
    ['WARDEN_PORT', '70000'],
    ['WARDEN_DATABASE_URL', 'mysql://x'],
    ['WARDEN_REDIS_URL', 'http://x'],
    ['WARDEN_MASTER_KEY', 'short'],
    ['WARDEN_DEFAULT_REGION', 'china'],
    ['WARDEN_DEFAULT_REGION', 'XX'],
    ['WARDEN_LOG_LEVEL', 'loud'],
    ['WARDEN_ADMIN_PASSWORD', 'short'],
  ])('stops on a bad %s and names it', (variable, value) => {
    let error: unknown;
    try {
      loadConfig({ [variable]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as Error).message).toContain(variable);
  });

  it('never echoes a secret in the error', () => {
    expect(() => loadConfig({ WARDEN_ADMIN_PASSWORD: 'abc' })).toThrow(/value hidden/);
    try {
      loadConfig({ WARDEN_ADMIN_PASSWORD: 'abc' });
    } catch (e) {
      expect((e as Error).message).not.toContain('abc"');
    }
  });

  it('reads WARDEN_TRUST_PROXY as Fastify trustProxy: none, all, hops or addresses', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ WARDEN_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ WARDEN_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ WARDEN_TRUST_PROXY: '10.0.0.1, 192.168.0.0/16' }).trustProxy).toEqual([
      '10.0.0.1',
      '192.168.0.0/16',
    ]);
    expect(() => loadConfig({ WARDEN_TRUST_PROXY: 'yes please' })).toThrow(/WARDEN_TRUST_PROXY/);
  });
});
