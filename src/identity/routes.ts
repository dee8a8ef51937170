import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AuditContext } from '../access/audit.js';
import type { App } from '../app.js';
import type { BlocklistEntry } from '../blocklist/service.js';
import { ComplaintSchema } from '../complaints/routes.js';
import { WardenError } from '../core/errors.js';
import { auditContext } from '../http/auth.js';
import { idCursor, Nullable, Page, PageQuery, Strict } from '../http/schemas.js';
import { parseIdentifierRef } from './identifiers.js';
import { identifierTypes } from './model.js';

const IdentifierTypeSchema = Type.Union(identifierTypes.map((t) => Type.Literal(t)));
const IdentifierSchema = Type.Object({ type: IdentifierTypeSchema, value: Type.String() });

export const CustomerSchema = Type.Object({
  id: Type.String(),
  externalId: Nullable(Type.String()),
  name: Nullable(Type.String()),
  tier: Type.String(),
  lifetimeValue: Type.Number(),
  protected: Type.Boolean(),
  attributes: Type.Record(Type.String(), Type.Unknown()),
  identifiers: Type.Array(IdentifierSchema),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  erasedAt: Nullable(Type.String()),
});

const Customer360Schema = Type.Intersect([
  CustomerSchema,
  Type.Object({
    blocklist: Type.Array(
      Type.Object({
        id: Type.String(),
        target: Type.String(),
        level: Type.Integer(),
        category: Type.String(),
        status: Type.String(),
        expiresAt: Nullable(Type.String()),
      }),
    ),
    consent: Type.Array(
      Type.Object({
        identifier: IdentifierSchema,
        purpose: Type.String(),
        status: Type.Union([Type.Literal('opted_in'), Type.Literal('opted_out')]),
        method: Type.String(),
        updatedAt: Type.String(),
      }),
    ),
    recentMessages: Type.Array(
      Type.Object({
        id: Type.String(),
        receivedAt: Type.String(),
        channel: Type.String(),
        decision: Type.String(),
        text: Type.String(),
        complaintId: Nullable(Type.String()),
      }),
    ),
    complaints: Type.Object({
      items: Type.Array(ComplaintSchema),
      countsByChannel: Type.Record(Type.String(), Type.Integer()),
      open: Type.Integer(),
    }),
  }),
]);

/**
 * The 360 view: the customer, their blocklist entries (on the customer and on
 * each identifier), consent per identifier, last messages and complaints.
 * Each part is read through its feature's service, which audits its own read.
 */
async function customer360(app: App, ctx: AuditContext, id: string) {
  const customer = await app.customers.get(ctx, id);
  const entries = new Map<string, { target: string; entry: BlocklistEntry }>();
  for (const entry of (await app.blocklist.list(ctx, { limit: 100, customerId: customer.id })).items)
    entries.set(entry.id, { target: 'customer', entry });
  for (const identifier of customer.identifiers) {
    if (identifier.value === '') continue; // erased: found by blind index below
    for (const entry of (await app.blocklist.list(ctx, { limit: 100, identifier })).items)
      if (!entries.has(entry.id)) entries.set(entry.id, { target: identifier.type, entry });
  }
  if (customer.erasedAt) {
    for (const entry of await app.privacy.entriesOf(customer.id))
      if (!entries.has(entry.id))
        entries.set(entry.id, {
          target: entry.customerId ? 'customer' : (entry.identifier?.type ?? ''),
          entry,
        });
  }
  const consent = [];
  for (const identifier of customer.identifiers) consent.push(...(await app.consent.get(identifier)));
  const messages = await app.messages.list(ctx, { limit: 20, customerId: customer.id });
  return {
    ...customer,
    blocklist: [...entries.values()].map(({ target, entry }) => ({
      id: entry.id,
      target,
      level: entry.level,
      category: entry.category,
      status: entry.status,
      expiresAt: entry.expiresAt,
    })),
    consent,
    recentMessages: messages.items.map((m) => ({
      id: m.id,
      receivedAt: m.receivedAt,
      channel: m.channel,
      decision: m.decision,
      text: m.text,
      complaintId: m.complaintId,
    })),
    complaints: await app.complaints.forCustomer(customer.id, 20),
  };
}

