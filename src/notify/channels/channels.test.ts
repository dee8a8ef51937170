import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF_MS } from '../outbox.js';
import { describeFailure, urlSecrets } from './transport.js';
import { signWebhook, verifyWebhookSignature } from './webhook.js';

const secret = 'whsec_0123456789abcdef';
const now = Date.parse('2026-11-23T08:00:00Z');
const ts = String(now / 1000);
const body = '{"id":"ntf_1","event":"alert.raised"}';

describe('webhook signatures', () => {
  it('signs "<timestamp>.<body>" with HMAC-SHA-256 as sha256=<hex>', () => {
    // Known answer, so a receiver in any language can check its own implementation.
    // Known answer (openssl dgst -sha256 -hmac key), so receivers can check their own code.
    expect(signWebhook('key', '1700000000', '{}')).toBe(
      'sha256=9d713ed406bb7076d4123f0dc2c39d2df5c654ed4b0cd56b52c8b4c940bd63ae',
    );
    expect(signWebhook(secret, ts, body)).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it.each([
    ['the exact request', secret, ts, body, true],
    ['a changed body', secret, ts, body.replace('ntf_1', 'ntf_2'), false],
    ['another timestamp', secret, String(now / 1000 + 1), body, false],
    ['another secret', 'whsec_fedcba9876543210', ts, body, false],
  ])('verifies %s → %s', (_, key, timestamp, b, ok) => {
    expect(verifyWebhookSignature(key, timestamp, b, signWebhook(secret, ts, body), { now })).toBe(ok);
  });

  it.each([
    ['no prefix', (s: string) => s.slice('sha256='.length)],
    ['upper-case hex', (s: string) => s.toUpperCase()],
    ['truncated', (s: string) => s.slice(0, -2)],
    ['empty', () => ''],
  ])('rejects a malformed header: %s', (_, mangle) => {
    expect(verifyWebhookSignature(secret, ts, body, mangle(signWebhook(secret, ts, body)), { now })).toBe(
      false,
    );
  });

  it('rejects a replay outside the tolerance unless told not to check', () => {
    const sig = signWebhook(secret, ts, body);
    expect(verifyWebhookSignature(secret, ts, body, sig, { now: now + 299_000 })).toBe(true);
    expect(verifyWebhookSignature(secret, ts, body, sig, { now: now + 301_000 })).toBe(false);
    expect(
      verifyWebhookSignature(secret, ts, body, sig, { now: now + 86_400_000, toleranceSeconds: Infinity }),
    ).toBe(true);
    expect(verifyWebhookSignature(secret, 'abc', body, sig, { now })).toBe(false);
  });
});

describe('retry schedule', () => {
  it.each([
    [1, 5_000],
    [2, 30_000],
    [3, 120_000],
    [4, 600_000],
    [5, 3_600_000],
    [9, 3_600_000],
  ])('waits after failed attempt %i: %i ms', (attempt, ms) => {
    expect(backoffDelay(attempt, DEFAULT_BACKOFF_MS)).toBe(ms);
  });
});

describe('stored failure text', () => {
  it('includes causes and hides secrets and the recipient', () => {
    const err = new Error('fetch failed', {
      cause: new Error('connect ECONNREFUSED https://hooks.example/x?token=s3cr3t-token'),
    });
    expect(describeFailure(err, ['s3cr3t-token'])).toBe(
      'fetch failed: connect ECONNREFUSED https://hooks.example/x?token=***',
    );
    expect(
      describeFailure(new Error('550 5.1.1 <li.lei@example.com>: Recipient address rejected'), [
        'li.lei@example.com',
      ]),
    ).toBe('550 5.1.1 <***>: Recipient address rejected');
    expect(describeFailure(new Error('x'.repeat(900)), []).length).toBe(500);
  });

  it('finds credentials in URLs', () => {
    expect(urlSecrets('smtp://warden%40corp:p%40ss-word@mail.example:587')).toEqual([
      'warden@corp',
      'p@ss-word',
    ]);
    expect(urlSecrets('https://sms.example/send?key=abc123&x=1')).toEqual(['abc123']);
  });
});
