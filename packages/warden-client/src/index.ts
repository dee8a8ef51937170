/**
 * warden-client: a typed client for Warden's `/api/v1`, openapi-fetch over the
 * types generated from the server's own OpenAPI document (`npm run openapi` in
 * the Warden repository writes ./schema.ts). Every path, parameter, body and
 * answer is checked by the TypeScript compiler.
 *
 * @example
 * const warden = createWardenClient({ baseUrl: 'http://127.0.0.1:8080', apiKey: process.env.WARDEN_API_KEY });
 * const { data, error } = await warden.POST('/api/v1/screen', {
 *   body: { channel: 'sms', from: { phone: '+8613800138000' }, text: '你们再不退款我就去12315投诉' },
 * });
 */
import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { paths } from './schema.js';

export type { components, operations, paths, webhooks } from './schema.js';

export type WardenClient = Client<paths>;

export interface WardenClientOptions {
  /** Where Warden listens, e.g. `http://127.0.0.1:8080`; `''` for same-origin (the console). */
  baseUrl: string;
  /** An API key (`wdn_…`), sent as `Authorization: Bearer …`. Without it, the session cookie is used. */
  apiKey?: string | undefined;
  /** Cookie mode (browsers): `same-origin` by default, `include` for another origin. */
  credentials?: RequestCredentials;
  /** Another fetch (tests, proxies); the global one by default. */
  fetch?: ClientOptions['fetch'];
  /** Extra headers on every request. */
  headers?: Record<string, string>;
}

/** A client authenticated by API key (servers, integrations) or by the session cookie (a browser). */
export function createWardenClient(options: WardenClientOptions): WardenClient {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
  return createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/$/, ''),
    credentials: options.credentials ?? 'same-origin',
    headers,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

/** The problem+json body of every error answer (RFC 9457, with a stable `code`). */
export type Problem = import('./schema.js').components['schemas']['Problem'];
