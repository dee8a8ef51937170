import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../core/config.js';

describe('notification settings', () => {
  it('leaves every channel off by default', () => {
    expect(loadConfig({}).notify).toEqual({
      smtp: null,
      webhook: null,
      sms: null,
      alertEmails: [],
      alertLocale: 'zh-CN',
    });
  });

  it('reads channels and the alert recipients', () => {
    const c = loadConfig({
      WARDEN_SMTP_URL: 'smtp://u:p@mail.example:587',
      WARDEN_SMTP_FROM: 'Warden <warden@example.com>',
      WARDEN_WEBHOOK_URL: 'https://hooks.example/warden',
      WARDEN_WEBHOOK_SECRET: 'whsec_0123456789abcdef',
      WARDEN_SMS_URL: 'http://sms-adapter:8080/send',
      WARDEN_ALERT_EMAILS: 'ops@example.com， lead@example.com',
      WARDEN_ALERT_LOCALE: 'en',
    }).notify;
    expect(c).toEqual({
      smtp: { url: 'smtp://u:p@mail.example:587', from: 'Warden <warden@example.com>' },
      webhook: { url: 'https://hooks.example/warden', secret: 'whsec_0123456789abcdef' },
      sms: { url: 'http://sms-adapter:8080/send', token: null },
      alertEmails: ['ops@example.com', 'lead@example.com'],
      alertLocale: 'en',
    });
  });

  it.each([
    [{ WARDEN_SMTP_URL: 'smtp://mail.example' }, 'WARDEN_SMTP_FROM'],
    [{ WARDEN_WEBHOOK_URL: 'https://hooks.example/' }, 'WARDEN_WEBHOOK_SECRET'],
    [{ WARDEN_WEBHOOK_URL: 'https://h/', WARDEN_WEBHOOK_SECRET: 'short' }, 'WARDEN_WEBHOOK_SECRET'],
    [{ WARDEN_SMTP_URL: 'http://mail.example' }, 'WARDEN_SMTP_URL'],
    [{ WARDEN_ALERT_EMAILS: 'ops@example.com,nobody' }, 'WARDEN_ALERT_EMAILS'],
  ])('stops on %o naming %s', (env, variable) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
  });

  it('never echoes a secret value in the error', () => {
    expect(() => loadConfig({ WARDEN_SMTP_URL: 'ftp://user:hunter22@mail' })).toThrow('(value hidden)');
  });
});
