import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../helpers/app.js';
import {
  arbitraryFor,
  invalidCandidates,
  type JsonSchema,
  type Resolver,
  resolverFor,
} from '../helpers/schema-arbitrary.js';

/**
 * The OpenAPI document against the server that serves it. For every operation
 * in /openapi.json, seeded requests generated from its own schemas (fast-check,
 * arbitraries derived by test/helpers/schema-arbitrary.ts):
 * - valid ones must answer a documented status, never 5xx;
 * - invalid ones (a field off its schema, a missing required field, an unknown
 *   field, no credentials, a text body) must answer a documented 4xx
 *   problem+json and change nothing (the change feed does not move);
 * - every answer's status and body must validate against the document (Ajv).
 * Ids the server hands out are fed back into path parameters, so reads,
 * changes and deletes of real resources are tried too.
 */

// Ajv ships CommonJS; fastify already depends on it (and ajv-formats).
const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020').default as typeof import('ajv').default;
const addFormats = require('ajv-formats').default as (ajv: InstanceType<typeof Ajv2020>) => void;

const SEED = Number(process.env.CONTRACT_SEED ?? 20261205);
const VALID_RUNS = Number(process.env.CONTRACT_RUNS ?? 20);
const INVALID_RUNS = Math.ceil(VALID_RUNS / 2);

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema: JsonSchema;
}
interface MediaType {
  schema?: JsonSchema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, MediaType> };
  responses: Record<string, { description: string; content?: Record<string, MediaType> }>;
  security?: Record<string, string[]>[];
}
interface Document {
  openapi: string;
  paths: Record<string, Partial<Record<Lowercase<Method>, Operation>>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, unknown> };
  webhooks?: Record<string, unknown>;
}
interface Request {
  method: Method;
  url: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  payload?: string;
}
interface Case {
  op: string;
  kind: 'valid' | `invalid:${string}`;
  request: Request;
}

/**
 * Operations whose service checks rules across fields that JSON Schema cannot
 * state (their 400 VALIDATION_FAILED names each field): a schema-valid request
 * may still be refused there. Each entry is a known gap in the document, not a
 * licence: shrink this list when a rule moves into a schema.
 */
const CROSS_FIELD_RULES: Record<string, string> = {
  'POST /api/v1/blocklist': 'target, level, limit and channels are checked together by the blocklist service',
  'POST /api/v1/blocklist/categories': 'the category is checked as a whole by the blocklist service',
  'POST /api/v1/blocklist/{id}/exemptions': 'session or time window, and its bounds, are checked together',
  'POST /api/v1/rules': 'conditions and actions are checked by the rule compiler (src/rules/validate.ts)',
  'POST /api/v1/rules/trial': 'the rule is checked by the rule compiler',
  'PUT /api/v1/settings/complaints': 'the settings are checked as one document (src/settings/)',
  'PUT /api/v1/settings/opt-out': 'the settings are checked as one document (src/settings/)',
  'POST /api/v1/blocklist/{id}/release':
    'a free-text `reason`, or a `reasonCode` of the settings with `text` (`other` needs it), not both',
  'PUT /api/v1/settings/blocklist': 'the settings are checked as one document (src/settings/)',
  'POST /api/v1/winback': 'the template is a key of the `/settings/blocklist` win-back templates',
  'GET /api/v1/winback/stats': '`to` must be after `from`',
};

const ID_FIELD = /^(id|[a-z]+Id)$/;
/** Our own API key is never fed back: revoking it would end the run, not test anything. */
const KEEP_OUT = /^key_/;

