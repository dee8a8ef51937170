import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { App } from '../app.js';
import { auditContext } from '../http/auth.js';
import { Nullable, Strict } from '../http/schemas.js';
import { CustomerSchema } from '../identity/routes.js';
import { retentionKinds } from './service.js';

const ErasureSchema = Type.Object({
  customerId: Type.String(),
  erasedAt: Type.String(),
  identifiers: Type.Integer({
    description: 'identifiers whose values were removed (their blind indexes stay)',
  }),
  entries: Type.Integer({ description: 'blocklist entries whose target value was removed; they still hold' }),
  messages: Type.Integer(),
  complaints: Type.Integer(),
  consents: Type.Integer(),
  notifications: Type.Integer(),
  winbackCases: Type.Integer({ description: 'win-back cases whose script and notes were removed' }),
});

const RetentionPlanSchema = Type.Object({
  kind: Type.Union(retentionKinds.map((k) => Type.Literal(k))),
  days: Nullable(Type.Integer({ description: 'null: kept for ever' })),
  before: Nullable(Type.String({ description: 'rows older than this go at the next run' })),
  count: Type.Integer({ description: 'rows the next run would delete (audit reads: empty)' }),
});

const BackupFileSchema = Type.Object({
  name: Type.String(),
  path: Type.String(),
  bytes: Type.Integer(),
  at: Type.String(),
});

const BackupStatusSchema = Type.Object({
  supported: Type.Boolean({ description: 'false on PostgreSQL: use pg_dump' }),
  schedule: Type.String({ description: '`off`, `hourly` or `daily@HH` (UTC)' }),
  keep: Type.Integer(),
  dir: Type.String(),
  last: Nullable(BackupFileSchema),
  backups: Type.Array(BackupFileSchema),
  lastError: Nullable(Type.Object({ at: Type.String(), message: Type.String() })),
  nextDueAt: Nullable(Type.String()),
});

const Params = Type.Object({ id: Type.String({ maxLength: 64 }) });

/** Data-subject rights (erase, export), retention preview, backups. */
export function privacyRoutes(scope: FastifyInstance, app: App): void {
  const r = scope.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/customers/:id/erase',
    {
      config: { access: 'customers:erase' },
      schema: {
        tags: ['privacy'],
        summary:
          "Erase a customer's personal data: name, attributes, identifier values, message and complaint texts. Blind indexes stay, so blocks and opt-outs keep holding. Audited with the reason.",
        params: Params,
        body: Strict({ reason: Type.String({ minLength: 3, maxLength: 500 }) }),
        response: { 200: ErasureSchema },
      },
    },
    async (request) =>
      app.privacy.erase(auditContext(request), request.params.id, request.body.reason.trim()),
  );

  r.get(
    '/customers/:id/export',
    {
      config: { access: 'customers:export' },
      schema: {
        tags: ['privacy'],
        summary:
          'Everything held about a customer (subject access): profile, identifiers, blocklist entries with history, messages, complaints with timelines, win-back cases, consents. Audited.',
        params: Params,
        response: {
          200: Type.Object({
            exportedAt: Type.String(),
            customer: CustomerSchema,
            blocklist: Type.Array(Type.Unknown()),
            messages: Type.Array(Type.Unknown()),
            complaints: Type.Array(Type.Unknown()),
            winback: Type.Array(Type.Unknown(), { description: 'win-back cases, with script and notes' }),
            consents: Type.Array(
              Type.Object({
                identifierType: Type.String(),
                identifier: Type.String(),
                purpose: Type.String(),
                status: Type.String(),
                method: Type.String(),
                updatedAt: Type.String(),
              }),
            ),
          }),
        },
      },
    },
    async (request, reply) => {
      const data = await app.privacy.export(auditContext(request), request.params.id);
      return reply
        .header('content-disposition', `attachment; filename="${request.params.id}.json"`)
        .send(data);
    },
  );

  r.get(
    '/retention/preview',
    {
      config: { access: 'retention:read' },
      schema: {
        tags: ['privacy'],
        summary: 'Dry run of retention: how many rows of each kind the next daily run would delete',
        response: { 200: Type.Object({ kinds: Type.Array(RetentionPlanSchema) }) },
      },
    },
    async () => ({ kinds: await app.privacy.preview() }),
  );

  r.get(
    '/backups',
    {
      config: { access: 'backups:read' },
      schema: {
        tags: ['privacy'],
        summary: 'Backup status: schedule, the backups kept (newest first), the last error',
        response: { 200: BackupStatusSchema },
      },
    },
    async () => app.backups.status(),
  );

  r.post(
    '/backups',
    {
      config: { access: 'backups:write' },
      schema: {
        tags: ['privacy'],
        summary: 'Take a backup now (SQLite online backup while the service runs; 409 on PostgreSQL)',
        response: { 201: BackupFileSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await app.backups.create(auditContext(request))),
  );
}
