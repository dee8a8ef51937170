/**
 * An independent check of the API contract: Portman (@apideck/portman, npm)
 * turns /openapi.json into a Postman collection and Newman (which comes with
 * it) runs it against a fresh instance. Checks on every request:
 *
 * - status and response schema: each operation once with a valid request
 *   answers 2xx, JSON, a body the document's schema accepts;
 * - negative data: fuzzed copies (a required field left out, bounds and
 *   lengths crossed) answer the documented 400 problem+json;
 * - authentication: a copy without credentials (protected operations) and one
 *   with an unknown key (every operation) answer the documented 401;
 * - stateful links: an operation on a record uses the id that the operation
 *   creating it answered earlier in the run (assignVariables); records in
 *   states no single request makes (pending, released, an alert, an import)
 *   are seeded through the API first.
 *
 *   npm run build && npm run fuzz     exit 1 when any check fails
 *
 * The instance is new each run: a throwaway data directory, an admin API key
 * made with `warden apikeys create`, a free loopback port. The whole run is
 * bounded (FUZZ_TIMEOUT_SECONDS, default 420). On this 2-core machine it takes
 * 71 s when quiet (Portman 13 s), about 5.5 min at load average 14; `.ci/run`
 * runs it after `npm test`. FUZZ_VERBOSE=1 prints Newman's
 * request log and the dropped fuzz cases; FUZZ_KEEP=1 keeps the directory
 * (collection, report, data).
 *
 * Portman is not a dependency of Warden (it pulls ~300 packages): the script
 * runs the version below with `npx` from the npm registry (plus `tslib`, which
 * Portman 1.33.0 uses but does not declare); nothing else leaves the machine.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
// Ajv ships CommonJS; fastify already depends on it (and ajv-formats).
const Ajv2020 = require('ajv/dist/2020').default as typeof import('ajv').default;
type Ajv = InstanceType<typeof Ajv2020>;
const addFormats = require('ajv-formats').default as (ajv: Ajv) => void;

const PORTMAN = '@apideck/portman@1.33.0';
const TIMEOUT_MS = Number(process.env.FUZZ_TIMEOUT_SECONDS ?? 420) * 1000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function waitReady(base: string, server: ChildProcess): Promise<void> {
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`warden serve exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('warden serve was not ready within 30 s');
}

type Vars = Record<string, string>;

/** Calls the instance with the admin key; throws unless the answer is 2xx. */
async function call(base: string, key: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`seed: ${method} ${path} answered ${res.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

const ADMIN = { email: 'fuzz.admin@example.com', password: 'fuzz-admin-password-0123' };

/**
 * Records in states that no single request makes (a pending entry, an alert, a
 * released entry, a finished import), made through the API before the run.
 * Operations on a record another operation of the run creates use that
 * answer's id instead (assignVariables below).
 */
async function seed(base: string, key: string): Promise<Vars> {
  const api = (method: string, path: string, body?: unknown) => call(base, key, method, path, body);
  await api('POST', '/users', { ...ADMIN, name: 'Fuzz Admin', role: 'admin' });
  const customer = await api('POST', '/customers', {
    name: '模糊测试客户',
    identifiers: [{ type: 'phone', value: '+8613500135001' }],
  });
  const erasable = await api('POST', '/customers', {
    name: '待删除客户',
    identifiers: [{ type: 'phone', value: '+8613500135002' }],
  });
  const block = (value: string) =>
    api('POST', '/blocklist', {
      identifier: { type: 'phone', value },
      level: 1,
      category: 'harassment',
      reason: 'fuzz seed',
    });
  const toRelease = await block('+8613500135003');
  const released = await block('+8613500135004');
  await api('POST', `/blocklist/${released.id}/release`, { reasonCode: 'resolved' });
  // A watch rule that proposes entries (pending) and says so in an alert.
  await api('POST', '/rules', {
    name: 'fuzz: propose',
    stage: 'watch',
    mode: 'enforce',
    conditions: { keywords: { list: ['模糊测试提议'] } },
    actions: [{ type: 'add_to_blocklist', level: 1, category: 'spam', status: 'pending' }],
  });
  for (const phone of ['+8613500135005', '+8613500135006', '+8613500135007'])
    await api('POST', '/screen', { channel: 'sms', from: { phone }, text: '模糊测试提议' });
  const pending = (await api('GET', '/blocklist?status=pending')).items as { id: string }[];
  const alerts = (await api('GET', '/alerts?status=open')).items as { id: string }[];
  if (pending.length < 2 || alerts.length < 2)
    throw new Error('seed: the watch rule made no pending entries or alerts');
  const doomed = await api('POST', '/rules', {
    name: 'fuzz: to delete',
    stage: 'filter',
    conditions: { keywords: { list: ['模糊测试删除'] } },
    actions: [{ type: 'tag', value: 'fuzz' }],
  });
  const form = new FormData();
  form.append('file', new Blob(['手机号,分类,原因\n+8613500135008,spam,fuzz import\n']), 'fuzz.csv');
  const imported = await fetch(`${base}/api/v1/blocklist/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}` },
    body: form,
  });
  if (!imported.ok) throw new Error(`seed: import answered ${imported.status}: ${await imported.text()}`);
  const settings = async (section: string) => {
    const s = await api('GET', `/settings/${section}`);
    return JSON.stringify({ version: s.version, settings: s.settings });
  };
  return {
    customerId: customer.id,
    erasableCustomerId: erasable.id,
    releaseEntryId: toRelease.id,
    releasedEntryId: released.id,
    approveEntryId: (pending[0] as { id: string }).id,
    rejectEntryId: (pending[1] as { id: string }).id,
    alertId: (alerts[0] as { id: string }).id,
    otherAlertId: (alerts[1] as { id: string }).id,
    doomedRuleId: doomed.id,
    importId: ((await imported.json()) as { id: string }).id,
    complaintSettings: await settings('complaints'),
    optOutSettings: await settings('opt-out'),
    blocklistSettings: await settings('blocklist'),
  };
}

/** Path parameters by operation: a record the run made earlier ({{created…}}) or a seeded one. */
const PATH_VARIABLES: Record<string, Vars> = {
  'PATCH /api/v1/users/{id}': { id: '{{createdUserId}}' },
  'DELETE /api/v1/api-keys/{id}': { id: '{{createdApiKeyId}}' },
  'PUT /api/v1/customers/{externalId}': { externalId: 'fuzz-ext-1' },
  'PATCH /api/v1/customers/{id}': { id: '{{createdCustomerId}}' },
  'GET /api/v1/customers/{id}': { id: '{{createdCustomerId}}' },
  'GET /api/v1/customers/{id}/export': { id: '{{customerId}}' },
  'POST /api/v1/customers/{id}/erase': { id: '{{erasableCustomerId}}' },
  'PATCH /api/v1/blocklist/categories/{key}': { key: '{{createdCategoryKey}}' },
  'GET /api/v1/blocklist/{id}': { id: '{{createdEntryId}}' },
  'PATCH /api/v1/blocklist/{id}': { id: '{{createdEntryId}}' },
  'POST /api/v1/blocklist/{id}/release': { id: '{{releaseEntryId}}' },
  'POST /api/v1/blocklist/{id}/approve': { id: '{{approveEntryId}}' },
  'POST /api/v1/blocklist/{id}/reject': { id: '{{rejectEntryId}}' },
  'POST /api/v1/blocklist/{id}/exemptions': { id: '{{createdEntryId}}' },
  'DELETE /api/v1/blocklist/{id}/exemptions/{eid}': {
    id: '{{createdEntryId}}',
    eid: '{{createdExemptionId}}',
  },
  'POST /api/v1/blocklist/{id}/reviews': { id: '{{createdEntryId}}' },
  'GET /api/v1/imports/{id}': { id: '{{importId}}' },
  'GET /api/v1/messages/{id}': { id: '{{screenedMessageId}}' },
  'POST /api/v1/messages/{id}/marks': { id: '{{screenedMessageId}}' },
  'POST /api/v1/alerts/{id}/ack': { id: '{{alertId}}' },
  'GET /api/v1/rules/{id}': { id: '{{createdRuleId}}' },
  'PATCH /api/v1/rules/{id}': { id: '{{createdRuleId}}' },
  'GET /api/v1/rules/{id}/stats': { id: '{{createdRuleId}}' },
  'DELETE /api/v1/rules/{id}': { id: '{{doomedRuleId}}' },
  'GET /api/v1/complaints/{id}': { id: '{{createdComplaintId}}' },
  'PATCH /api/v1/complaints/{id}': { id: '{{createdComplaintId}}' },
  'GET /api/v1/winback/{id}': { id: '{{createdWinbackId}}' },
  'PATCH /api/v1/winback/{id}': { id: '{{createdWinbackId}}' },
};

/** The id (or key) a creating operation answers, kept for the operations after it. */
const ASSIGN: [operation: string, variable: string, responseBodyProp: string][] = [
  ['POST::/api/v1/users', 'createdUserId', 'id'],
  ['POST::/api/v1/api-keys', 'createdApiKeyId', 'apiKey.id'],
  ['POST::/api/v1/customers', 'createdCustomerId', 'id'],
  ['POST::/api/v1/blocklist/categories', 'createdCategoryKey', 'key'],
  ['POST::/api/v1/blocklist', 'createdEntryId', 'id'],
  ['POST::/api/v1/blocklist/{id}/exemptions', 'createdExemptionId', 'id'],
  ['POST::/api/v1/screen', 'screenedMessageId', 'messageId'],
  ['POST::/api/v1/rules', 'createdRuleId', 'id'],
  ['POST::/api/v1/complaints', 'createdComplaintId', 'id'],
  ['POST::/api/v1/winback', 'createdWinbackId', 'id'],
];

/**
 * Request bodies for the positive cases where a value must mean something the
 * schema cannot say: a phone number that is one, a rule condition that exists,
 * the settings version now stored. Portman's generated strings ("dolor sit")
 * are schema-valid but rightly refused (400 INVALID_IDENTIFIER and the like).
 */
const BODIES: Record<string, unknown> = {
  'POST::/api/v1/auth/login': ADMIN,
  'POST::/api/v1/users': {
    email: 'fuzz.agent@example.com',
    name: 'Fuzz Agent',
    role: 'agent',
    password: 'fuzz-agent-password-0123',
  },
  'PATCH::/api/v1/users/{id}': { name: 'Fuzz Supervisor', role: 'supervisor', locale: 'en' },
  'PUT::/api/v1/customers/{externalId}': {
    name: '外部客户',
    tier: 'gold',
    identifiers: [{ type: 'phone', value: '+8613800138001' }],
  },
  'POST::/api/v1/customers': {
    name: 'Fuzz 客户',
    identifiers: [{ type: 'email', value: 'fuzz.customer@example.com' }],
  },
  'PATCH::/api/v1/customers/{id}': { name: 'Fuzz 客户二', tier: 'silver', protected: false },
  'POST::/api/v1/blocklist': {
    identifier: { type: 'phone', value: '+8613900139001' },
    level: 1,
    category: 'harassment',
    reason: 'fuzz',
  },
  'PATCH::/api/v1/blocklist/categories/{key}': { labels: { 'zh-CN': '模糊', en: 'Fuzz' }, reviewDays: 30 },
  'PATCH::/api/v1/blocklist/{id}': {
    reason: 'changed by the fuzz run',
    level: 2,
    limit: { max: 3, windowSeconds: 3600 },
  },
  'POST::/api/v1/blocklist/{id}/release': { reasonCode: 'resolved', text: 'fuzz' },
  'POST::/api/v1/blocklist/{id}/exemptions': { sessionId: 'fuzz-session-1', reasonCode: 'customer_request' },
  'POST::/api/v1/blocklist/{id}/reviews': { decision: 'keep', note: 'fuzz review' },
  'POST::/api/v1/screen': {
    channel: 'sms',
    from: { phone: '+8613700137001' },
    text: '你好，请问订单什么时候发货？',
  },
  'POST::/api/v1/screen/batch': {
    messages: [{ channel: 'sms', from: { phone: '+8613700137001' }, text: '第二条消息' }],
  },
  'POST::/api/v1/outbound/check': { to: { phone: '+8613700137002' }, channel: 'sms', purpose: 'marketing' },
  'POST::/api/v1/outbound/sent': { to: { phone: '+8613700137002' }, channel: 'sms', purpose: 'marketing' },
  'PUT::/api/v1/consents': { status: 'opted_in', purpose: 'marketing', method: 'api' },
  'POST::/api/v1/rules': {
    name: 'fuzz: tag',
    stage: 'filter',
    mode: 'shadow',
    conditions: { keywords: { list: ['模糊测试'] } },
    actions: [{ type: 'tag', value: 'fuzz' }],
  },
  'POST::/api/v1/rules/trial': {
    rule: {
      name: 'fuzz: trial',
      stage: 'filter',
      conditions: { keywords: { list: ['发货'] } },
      actions: [{ type: 'tag', value: 'fuzz' }],
    },
  },
  'PATCH::/api/v1/rules/{id}': { mode: 'enforce', enabled: false },
  'POST::/api/v1/complaints': {
    channel: 'voice',
    from: { phone: '+8613700137003' },
    text: '我要投诉，快递一周了还没到，再不处理就曝光',
  },
  'POST::/api/v1/complaints/assign': { ids: ['{{createdComplaintId}}'], assigneeId: null },
  'PATCH::/api/v1/complaints/{id}': { status: 'processing', note: 'fuzz' },
  'POST::/api/v1/alerts/ack': { ids: ['{{otherAlertId}}'] },
  'POST::/api/v1/winback': { entryId: '{{releasedEntryId}}' },
  'PATCH::/api/v1/winback/{id}': { notes: 'fuzz note', satisfactionBefore: 2 },
};

/** Query parameters that name a record or an identifier (type:value). */
const QUERIES: Record<string, Vars> = {
  'GET::/api/v1/blocklist/check': { identifier: 'phone:+8613900139001' },
  'GET::/api/v1/consents': { identifier: 'phone:+8613700137002' },
  'PUT::/api/v1/consents': { identifier: 'phone:+8613700137002' },
};

/** Settings are replaced whole at the version stored (raw JSON: the seeded text is the body). */
const RAW_BODIES: Record<string, string> = {
  'PUT::/api/v1/settings/complaints': '{{complaintSettings}}',
  'PUT::/api/v1/settings/opt-out': '{{optOutSettings}}',
  'PUT::/api/v1/settings/blocklist': '{{blocklistSettings}}',
};

/**
 * Portman's config: contract tests on every operation (2xx, content type, JSON
 * body, response schema), fuzzing (negative data: a documented 400 problem),
 * and an unauthenticated copy of every protected operation (a documented 401).
 */
const portmanConfig = (key: string, vars: Vars, publicOps: string[]) => {
  const fuzz = [
    { requiredFields: { enabled: true } },
    { minimumNumberFields: { enabled: true } },
    { maximumNumberFields: { enabled: true } },
    { minLengthFields: { enabled: true } },
    { maxLengthFields: { enabled: true } },
  ];
  const checks = {
    statusCode: { enabled: true },
    contentType: { enabled: true },
    jsonBody: { enabled: true },
    schemaValidation: { enabled: true },
  };
  return {
    version: 1.0,
    tests: {
      contractTests: [
        {
          openApiOperation: '*::/*',
          // A used-up setup token is rightly refused (409); an upload is not something Portman can send
          // (the seed imports a file through the same route).
          excludeForOperations: ['POST::/api/v1/auth/setup', 'POST::/api/v1/blocklist/import'],
          statusSuccess: { enabled: true },
          contentType: { enabled: true },
          jsonBody: { enabled: true },
          schemaValidation: { enabled: true },
        },
      ],
      variationTests: [
        {
          openApiOperation: '*::/*',
          openApiResponse: '400',
          variations: [
            {
              name: 'Fuzz',
              fuzzing: [{ requestBody: fuzz, requestQueryParams: fuzz }],
              tests: { contractTests: [checks] },
            },
          ],
        },
        {
          openApiOperation: '*::/*',
          openApiResponse: '401',
          excludeForOperations: publicOps,
          variations: [
            {
              name: 'No credentials',
              overwrites: [{ overwriteRequestSecurity: { remove: true } }],
              tests: { contractTests: [checks] },
            },
          ],
        },
        {
          // Every route, public ones too, refuses a key it does not know.
          openApiOperation: '*::/*',
          openApiResponse: '401',
          variations: [
            {
              name: 'Unknown key',
              overwrites: [
                {
                  overwriteRequestSecurity: { bearer: { token: 'wdn_unknownunknownunknownunknownunknown0' } },
                },
              ],
              tests: { contractTests: [checks] },
            },
          ],
        },
      ],
    },
    assignVariables: ASSIGN.map(([openApiOperation, name, responseBodyProp]) => ({
      openApiOperation,
      collectionVariables: [{ name, responseBodyProp }],
    })),
    overwrites: [
      // Every protected operation takes the session cookie OR a bearer key: the run uses the key
      // (openapi-to-postman would pick the first alternative, the cookie).
      { openApiOperation: '*::/*', overwriteRequestSecurity: { bearer: { token: key } } },
      ...Object.entries(BODIES).map(([openApiOperation, value]) => ({
        openApiOperation,
        overwriteRequestBody: [{ key: '.', value, overwrite: true }],
      })),
      ...Object.entries(QUERIES).map(([openApiOperation, params]) => ({
        openApiOperation,
        overwriteRequestQueryParams: Object.entries(params).map(([k, value]) => ({
          key: k,
          value,
          overwrite: true,
        })),
      })),
    ],
    globals: {
      stripResponseExamples: true,
      securityOverwrites: { bearer: { token: key } },
      collectionVariables: vars,
    },
  };
};

/** Operations that take no credentials (security: []), as Portman targets: "POST::/api/v1/auth/login". */
function publicOperations(doc: OpenApi): string[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([, op]) => Array.isArray(op.security) && op.security.length === 0)
      .map(([method]) => `${method.toUpperCase()}::${path}`),
  );
}

interface PostmanItem {
  name: string;
  item?: PostmanItem[];
  request?: {
    method: string;
    url: {
      path?: string[];
      variable?: { key: string; value: string }[];
      query?: { key: string; value: string | null; disabled?: boolean }[];
    };
    body?: { mode?: string; raw?: string };
  };
}

type OpenApi = {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { name: string; in: string; required?: boolean; schema: object }[];
        security?: unknown[];
        requestBody?: { content: Record<string, { schema: object }> };
      }
    >
  >;
};

/**
 * After Portman: path parameters point at real records (PATH_VARIABLES), the
 * settings bodies are the stored settings, and a fuzz case whose request the
 * document still allows is dropped: Portman 1.33 cannot reach a field inside
 * anyOf (`limit.windowSeconds` of `limit: {…} | null`), so "required field
 * removed" there sends the valid body unchanged; that is no negative case.
 */
function prepare(collection: { item: PostmanItem[] }, doc: OpenApi): { dropped: string[] } {
  const ajv = new Ajv2020({ strict: false, allErrors: false, coerceTypes: true });
  addFormats(ajv);
  const dropped: string[] = [];
  const visit = (items: PostmanItem[]): PostmanItem[] =>
    items.flatMap((it) => {
      if (it.item) return [{ ...it, item: visit(it.item) }];
      const req = it.request;
      if (!req) return [it];
      const template = `/${(req.url.path ?? []).map((s) => (s.startsWith(':') ? `{${s.slice(1)}}` : s)).join('/')}`;
      const op = `${req.method} ${template}`;
      for (const v of req.url.variable ?? []) {
        const value = PATH_VARIABLES[op]?.[v.key];
        if (value) v.value = value;
      }
      const raw = RAW_BODIES[`${req.method}::${template}`];
      if (raw && req.body && !it.name.includes('[')) req.body.raw = raw;
      if (it.name.includes('[Fuzz]') && stillValid(ajv, doc, req.method, template, req)) {
        dropped.push(it.name);
        return [];
      }
      return [it];
    });
  collection.item = visit(collection.item);
  return { dropped };
}

function stillValid(
  ajv: Ajv,
  doc: OpenApi,
  method: string,
  template: string,
  req: NonNullable<PostmanItem['request']>,
) {
  const op = doc.paths[template]?.[method.toLowerCase()];
  if (!op) return false;
  const bodySchema = op.requestBody?.content['application/json']?.schema;
  if (bodySchema && req.body?.raw) {
    let body: unknown;
    try {
      body = JSON.parse(req.body.raw);
    } catch {
      return false;
    }
    if (!ajv.validate(bodySchema, body)) return false;
  }
  const params = (op.parameters ?? []).filter((p) => p.in === 'query');
  const query: Record<string, string> = {};
  for (const q of req.url.query ?? [])
    if (!q.disabled && q.value !== null) query[q.key] = decodeURIComponent(q.value);
  return ajv.validate(
    {
      type: 'object',
      properties: Object.fromEntries(params.map((p) => [p.name, p.schema])),
      required: params.filter((p) => p.required).map((p) => p.name),
    },
    query,
  );
}

interface NewmanReport {
  run: {
    stats: Record<'requests' | 'assertions' | 'testScripts', { total: number; failed: number }>;
    failures: { error: { test?: string; message: string }; source?: { name?: string } }[];
  };
}

/** Prints the run's counts and each failed check; returns the number of failures (-1: no report). */
function summarise(file: string): number {
  if (!existsSync(file)) {
    console.error('fuzz: newman wrote no report');
    return -1;
  }
  const { run } = JSON.parse(readFileSync(file, 'utf8')) as NewmanReport;
  const { requests, assertions } = run.stats;
  for (const f of run.failures) {
    console.log(
      `FAIL ${f.source?.name ?? '?'} :: ${f.error.test ?? ''}\n     ${f.error.message.slice(0, 400)}`,
    );
  }
  console.log(
    `fuzz: ${requests.total} requests, ${assertions.total} checks, ${run.failures.length} failures ` +
      `(${requests.failed} requests without an answer)`,
  );
  return run.failures.length;
}

/** Runs a bin of the pinned Portman (Newman comes with it) from the npm registry; 1 once the deadline passes. */
function npx(args: string[], cwd: string, deadline: number): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn('npx', ['--yes', '-p', PORTMAN, '-p', 'tslib@2', ...args], { stdio: 'inherit', cwd });
    const timer = setTimeout(
      () => {
        console.error(`fuzz: stopped after ${TIMEOUT_MS / 1000} s`);
        child.kill('SIGTERM');
      },
      Math.max(0, deadline - Date.now()),
    );
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(signal ? 1 : (code ?? 1));
    });
  });
}

async function main(): Promise<number> {
  if (!existsSync('dist/server/cli/main.js')) {
    console.error('fuzz: warden is not built; run `npm run build` first');
    return 2;
  }
  const work = mkdtempSync(join(tmpdir(), 'warden-fuzz-'));
  const dataDir = join(work, 'data');
  const env = { ...process.env, WARDEN_DATA_DIR: dataDir, WARDEN_LOG_LEVEL: 'warn' };
  let server: ChildProcess | undefined;
  try {
    const out = execFileSync(
      process.execPath,
      ['bin/warden.js', 'apikeys', 'create', '--name', 'fuzz', '--role', 'admin'],
      {
        env,
        encoding: 'utf8',
      },
    );
    const key = out.trim().split('\n').pop()?.trim() ?? '';
    if (!key.startsWith('wdn_')) throw new Error(`no API key from \`warden apikeys create\`: ${out}`);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, ['bin/warden.js', 'serve'], {
      env: { ...env, WARDEN_PORT: String(port), WARDEN_HOST: '127.0.0.1' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitReady(base, server);
    const spec = join(work, 'openapi.json');
    writeFileSync(spec, await (await fetch(`${base}/openapi.json`)).text());
    const config = join(work, 'portman-config.json');
    const vars = await seed(base, key);
    writeFileSync(
      config,
      JSON.stringify(
        portmanConfig(key, vars, publicOperations(JSON.parse(readFileSync(spec, 'utf8')))),
        null,
        2,
      ),
    );
    const collectionFile = join(work, 'collection.json');
    const report = join(work, 'newman.json');
    const started = Date.now();
    const deadline = started + TIMEOUT_MS;
    const generated = await npx(
      [
        'portman',
        '--local',
        spec,
        '--baseUrl',
        base,
        '--portmanConfigFile',
        config,
        '--output',
        collectionFile,
      ],
      work,
      deadline,
    );
    if (generated !== 0) return 1;
    console.log(`fuzz: portman wrote the collection in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    const collection = JSON.parse(readFileSync(collectionFile, 'utf8'));
    const { dropped } = prepare(collection, JSON.parse(readFileSync(spec, 'utf8')));
    writeFileSync(collectionFile, JSON.stringify(collection));
    console.log(`fuzz: ${dropped.length} fuzz cases dropped: their request is one the document allows`);
    if (process.env.FUZZ_VERBOSE) for (const name of dropped) console.log(`  dropped ${name}`);
    const ran = await npx(
      [
        'newman',
        'run',
        collectionFile,
        '--timeout-request',
        '10000',
        '--reporters',
        process.env.FUZZ_VERBOSE ? 'cli,json' : 'json',
        '--reporter-json-export',
        report,
      ],
      work,
      deadline,
    );
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    const failures = summarise(report);
    console.log(`fuzz: portman and newman ran ${seconds} s in all, newman exit ${ran}`);
    return failures === 0 && ran === 0 ? 0 : 1;
  } finally {
    // The data directory goes only once the server has stopped writing to it.
    if (server && server.exitCode === null) {
      const stopped = new Promise((resolve) => server?.once('exit', resolve));
      server.kill('SIGTERM');
      await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    }
    if (process.env.FUZZ_KEEP) console.log(`fuzz: kept ${work}`);
    else rmSync(work, { recursive: true, force: true, maxRetries: 5 });
  }
}

process.exitCode = await main();
