import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { App } from '../app.js';
import { WardenError } from '../core/errors.js';
import { auditContext, principalOf } from '../http/auth.js';
import {
  CodedTextSchema,
  CursorQuery,
  IsoDate,
  Nullable,
  Page,
  PageQuery,
  parseTime,
  Strict,
} from '../http/schemas.js';
import { labelAuditRecords } from './audit-labels.js';
import { permissions, roles } from './permissions.js';
import { SESSION_COOKIE } from './service.js';

const RoleSchema = Type.Union(roles.map((r) => Type.Literal(r)));
const PermissionSchema = Type.Union(permissions.map((p) => Type.Literal(p)));

const UserSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  locale: Nullable(Type.String()),
  disabled: Type.Boolean(),
  createdAt: Type.String(),
  lastLoginAt: Nullable(Type.String()),
});

const ApiKeySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  scopes: Type.Array(Type.String()),
  prefix: Type.String(),
  createdBy: Nullable(Type.String()),
  createdAt: Type.String(),
  lastUsedAt: Nullable(Type.String()),
  revokedAt: Nullable(Type.String()),
});

const AuditRecordSchema = Strict({
  seq: Type.Integer({
    minimum: 1,
    description: 'Position in the chain; the list cursor is the last `seq` of a page',
  }),
  id: Type.String(),
  at: IsoDate,
  actor: Strict({
    type: Type.String(),
    id: Nullable(Type.String()),
    role: Nullable(Type.String()),
    name: Type.Optional(Type.String({ description: "The user's or API key's name" })),
  }),
  action: Type.String({ description: 'A stable code, e.g. `blocklist.add`, `rule.update`, `customer.read`' }),
  target: Strict({
    type: Nullable(Type.String()),
    id: Nullable(Type.String()),
    label: Type.Optional(Type.String({ description: 'The subject in words, where it can be found' })),
    labelCode: Type.Optional(CodedTextSchema),
    category: Type.Optional(
      Type.String({
        description: 'A blocklist entry’s category key (`label` is its masked identifier or customer)',
      }),
    ),
  }),
  requestId: Nullable(Type.String()),
  summary: Type.Record(Type.String(), Type.Unknown(), {
    description: 'What changed or was read (no personal data)',
  }),
  hash: Type.String({ pattern: '^[0-9a-f]{64}$' }),
});

const ChainReportSchema = Strict({
  ok: Type.Boolean(),
  checked: Type.Integer({
    minimum: 0,
    description: 'Rows checked before the first broken link (all when ok)',
  }),
  head: Nullable(Strict({ seq: Type.Integer({ minimum: 0 }), hash: Type.String() })),
  firstBroken: Nullable(Strict({ seq: Type.Integer({ minimum: 1 }), reason: Type.String() })),
});

const Email = Type.String({ minLength: 3, maxLength: 254 });
/** A new user's address: the service's own check (AccessService.createUser), stated in the schema. */
const NewUserEmail = Type.String({
  minLength: 3,
  maxLength: 254,
  pattern: '^\\s*[^@\\s]+@[^@\\s]+\\.[^@\\s]+\\s*$',
});
const Password = Type.String({ minLength: 1, maxLength: 256 });

