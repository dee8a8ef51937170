/**
 * The console's door to `/api/v1`: same-origin fetch with the session cookie,
 * JSON in and out, and problem+json errors turned into `ApiError`.
 */

// One list of permissions and roles for the server and the console.
export {
  isRole,
  type Permission,
  permissions,
  type Role,
  rolePermissions,
  roles,
} from '../../src/access/permissions.js';

import type { Permission, Role } from '../../src/access/permissions.js';
import { client, unwrap } from './api/client';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: string | null;
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface ApiKey {
  id: string;
  name: string;
  role: Role;
  scopes: string[];
  prefix: string;
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface Me {
  user: User | null;
  apiKey: ApiKey | null;
  permissions: string[];
}

export interface AuditRecord {
  seq: number;
  id: string;
  at: string;
  /** `name`: the user's or API key's name, as the server found it. */
  actor: { type: string; id: string | null; role: string | null; name?: string };
  action: string;
  /**
   * `label`: the subject in words (a name, a complaint reference, a customer with masked contact, an
   * entry's masked identifier) where found; `category` an entry's category key; `labelCode` an alert's title coded.
   */
  target: {
    type: string | null;
    id: string | null;
    label?: string;
    category?: string;
    labelCode?: { code: string; params: Record<string, unknown> };
  };
  requestId: string | null;
  summary: Record<string, unknown>;
  hash: string;
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  head: { seq: number; hash: string } | null;
  firstBroken: { seq: number; reason: string } | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface FieldError {
  /** JSON pointer of the offending field, e.g. `/password` or `/body/email`. */
  field: string;
  message: string;
}

/** A failed call: the problem+json body's `code`, `detail` and field `errors`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors: FieldError[];
  readonly requestId: string | null;
  readonly retryAfter: number | null;
  /** INVALID_IDENTIFIER: which identifier and what is wrong, coded (`INVALID_PHONE`, `{ problem: 'too_short' }`). */
  readonly identifier: { code: string; params: Record<string, unknown> } | null;

  constructor(init: {
    status: number;
    code: string;
    detail: string;
    errors?: FieldError[];
    requestId?: string | null;
    retryAfter?: number | null;
    identifier?: { code: string; params: Record<string, unknown> } | null;
  }) {
    super(`${init.status} ${init.code}: ${init.detail}`);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.identifier = init.identifier ?? null;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.requestId = init.requestId ?? null;
    this.retryAfter = init.retryAfter ?? null;
  }
}

/** Status 0: the request never got an answer (offline, server down). */
export const NETWORK_ERROR = 'NETWORK_ERROR';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

async function toApiError(res: Response): Promise<ApiError> {
  const type = res.headers.get('content-type') ?? '';
  let body: unknown = null;
  if (type.includes('json')) body = await res.json().catch(() => null);
  return apiErrorFrom(res, body);
}

/** A failed answer and its parsed body (problem+json, or anything else) as an `ApiError`. */
export function apiErrorFrom(res: Response, body: unknown): ApiError {
  if (isRecord(body) && typeof body.code === 'string') {
    const errors = Array.isArray(body.errors)
      ? body.errors.filter(
          (e): e is FieldError => isRecord(e) && typeof e.field === 'string' && typeof e.message === 'string',
        )
      : [];
    return new ApiError({
      status: res.status,
      code: body.code,
      detail: typeof body.detail === 'string' ? body.detail : res.statusText,
      errors,
      requestId: typeof body.requestId === 'string' ? body.requestId : res.headers.get('x-request-id'),
      retryAfter: typeof body.retryAfter === 'number' ? body.retryAfter : null,
      identifier:
        isRecord(body.identifier) &&
        typeof body.identifier.code === 'string' &&
        isRecord(body.identifier.params)
          ? { code: body.identifier.code, params: body.identifier.params }
          : null,
    });
  }
  return new ApiError({
    status: res.status,
    code: `HTTP_${res.status}`,
    detail: res.statusText || `HTTP ${res.status}`,
    requestId: res.headers.get('x-request-id'),
  });
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError({
      status: 0,
      code: NETWORK_ERROR,
      detail: err instanceof Error ? err.message : String(err),
    });
  }
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** Builds `?a=1&b=2` from the defined values only. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

// The calls the console makes, one line each, so pages read as what they do.
// Typed by the generated client (./api/client.ts): User and Me must agree with the routes' answers.
export const auth = {
  me: (): Promise<Me> => unwrap(client.GET('/api/v1/auth/me')),
  setupStatus: (): Promise<{ needsSetup: boolean }> => unwrap(client.GET('/api/v1/auth/setup')),
  setup: (input: { token: string; email: string; name: string; password: string }): Promise<{ user: User }> =>
    unwrap(client.POST('/api/v1/auth/setup', { body: input })),
  login: (input: { email: string; password: string }): Promise<{ user: User; expiresAt: string }> =>
    unwrap(client.POST('/api/v1/auth/login', { body: input })),
  logout: (): Promise<void> => unwrap(client.POST('/api/v1/auth/logout')).then(() => undefined),
};

/** Someone a complaint can go to (`users:assignable`): no e-mail, no administration. */
export interface AssignableUser {
  id: string;
  name: string;
  role: Role;
}

export const users = {
  list: (): Promise<{ items: User[] }> => unwrap(client.GET('/api/v1/users')),
  assignable: (): Promise<{ items: AssignableUser[] }> => unwrap(client.GET('/api/v1/users/assignable')),
  create: (input: { email: string; name: string; role: Role; password: string }): Promise<User> =>
    unwrap(client.POST('/api/v1/users', { body: input })),
  update: (
    id: string,
    patch: { role?: Role; disabled?: boolean; name?: string; password?: string },
  ): Promise<User> => unwrap(client.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body: patch })),
};

export const apiKeys = {
  list: (): Promise<{ items: ApiKey[] }> => unwrap(client.GET('/api/v1/api-keys')),
  create: (input: {
    name: string;
    role: Role;
    scopes?: Permission[];
  }): Promise<{ key: string; apiKey: ApiKey }> => unwrap(client.POST('/api/v1/api-keys', { body: input })),
  revoke: (id: string): Promise<ApiKey> =>
    unwrap(client.DELETE('/api/v1/api-keys/{id}', { params: { path: { id } } })),
};

export const audit = {
  list: (params: { limit?: number; cursor?: string | null; action?: string }): Promise<Page<AuditRecord>> =>
    unwrap(
      client.GET('/api/v1/audit', {
        params: {
          query: {
            ...(params.limit !== undefined ? { limit: params.limit } : {}),
            ...(params.cursor ? { cursor: params.cursor } : {}),
            ...(params.action ? { action: params.action } : {}),
          },
        },
      }),
    ),
  verify: (): Promise<ChainReport> => unwrap(client.GET('/api/v1/audit/verify')),
};