/** The fields a customer is written with (upsert, create, change), all optional. */
const customerFields = {
  name: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  tier: Type.Optional(Type.String({ minLength: 1, maxLength: 32, pattern: '^[a-z0-9_-]+$' })),
  lifetimeValue: Type.Optional(Type.Number({ minimum: 0, maximum: 1e12 })),
  protected: Type.Optional(Type.Boolean()),
  attributes: Type.Optional(Type.Record(Type.String({ minLength: 1, maxLength: 100 }), Type.Unknown())),
  identifiers: Type.Optional(
    Type.Array(Strict({ type: IdentifierTypeSchema, value: Type.String({ minLength: 1, maxLength: 320 }) }), {
      maxItems: 50,
    }),
  ),
};
const ExternalIdSchema = Type.String({ minLength: 1, maxLength: 200 });

export function customerRoutes(scope: FastifyInstance, app: App): void {
  const r = scope.withTypeProvider<TypeBoxTypeProvider>();

  r.put(
    '/customers/:externalId',
    {
      config: { access: 'customers:write' },
      schema: {
        tags: ['customers'],
        summary: 'Create or replace a customer by your own (external) id',
        params: Type.Object({ externalId: ExternalIdSchema }),
        body: Strict(customerFields),
        response: { 200: CustomerSchema, 201: CustomerSchema },
      },
    },
    async (request, reply) => {
      const { customer, created } = await app.customers.upsertByExternalId(
        auditContext(request),
        request.params.externalId,
        request.body,
      );
      return reply.code(created ? 201 : 200).send(customer);
    },
  );

  r.post(
    '/customers',
    {
      config: { access: 'customers:write' },
      schema: {
        tags: ['customers'],
        summary:
          'Create a customer (the console\'s "new customer"). An identifier of another customer answers 409 IDENTIFIER_CONFLICT, an external id of another 409 EXTERNAL_ID_TAKEN',
        body: Strict({ ...customerFields, externalId: Type.Optional(Nullable(ExternalIdSchema)) }),
        response: { 201: CustomerSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await app.customers.create(auditContext(request), request.body)),
  );

  r.patch(
    '/customers/:id',
    {
      config: { access: 'customers:write' },
      schema: {
        tags: ['customers'],
        summary:
          'Change a customer: only the fields given (`identifiers`, when given, replaces them all; `name: null` clears it). The change is audited and in force on every server',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        body: Type.Object(
          { ...customerFields, externalId: Type.Optional(Nullable(ExternalIdSchema)) },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: CustomerSchema },
      },
    },
    async (request) => app.customers.update(auditContext(request), request.params.id, request.body),
  );

  r.get(
    '/customers/:id',
    {
      config: { access: 'customers:read' },
      schema: {
        tags: ['customers'],
        summary:
          'The 360 view: a customer with identifiers, blocklist entries, consent, recent messages and complaints (the read is audited)',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: Customer360Schema },
      },
    },
    async (request) => customer360(app, auditContext(request), request.params.id),
  );

  r.get(
    '/customers',
    {
      config: { access: 'customers:read' },
      schema: {
        tags: ['customers'],
        summary: 'Look a customer up by identifier (`identifier=phone:138 0013 8000`), or list customers',
        querystring: Strict({
          ...PageQuery,
          cursor: idCursor('cus'),
          identifier: Type.Optional(Type.String({ minLength: 3, maxLength: 340 })),
          tier: Type.Optional(Type.String({ maxLength: 32 })),
          protected: Type.Optional(Type.Boolean()),
        }),
        response: { 200: Page(CustomerSchema) },
      },
    },
    async (request) => {
      const q = request.query;
      if (q.identifier !== undefined) {
        const identifier = parseIdentifierRef(q.identifier, { defaultRegion: app.config.defaultRegion });
        return { items: await app.customers.lookup(auditContext(request), identifier), nextCursor: null };
      }
      if (q.cursor !== undefined && !/^cus_[0-9a-z]+$/.test(q.cursor))
        throw new WardenError('VALIDATION_FAILED', 'bad cursor');
      return app.customers.list(auditContext(request), {
        limit: q.limit ?? 50,
        cursor: q.cursor,
        tier: q.tier,
        protected: q.protected,
      });
    },
  );
}