export function accessRoutes(scope: FastifyInstance, app: App): void {
  const r = scope.withTypeProvider<TypeBoxTypeProvider>();
  const publicOverHttps = app.config.publicUrl.startsWith('https://');

  r.post(
    '/auth/login',
    {
      config: { access: 'public', problems: ['INVALID_CREDENTIALS', 'LOGIN_THROTTLED'] },
      schema: {
        tags: ['access'],
        summary: 'Sign in with e-mail and password; sets an HttpOnly session cookie',
        body: Strict({ email: Email, password: Password }),
        response: { 200: Type.Object({ user: UserSchema, expiresAt: Type.String() }) },
      },
    },
    async (request, reply) => {
      const { sessionToken, user, expiresAt } = await app.access.login(
        request.body.email,
        request.body.password,
        request.ip,
        String(request.id),
      );
      reply.setCookie(SESSION_COOKIE, sessionToken, {
        httpOnly: true,
        sameSite: 'strict',
        // Over https (directly or through a trusted proxy) the cookie never travels in clear.
        secure: publicOverHttps || request.protocol === 'https',
        path: '/',
        expires: new Date(expiresAt),
      });
      return { user, expiresAt: new Date(expiresAt).toISOString() };
    },
  );

  r.post(
    '/auth/logout',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['access'],
        summary: 'End the session',
        response: { 204: { type: 'null', description: 'Signed out; the session cookie is cleared' } },
      },
    },
    async (request, reply) => {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) await app.access.logout(cookie, auditContext(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  r.get(
    '/auth/me',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['access'],
        summary: 'Who am I: the signed-in user or API key, and its permissions',
        response: {
          200: Type.Object({
            user: Nullable(UserSchema),
            apiKey: Nullable(ApiKeySchema),
            permissions: Type.Array(Type.String()),
          }),
        },
      },
    },
    async (request) => {
      const p = principalOf(request);
      return { user: p.user, apiKey: p.apiKey, permissions: [...p.permissions] };
    },
  );

  r.get(
    '/auth/setup',
    {
      config: { access: 'public' },
      schema: {
        tags: ['access'],
        summary: 'Whether the first admin still has to be created',
        response: { 200: Type.Object({ needsSetup: Type.Boolean() }) },
      },
    },
    async () => ({ needsSetup: (await app.access.countUsers()) === 0 }),
  );

  r.post(
    '/auth/setup',
    {
      config: { access: 'public' },
      schema: {
        tags: ['access'],
        summary: 'Create the first admin with the one-time setup token printed by `warden serve`',
        body: Strict({
          token: Type.String({ minLength: 10, maxLength: 100 }),
          email: NewUserEmail,
          name: Type.String({ minLength: 1, maxLength: 100 }),
          password: Password,
        }),
        response: { 201: Type.Object({ user: UserSchema }) },
      },
    },
    async (request, reply) => {
      const { token, ...input } = request.body;
      const user = await app.access.completeSetup(token, input, String(request.id));
      return reply.code(201).send({ user });
    },
  );

  r.get(
    '/users',
    {
      config: { access: 'users:read' },
      schema: {
        tags: ['access'],
        summary: 'List users',
        response: { 200: Type.Object({ items: Type.Array(UserSchema) }) },
      },
    },
    async () => ({ items: await app.access.listUsers() }),
  );

  r.get(
    '/users/assignable',
    {
      config: { access: 'users:assignable' },
      schema: {
        tags: ['access'],
        summary:
          'People complaints can be assigned to (enabled users whose role works complaints): id, name, role',
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), role: RoleSchema })),
          }),
        },
      },
    },
    async () => ({ items: await app.access.listAssignable() }),
  );

  r.post(
    '/users',
    {
      config: { access: 'users:write' },
      schema: {
        tags: ['access'],
        summary: 'Create a user',
        description:
          'The new role may hold no permission the caller lacks (403 GRANT_EXCEEDS_OWN, listing them in `permissions`).',
        body: Strict({
          email: NewUserEmail,
          name: Type.String({ minLength: 1, maxLength: 100 }),
          role: RoleSchema,
          password: Password,
          locale: Type.Optional(Nullable(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]))),
        }),
        response: { 201: UserSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await app.access.createUser(auditContext(request), request.body, principalOf(request).permissions),
        ),
  );

  r.patch(
    '/users/:id',
    {
      config: { access: 'users:write' },
      schema: {
        tags: ['access'],
        summary: 'Change a user: role, name, disabled, password',
        description:
          'The caller must hold every permission of the user as they are and of a new role (403 GRANT_EXCEEDS_OWN). The last active admin cannot be disabled or demoted (409 LAST_ADMIN).',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        body: Strict({
          role: Type.Optional(RoleSchema),
          name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          disabled: Type.Optional(Type.Boolean()),
          password: Type.Optional(Password),
          locale: Type.Optional(Nullable(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]))),
        }),
        response: { 200: UserSchema },
      },
    },
    async (request) => {
      const me = principalOf(request);
      if (
        me.user?.id === request.params.id &&
        (request.body.disabled === true || (request.body.role && request.body.role !== 'admin'))
      ) {
        throw new WardenError(
          'VALIDATION_FAILED',
          'you cannot disable yourself or take away your own admin role',
        );
      }
      return app.access.updateUser(auditContext(request), request.params.id, request.body, me.permissions);
    },
  );

  r.get(
    '/api-keys',
    {
      config: { access: 'apikeys:read' },
      schema: {
        tags: ['access'],
        summary: 'List API keys (never the secret)',
        response: { 200: Type.Object({ items: Type.Array(ApiKeySchema) }) },
      },
    },
    async () => ({ items: await app.access.listApiKeys() }),
  );

  r.post(
    '/api-keys',
    {
      config: { access: 'apikeys:write' },
      schema: {
        tags: ['access'],
        summary: 'Create an API key; the secret is shown in this answer only',
        description:
          "The key's permissions are role ∩ scopes (no scopes: the whole role). A scope outside the role is a 400 SCOPE_OUTSIDE_ROLE naming it in `scopes`; permissions the caller does not hold are a 403 GRANT_EXCEEDS_OWN.",
        body: Strict({
          name: Type.String({ minLength: 1, maxLength: 100 }),
          role: RoleSchema,
          scopes: Type.Optional(
            Type.Array(PermissionSchema, { maxItems: permissions.length, uniqueItems: true }),
          ),
        }),
        response: { 201: Type.Object({ key: Type.String(), apiKey: ApiKeySchema }) },
      },
    },
    async (request, reply) => {
      const { key, info } = await app.access.createApiKey(
        auditContext(request),
        {
          name: request.body.name,
          role: request.body.role,
          scopes: request.body.scopes ?? [],
        },
        principalOf(request).permissions,
      );
      return reply.code(201).send({ key, apiKey: info });
    },
  );

  r.delete(
    '/api-keys/:id',
    {
      config: { access: 'apikeys:write' },
      schema: {
        tags: ['access'],
        summary: 'Revoke an API key',
        description:
          'Only a caller holding every permission of the key may revoke it (403 GRANT_EXCEEDS_OWN).',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: ApiKeySchema },
      },
    },
    async (request) =>
      app.access.revokeApiKey(auditContext(request), request.params.id, principalOf(request).permissions),
  );

  r.get(
    '/audit',
    {
      config: { access: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first',
        description:
          'Each record names its actor (`actor.name`: the user or API key) and, where it can be found, its subject (`target.label`: a user, key or rule name, a complaint reference, a customer name with masked contact — customers only for a caller with customers:read, and that read is itself recorded as `audit.list`; a blocklist entry’s masked identifier or customer with its `target.category`, for a caller with blocklist:read; an alert’s title with `target.labelCode` to word it, for a caller with alerts:read).',
        querystring: Strict({
          ...PageQuery,
          cursor: CursorQuery('^[0-9]{1,15}$'),
          action: Type.Optional(Type.String({ maxLength: 100 })),
          actorId: Type.Optional(Type.String({ maxLength: 64 })),
          targetType: Type.Optional(Type.String({ maxLength: 64 })),
          targetId: Type.Optional(Type.String({ maxLength: 64 })),
          from: Type.Optional(Type.String({ format: 'date-time' })),
          to: Type.Optional(Type.String({ format: 'date-time' })),
        }),
        response: { 200: Page(AuditRecordSchema) },
      },
    },
    async (request) => {
      const q = request.query;
      const cursor = q.cursor === undefined ? undefined : Number(q.cursor);
      if (cursor !== undefined && !Number.isInteger(cursor))
        throw new WardenError('VALIDATION_FAILED', 'bad cursor');
      const page = await app.audit.list({
        limit: q.limit ?? 50,
        cursor,
        action: q.action,
        actorId: q.actorId,
        targetType: q.targetType,
        targetId: q.targetId,
        from: parseTime(q.from),
        to: parseTime(q.to),
      });
      const may = principalOf(request).permissions;
      const { items, customersShown: shown } = await labelAuditRecords(app, page.items, {
        customers: may.has('customers:read'),
        blocklist: may.has('blocklist:read'),
        alerts: may.has('alerts:read'),
      });
      // Customer names are personal data: showing them is a read the log records.
      if (shown.size > 0)
        await app.audit.append(app.store.db, auditContext(request), {
          action: 'audit.list',
          targetType: 'audit',
          summary: { customers: shown.size },
        });
      return { items, nextCursor: page.nextCursor };
    },
  );

  r.get(
    '/audit/verify',
    {
      config: { access: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: 'Check the hash chain; reports the first broken link',
        response: { 200: ChainReportSchema },
      },
    },
    async () => app.audit.verify(),
  );
}