describe('the OpenAPI document is the contract the server keeps', () => {
  let t: TestApp;
  let doc: Document;
  let resolve: Resolver;
  let auth: Record<string, string>;
  const strict = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
  const coercing = new Ajv2020({ strict: false, coerceTypes: 'array', validateFormats: true });
  addFormats(strict);
  addFormats(coercing);
  const compiled = new Map<unknown, ValidateFunction>();
  const validatorFor = (ajv: InstanceType<typeof Ajv2020>, schema: JsonSchema): ValidateFunction => {
    const key = ajv === strict ? schema : JSON.stringify(schema);
    let v = compiled.get(key);
    if (!v) {
      v = ajv.compile(rewriteRefs(schema) as object);
      compiled.set(key, v);
    }
    return v;
  };

  beforeAll(async () => {
    t = await startTestApp('sqlite');
    auth = bearer(await t.key('admin'));
    const res = await t.server.inject({ url: '/openapi.json' });
    doc = res.json() as Document;
    resolve = resolverFor(doc);
    const components = { $id: 'openapi.json', components: rewriteRefs(doc.components) } as object;
    strict.addSchema(components);
    coercing.addSchema(components);
  });
  afterAll(async () => t?.close());

  it('is OpenAPI 3.1 with both security schemes, the Problem schema and the webhooks', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['bearerAuth', 'cookieAuth']);
    const problem = doc.components.schemas.Problem as JsonSchema;
    expect((problem.properties?.code as JsonSchema | undefined)?.enum ?? []).toContain('VALIDATION_FAILED');
    expect(Object.keys(doc.webhooks ?? {})).toContain('alert.raised');
  });

  it('documents the success body of every operation (a schema, or 204 with none)', () => {
    const missing: string[] = [];
    for (const { method, path, op } of operations(doc)) {
      const ok = Object.entries(op.responses).filter(([s]) => s.startsWith('2'));
      const described =
        ok.length > 0 &&
        ok.every(([s, r]) => s === '204' || Object.values(r.content ?? {}).some((m) => m.schema));
      if (!described) missing.push(`${method} ${path}`);
    }
    expect(missing).toEqual([]);
  });

  it('says for every operation who may call it: public or session OR API key', () => {
    const wrong: string[] = [];
    for (const r of t.server.accessTable) {
      if (!r.url.startsWith('/api/') || r.method === 'HEAD') continue;
      const path = r.url.replace(/:([A-Za-z]+)/g, '{$1}');
      const op = doc.paths[path]?.[r.method.toLowerCase() as Lowercase<Method>];
      if (!op) {
        wrong.push(`${r.method} ${r.url} is not in the document`);
        continue;
      }
      const want = r.access === 'public' ? [] : [{ cookieAuth: [] }, { bearerAuth: [] }];
      if (JSON.stringify(op.security) !== JSON.stringify(want)) wrong.push(`${r.method} ${r.url}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers generated valid and invalid requests as documented, for every operation', async () => {
    const pool = new Set<string>();
    const failures = new Map<string, string>();
    let cases = 0;
    const started = Date.now();
    const ops = operations(doc);
    for (const [index, { method, path, op }] of ops.entries()) {
      const opName = `${method} ${path}`;
      const valid = fc.sample(requestArbitrary(method, path, op, resolve, [...pool]), {
        seed: SEED + index,
        numRuns: VALID_RUNS,
      });
      const invalid = fc
        .sample(requestArbitrary(method, path, op, resolve, [...pool]), {
          seed: SEED + 1000 + index,
          numRuns: INVALID_RUNS,
        })
        .map((r, i) => invalidate(r, i, op))
        .filter((c): c is [string, Request] => c !== null);
      const all: Case[] = [
        ...valid.map((request) => ({ op: opName, kind: 'valid' as const, request })),
        ...invalid.map(([kind, request]) => ({ op: opName, kind: `invalid:${kind}` as const, request })),
      ];
      for (const c of all) {
        cases++;
        const before = await t.app.feed.headVersion();
        const res = await t.server.inject({
          method: c.request.method,
          url: c.request.url,
          query: c.request.query,
          headers: c.request.headers,
          ...(c.request.payload !== undefined ? { payload: c.request.payload } : {}),
        });
        const problem = check(c, op, res.statusCode, String(res.headers['content-type'] ?? ''), res.body);
        if (c.kind !== 'valid' && problem === null) {
          const after = await t.app.feed.headVersion();
          if (after !== before) note(c, `changed state (feed ${before} → ${after}) while refusing it`);
        }
        if (problem) note(c, problem);
        if (res.statusCode < 300 && c.kind === 'valid') harvest(res.body);
      }
    }
    const elapsed = Date.now() - started;
    // A figure for the report: cases run and how long they took.
    console.info(`contract: ${ops.length} operations, ${cases} cases in ${elapsed} ms (seed ${SEED})`);
    expect([...failures.entries()].map(([k, v]) => `${k}: ${v}`)).toEqual([]);
    expect(cases).toBeGreaterThan(ops.length * VALID_RUNS);

    function note(c: Case, what: string) {
      // One line per operation, kind of case and finding (the first request that showed it).
      const key = `${c.op} [${c.kind}] ${what.split(' (')[0]}`;
      if (!failures.has(key)) failures.set(key, describeRequest(c.request));
    }

    function harvest(body: string) {
      let value: unknown;
      try {
        value = JSON.parse(body);
      } catch {
        return;
      }
      const walk = (v: unknown, depth: number) => {
        if (depth > 4 || v === null || typeof v !== 'object') return;
        for (const [k, x] of Object.entries(v)) {
          if (ID_FIELD.test(k) && typeof x === 'string' && x.length < 64 && !KEEP_OUT.test(x)) pool.add(x);
          else walk(x, depth + 1);
        }
      };
      walk(value, 0);
    }
  }, 170_000);

  /** What is wrong with one answer, or null. */
  function check(c: Case, op: Operation, status: number, contentType: string, body: string): string | null {
    if (status >= 500) return `answered ${status}: ${body.slice(0, 200)}`;
    const documented = op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`];
    if (!documented) return `answered undocumented ${status} ${problemCode(body)}`;
    // A request its schema allows that the validation refuses: the document is looser than the server.
    if (
      c.kind === 'valid' &&
      status === 400 &&
      problemCode(body).startsWith('VALIDATION_FAILED') &&
      !(c.op in CROSS_FIELD_RULES)
    )
      return `schema-valid request refused with 400 ${problemCode(body)}`;
    if (c.kind !== 'valid') {
      if (status < 400) return `accepted an invalid request with ${status}`;
      if (!contentType.startsWith('application/problem+json')) return `${status} is not problem+json`;
    }
    if (status === 204 && body === '') return null;
    const media = contentType.split(';')[0]?.trim() ?? '';
    const content = documented.content;
    if (!content) return null;
    const schema = content[media]?.schema ?? content['*/*']?.schema;
    if (!content[media] && !content['*/*'])
      return `${status} answered ${media}, documented ${Object.keys(content).join(', ')}`;
    if (!schema || !media.endsWith('json')) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return `${status} body is not JSON`;
    }
    const validate = validatorFor(strict, schema);
    if (!validate(parsed)) return `${status} body does not match its schema: ${ajvErrors(validate.errors)}`;
    return null;
  }

  /** A negative case made from a valid request, kept only when the schema indeed refuses it. */
  function invalidate(r: Request, i: number, op: Operation): [string, Request] | null {
    const strategies: ((r: Request) => [string, Request] | null)[] = [
      (r) =>
        op.security && op.security.length > 0
          ? ['no credentials', { ...r, headers: withoutAuthorization(r.headers) }]
          : null,
      (r) => badBody(r, op, i),
      (r) => badQuery(r, op, i),
      (r) =>
        r.payload !== undefined
          ? ['text body', { ...r, headers: { ...r.headers, 'content-type': 'text/plain' } }]
          : null,
      (r) =>
        r.payload !== undefined ? ['malformed JSON', { ...r, payload: `${r.payload.slice(0, -1)},` }] : null,
    ];
    for (let k = 0; k < strategies.length; k++) {
      const made = strategies[(i + k) % strategies.length]?.(r);
      if (made) return made;
    }
    return null;
  }

  function badBody(r: Request, op: Operation, i: number): [string, Request] | null {
    const schema = op.requestBody?.content['application/json']?.schema;
    if (!schema || r.payload === undefined) return null;
    const body = JSON.parse(r.payload) as unknown;
    const validate = validatorFor(strict, schema);
    const target = schema.$ref ? resolve(schema.$ref) : schema;
    const tries: [string, unknown][] = [];
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      const obj = body as Record<string, unknown>;
      tries.push(['unknown field', { ...obj, notAField: 1 }]);
      for (const k of target.required ?? []) {
        const { [k]: _, ...rest } = obj;
        tries.push([`missing ${k}`, rest]);
      }
      for (const [k, s] of Object.entries(target.properties ?? {}))
        for (const bad of invalidCandidates(s, resolve)) tries.push([`bad ${k}`, { ...obj, [k]: bad }]);
    }
    tries.push(['not an object', [body]]);
    const start = i % tries.length;
    for (let k = 0; k < tries.length; k++) {
      const [what, candidate] = tries[(start + k) % tries.length] as [string, unknown];
      if (!validate(candidate)) return [what, { ...r, payload: JSON.stringify(candidate) }];
    }
    return null;
  }

  function badQuery(r: Request, op: Operation, i: number): [string, Request] | null {
    const params = (op.parameters ?? []).filter((p) => p.in === 'query');
    if (params.length === 0) return null;
    const schema: JsonSchema = {
      type: 'object',
      properties: Object.fromEntries(params.map((p) => [p.name, p.schema])),
      required: params.filter((p) => p.required).map((p) => p.name),
    };
    const validate = validatorFor(coercing, schema);
    const p = params[i % params.length] as Parameter;
    for (const bad of invalidCandidates(p.schema, resolve)) {
      if (bad === null || typeof bad === 'object') continue;
      const query = { ...r.query, [p.name]: String(bad) };
      if (!validate(structuredClone(query))) return [`bad query ${p.name}`, { ...r, query }];
    }
    return null;
  }

  function requestArbitrary(
    method: Method,
    path: string,
    op: Operation,
    resolve: Resolver,
    ids: string[],
  ): fc.Arbitrary<Request> {
    const params = op.parameters ?? [];
    const pathArbs: Record<string, fc.Arbitrary<unknown>> = {};
    const queryArbs: Record<string, fc.Arbitrary<unknown>> = {};
    for (const p of params) {
      const arb = arbitraryFor(p.schema, resolve);
      if (p.in === 'path') {
        const known = ids.filter((id) => validatorFor(strict, p.schema)(id));
        pathArbs[p.name] = known.length > 0 ? fc.oneof(fc.constantFrom(...known), arb) : arb;
      } else if (p.in === 'query') queryArbs[p.name] = p.required ? arb : fc.option(arb, { nil: undefined });
    }
    const json = op.requestBody?.content['application/json']?.schema;
    const bodyArb = json ? arbitraryFor(json, resolve) : fc.constant(undefined);
    return fc.record({ path: fc.record(pathArbs), query: fc.record(queryArbs), body: bodyArb }).map((x) => {
      const url = path.replace(/\{([^}]+)\}/g, (_, name: string) =>
        encodeURIComponent(String((x.path as Record<string, unknown>)[name])),
      );
      const query: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(x.query as Record<string, unknown>)) {
        if (v === undefined) continue;
        query[k] = Array.isArray(v) ? v.map(String) : String(v);
      }
      const headers: Record<string, string> = { ...auth };
      let payload: string | undefined;
      if (x.body !== undefined) {
        payload = JSON.stringify(x.body);
        headers['content-type'] = 'application/json';
      }
      return { method, url, query, headers, ...(payload !== undefined ? { payload } : {}) };
    });
  }
});

