import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvCompiler from '@fastify/ajv-compiler';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import helmet from 'helmet';
import type { App } from '../app.js';
import { WardenError } from '../core/errors.js';
import { ping } from '../storage/database.js';

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

import { registerAuth } from './auth.js';
import { quietProbeLogs, registerAppMetrics, registerHttpMetrics } from './metrics.js';
import { registerOpenApiContract, securitySchemes } from './openapi.js';
import { sendProblem, toProblem } from './problem.js';
import { routeModules } from './routes.js';
import { ProblemSchema } from './schemas.js';
import { webhooks } from './webhooks.js';

export type Server = FastifyInstance;

const here = dirname(fileURLToPath(import.meta.url));

/** Where the built console lives: dist/web next to dist/server. */
export function consoleDir(): string | null {
  for (const candidate of [join(here, '../../web'), join(here, '../../dist/web')]) {
    if (existsSync(join(candidate, 'index.html'))) return candidate;
  }
  return null;
}

/** A hop count becomes proxy-addr's function form, which Fastify's types accept. */
function trustProxyOption(trust: boolean | number | string[]) {
  return typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : trust;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** How Fastify calls a validator builder (its published types say less than it passes). */
interface RouteSchemaDef {
  schema: unknown;
  httpPart?: string;
}
type ValidatorBuilder = (route: RouteSchemaDef) => unknown;
type ValidatorPool = (externalSchemas: unknown, options: { customOptions?: object }) => ValidatorBuilder;

/**
 * Two validators: query strings and path parameters arrive as text and are
 * coerced to the schema's types (`?limit=20`); JSON bodies are typed already
 * and are taken as sent, so `{"protected": null}` or `{"texts": "x"}` is a
 * 400 instead of silently becoming `false` or `["x"]`.
 */
function strictBodyValidators() {
  const pool = AjvCompiler() as unknown as ValidatorPool;
  const build = (externalSchemas: unknown, options: { customOptions?: object } = {}): ValidatorBuilder => {
    const coercing = pool(externalSchemas, options);
    const strict = pool(externalSchemas, {
      ...options,
      customOptions: { ...options.customOptions, coerceTypes: false },
    });
    return (route) => (route.httpPart === 'body' ? strict(route) : coercing(route));
  };
  return build as unknown as NonNullable<
    NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
  >['buildValidator'];
}

/** `/api/v1/rules/:id` → a matcher for concrete paths, to tell a wrong method from a wrong path. */
function pathMatcher(url: string): RegExp {
  const pattern = url
    .split('/')
    .map((part) =>
      part.startsWith(':') ? '[^/]+' : part === '*' ? '.*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${pattern}/?$`);
}

/**
 * Assembles the HTTP server over an App without listening, so tests can use
 * `server.inject()` and the CLI can `listen()`.
 */
export async function buildServer(app: App): Promise<Server> {
  const server = Fastify({
    loggerInstance: app.log as FastifyBaseLogger,
    bodyLimit: app.config.bodyLimit,
    // Whose X-Forwarded-Proto/-For to believe (WARDEN_TRUST_PROXY); `request.protocol` follows it.
    trustProxy: trustProxyOption(app.config.trustProxy),
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    ajv: {
      // Unknown fields are an error, not silently dropped; query strings still coerce.
      customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false },
    },
    schemaController: { compilersFactory: { buildValidator: strictBodyValidators() } },
  });

  // The API speaks JSON (and multipart where a route says so); text bodies are a 415.
  server.removeContentTypeParser('text/plain');

  // Graceful shutdown: once closing starts, answer in-flight requests with
  // `Connection: close` so keep-alive sockets end and close() can finish.
  let closing = false;
  server.addHook('preClose', async () => {
    closing = true;
  });
  server.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (closing) reply.header('connection', 'close');
  });

  server.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error, request);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, problem);
  });

  // Security headers on every answer. The helmet middleware is built once here:
  // @fastify/helmet built it again for every request (parsing the CSP each
  // time), a tenth of the main thread's time under load on /screen.
  // HSTS and `upgrade-insecure-requests` only over https: sent over plain HTTP
  // (a first deployment at http://<server-ip>:8080) they make the browser
  // fetch every script and style over https, which is not there: a blank page.
  const cspDirectives = {
    defaultSrc: ["'self'"],
    // Ant Design injects its CSS at run time.
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    scriptSrc: ["'self'"],
    connectSrc: ["'self'"],
  };
  const overHttps = helmet({
    contentSecurityPolicy: { directives: cspDirectives },
    crossOriginEmbedderPolicy: false,
  });
  const overHttp = helmet({
    contentSecurityPolicy: { directives: { ...cspDirectives, upgradeInsecureRequests: null } },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: false,
  });
  server.addHook('onRequest', (request, reply, done) => {
    const headers = request.protocol === 'https' ? overHttps : overHttp;
    headers(request.raw, reply.raw, (err?: unknown) => done(err instanceof Error ? err : undefined));
  });
  await server.register(fastifyCookie);
  server.addSchema(ProblemSchema);

  await server.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Warden API',
        version: '1',
        description:
          'Screening, blocklist, filter rules and complaint early warning. Errors are application/problem+json with a stable `code`.',
      },
      components: { securitySchemes },
      webhooks,
    },
    // Shared schemas keep their own names in the document (`Problem`, not `def-0`).
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json.$id === 'string' ? json.$id : `def-${i}`,
    },
  });
  await server.register(fastifySwaggerUi, { routePrefix: '/docs', staticCSP: true });

  registerAuth(server, app.access);
  registerOpenApiContract(server);
  registerHttpMetrics(server, app.metrics);
  registerAppMetrics(app, app.metrics);
  quietProbeLogs(server);

  server.get('/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () =>
    server.swagger(),
  );
  server.get('/healthz', { schema: { hide: true }, config: { access: 'public' } }, async () => ({
    status: 'ok',
  }));
  // Ready = the first full load is in place, the server is not draining, and
  // the database answers within a second (a frozen database fails the probe
  // instead of hanging it). /healthz stays the liveness probe.
  server.get('/readyz', { schema: { hide: true }, config: { access: 'public' } }, async (_req, reply) => {
    if (!app.state.loaded) throw new WardenError('SERVICE_UNAVAILABLE', 'still loading');
    if (app.state.draining) throw new WardenError('SERVICE_UNAVAILABLE', 'shutting down');
    try {
      await withTimeout(ping(app.store), 1_000, 'the database did not answer within 1 s');
      const feed = app.feed.status();
      return { status: 'ready', storage: app.store.dialect, feedVersion: feed.version };
    } catch (err) {
      reply.log.warn({ err }, 'readiness check failed');
      throw new WardenError('SERVICE_UNAVAILABLE', 'the database does not answer');
    }
  });
  server.get('/metrics', { schema: { hide: true }, config: { access: 'public' } }, async (_req, reply) => {
    reply.type(app.metrics.contentType);
    return app.metrics.metrics();
  });

  for (const register of routeModules) {
    await server.register(async (scope) => register(scope, app), { prefix: '/api/v1' });
  }

  const web = consoleDir();
  if (web) {
    await server.register(fastifyStatic, { root: web, prefix: '/', wildcard: false, index: ['index.html'] });
  }
  // A known path with a method it does not have is a 405 naming the ones it has.
  const pathMethods = new Map<string, { match: RegExp; methods: Set<string> }>();
  for (const r of server.accessTable) {
    let entry = pathMethods.get(r.url);
    if (!entry) {
      entry = { match: pathMatcher(r.url), methods: new Set() };
      pathMethods.set(r.url, entry);
    }
    entry.methods.add(r.method);
  }
  const allowedMethods = (path: string): string[] => {
    const methods = new Set<string>();
    for (const { match, methods: m } of pathMethods.values()) {
      if (match.test(path)) for (const x of m) methods.add(x);
    }
    return [...methods].sort();
  };
  server.setNotFoundHandler((request, reply) => {
    const wantsPage =
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      (request.headers.accept ?? '').includes('text/html');
    if (web && wantsPage) return reply.type('text/html').sendFile('index.html');
    const path = request.url.split('?')[0] ?? request.url;
    const allowed = allowedMethods(path);
    if (allowed.length > 0 && !allowed.includes(request.method)) {
      reply.header('allow', allowed.join(', '));
      return sendProblem(
        reply,
        toProblem(
          new WardenError(
            'METHOD_NOT_ALLOWED',
            `${request.method} is not supported on ${path}; use ${allowed.join(', ')}`,
            { extras: { allow: allowed } },
          ),
          request,
        ),
      );
    }
    return sendProblem(
      reply,
      toProblem(
        new WardenError('ROUTE_NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`),
        request,
      ),
    );
  });

  return server;
}
