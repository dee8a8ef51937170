import type { FastifyInstance, RouteOptions } from 'fastify';
import { SESSION_COOKIE } from '../access/service.js';
import { type ErrorCode, errorCatalog } from '../core/errors.js';
import type { RouteAccess } from './auth.js';
import { PROBLEM_CONTENT_TYPE } from './problem.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Error codes this route answers beyond the ones every route of its kind
     * can give (validation, authentication, permission, not found for path
     * parameters, body size and type, database down). The document lists each
     * code's status with the shared Problem schema, e.g.
     * `problems: ['BLOCKLIST_ENTRY_EXISTS', 'CONFIRMATION_REQUIRED']` → 409 and 428.
     */
    problems?: readonly ErrorCode[];
  }
}

/** Session cookie (console) OR bearer API key: either one is enough. */
export const PROTECTED_SECURITY = [{ cookieAuth: [] }, { bearerAuth: [] }];

export const securitySchemes = {
  cookieAuth: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'The console session, set by `POST /api/v1/auth/login`',
  },
  bearerAuth: {
    type: 'http',
    scheme: 'bearer',
    description:
      'An API key, `Authorization: Bearer wdn_…` (made in the console or with `warden apikeys create`)',
  },
} as const;

/** Methods whose requests Fastify reads a body for: malformed JSON, too large, wrong type. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const problemRef = { $ref: 'Problem#' };

interface ResponseSchema {
  description?: string;
  content?: Record<string, { schema: unknown }>;
  [key: string]: unknown;
}

/**
 * The codes each kind of route can answer without saying so itself, by status.
 * Derived from the route: its access (public, any caller, a permission), its
 * schema parts, its path parameters and its method.
 */
export function inferredProblems(route: {
  method: string;
  url: string;
  access: RouteAccess | undefined;
  hasInput: boolean;
}): ErrorCode[] {
  const codes: ErrorCode[] = [];
  const body = BODY_METHODS.has(route.method);
  if (route.hasInput || body) codes.push('VALIDATION_FAILED');
  if (body) codes.push('MALFORMED_JSON', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE');
  // Public routes still refuse a malformed or unknown bearer key.
  codes.push('UNAUTHENTICATED');
  if (route.access !== 'public' && route.access !== 'authenticated') codes.push('FORBIDDEN');
  if (route.url.includes('/:')) codes.push('NOT_FOUND');
  codes.push('SERVICE_UNAVAILABLE', 'DATABASE_UNAVAILABLE');
  return codes;
}

function problemResponse(codes: readonly ErrorCode[]): ResponseSchema {
  const lines = codes.map((c) => `\`${c}\`: ${errorCatalog[c].title}`);
  return {
    description: lines.join('; '),
    content: { [PROBLEM_CONTENT_TYPE.split(';')[0] as string]: { schema: problemRef } },
  };
}

interface ParamsSchema {
  properties?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

/**
 * A path segment cannot be empty, `.` or `..` (the URL would name another
 * route, or none): say so in every string path parameter, for the validator
 * and the document alike. Copies, since route files share schema pieces.
 */
function nonEmptyPathParams(params: ParamsSchema): ParamsSchema {
  if (!params.properties) return params;
  const properties: Record<string, Record<string, unknown>> = {};
  for (const [name, p] of Object.entries(params.properties)) {
    properties[name] =
      p.type === 'string'
        ? {
            ...p,
            minLength: Math.max(1, Number(p.minLength ?? 1)),
            ...(p.pattern === undefined ? { not: { enum: ['.', '..'] } } : {}),
          }
        : p;
  }
  return { ...params, properties };
}

/**
 * The serializer (fast-json-stringify) writes only the properties a response
 * schema names, so an object schema without `additionalProperties` really
 * answers with no others: say so (`false`) so clients may rely on it. Not
 * inside anyOf/oneOf/allOf, where each branch sees only part of the object
 * (and the serializer picks a branch by validating against it). Copies.
 */
export function closedObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closedObjects);
  if (!schema || typeof schema !== 'object') return schema;
  const s = schema as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === 'anyOf' || k === 'oneOf' || k === 'allOf') {
      out[k] = (v as unknown[]).map((branch) => branchOf(branch));
    } else if (k === 'properties' && v && typeof v === 'object') {
      out[k] = Object.fromEntries(Object.entries(v).map(([name, p]) => [name, closedObjects(p)]));
    } else if (k === 'items' || k === 'additionalProperties' || k === 'patternProperties') {
      out[k] =
        k === 'patternProperties' && v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([name, p]) => [name, closedObjects(p)]))
          : closedObjects(v);
    } else out[k] = v;
  }
  if (s.type === 'object' && s.properties && s.additionalProperties === undefined && !s.patternProperties)
    out.additionalProperties = false;
  return out;
}

/** Inside a combinator the branch itself stays open; what it contains is closed. */
function branchOf(branch: unknown): unknown {
  if (!branch || typeof branch !== 'object') return branch;
  const closed = closedObjects(branch) as Record<string, unknown>;
  if ((branch as Record<string, unknown>).additionalProperties === undefined)
    delete closed.additionalProperties;
  return closed;
}

/**
 * Makes every documented route say what it does, from one place: security as
 * alternatives (cookie OR bearer) or none for public routes, and each
 * problem+json status the route can answer with the shared Problem schema.
 * Must run before the routes are added (an onRoute hook on the root).
 */
export function registerOpenApiContract(server: FastifyInstance): void {
  server.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url.startsWith('/api/')) return;
    const schema = (route.schema ?? {}) as Record<string, unknown> & { hide?: boolean };
    if (schema.hide) return;
    route.schema = schema;
    const access = (route.config as { access?: RouteAccess } | undefined)?.access;
    const declared = (route.config as { problems?: readonly ErrorCode[] } | undefined)?.problems ?? [];
    schema.security = access === 'public' ? [] : PROTECTED_SECURITY;

    if (schema.params) schema.params = nonEmptyPathParams(schema.params as ParamsSchema);
    const method = [route.method].flat()[0] ?? 'GET';
    const hasInput = Boolean(schema.querystring || schema.params || schema.body || schema.headers);
    const codes = [
      ...inferredProblems({ method: String(method), url: route.url, access, hasInput }),
      ...declared,
    ];
    const byStatus = new Map<number, ErrorCode[]>();
    for (const code of codes) {
      const status = errorCatalog[code].status;
      const list = byStatus.get(status) ?? [];
      if (!list.includes(code)) list.push(code);
      byStatus.set(status, list);
    }
    const response: Record<string, ResponseSchema> = {};
    for (const [status, r] of Object.entries((schema.response ?? {}) as Record<string, ResponseSchema>))
      response[status] = status.startsWith('2') ? (closedObjects(r) as ResponseSchema) : r;
    // A route without a documented success says so rather than a made-up 200 body.
    if (!Object.keys(response).some((s) => s.startsWith('2'))) {
      response['2xx'] = { description: 'Success; the body is not described' };
    }
    for (const [status, list] of [...byStatus].sort((a, b) => a[0] - b[0])) {
      if (response[String(status)] === undefined) response[String(status)] = problemResponse(list);
    }
    schema.response = response;
  });
}