/** Creators first, then reads, then changes and deletes of what exists by then. */
function operations(doc: Document): { method: Method; path: string; op: Operation }[] {
  const order = (m: Method, path: string) =>
    (path.includes('{') ? 10 : 0) + { POST: 0, PUT: 1, GET: 2, PATCH: 3, DELETE: 4 }[m];
  const out: { method: Method; path: string; op: Operation }[] = [];
  for (const [path, item] of Object.entries(doc.paths))
    for (const [m, op] of Object.entries(item))
      out.push({ method: m.toUpperCase() as Method, path, op: op as Operation });
  // Signing out or revoking would end the run's own access; they are tried last.
  return out.sort(
    (a, b) => order(a.method, a.path) - order(b.method, b.path) || a.path.localeCompare(b.path),
  );
}

/** `#/components/schemas/X` → `openapi.json#/components/schemas/X`, for Ajv. */
function rewriteRefs(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(rewriteRefs);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v))
      out[k] =
        k === '$ref' && typeof x === 'string' && x.startsWith('#/') ? `openapi.json${x}` : rewriteRefs(x);
    return out;
  }
  return v;
}

function problemCode(body: string): string {
  try {
    const p = JSON.parse(body) as { code?: string; detail?: string };
    return p.code ? `${p.code} (${p.detail ?? ''})` : '';
  } catch {
    return '';
  }
}

function ajvErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
}

function describeRequest(r: Request): string {
  const q = new URLSearchParams(
    Object.entries(r.query).flatMap(([k, v]): [string, string][] =>
      Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v]],
    ),
  ).toString();
  return `${r.method} ${r.url}${q ? `?${q}` : ''} ${r.payload?.slice(0, 300) ?? ''}`;
}

function withoutAuthorization(headers: Record<string, string>): Record<string, string> {
  const { authorization: _, ...rest } = headers;
  return rest;
}
