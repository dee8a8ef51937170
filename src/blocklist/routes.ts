import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { App } from '../app.js';
import { WardenError } from '../core/errors.js';
import { auditContext, principalOf } from '../http/auth.js';
import {
  CodedTextSchema,
  CustomerCardSchema,
  DaysQuery,
  daysOf,
  IsoDate,
  idCursor,
  Nullable,
  PageQuery,
  parseTime,
  Strict,
} from '../http/schemas.js';
import { parseIdentifierRef } from '../identity/identifiers.js';
import { identifierTypes } from '../identity/model.js';
import { channels } from './model.js';
import { resolveReleaseReason } from './release-settings.js';
import type { EntryPatch } from './service.js';

const Level = Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3)]);
const Limit = Strict({
  max: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  windowSeconds: Type.Integer({ minimum: 1, maximum: 366 * 86_400 }),
});
const Channel = Type.Union(channels.map((c) => Type.Literal(c)));
const Time = Type.String({ format: 'date-time' });
const Id = Type.String({ maxLength: 64 });
const Reason = Type.String({ minLength: 1, maxLength: 2000 });
const ReasonCode = Type.String({
  minLength: 1,
  maxLength: 40,
  description: 'a release reason key from /settings/blocklist, or `other` (with `text`)',
});
const IdentifierInput = Strict({
  type: Type.Union(identifierTypes.map((t) => Type.Literal(t))),
  value: Type.String({ minLength: 1, maxLength: 320 }),
});

const ExemptionSchema = Type.Object({
  id: Type.String(),
  from: Nullable(Type.String()),
  until: Nullable(Type.String()),
  sessionId: Nullable(Type.String()),
  channel: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  createdBy: Nullable(Type.String()),
  createdAt: Type.String(),
  revokedAt: Nullable(Type.String()),
  active: Type.Boolean(),
});

const EntrySchema = Type.Object({
  id: Type.String(),
  customerId: Nullable(Type.String()),
  identifier: Nullable(Type.Object({ type: Type.String(), value: Type.String() })),
  level: Type.Integer(),
  limit: Nullable(Type.Object({ max: Type.Integer(), windowSeconds: Type.Integer() })),
  allowedChannels: Nullable(Type.Array(Type.String())),
  category: Type.String(),
  reason: Type.String(),
  reasonCode: CodedTextSchema,
  source: Type.String(),
  ownerId: Nullable(Type.String()),
  createdBy: Nullable(Type.String()),
  status: Type.String(),
  reviewDue: Type.Boolean(),
  startsAt: Nullable(Type.String()),
  expiresAt: Nullable(Type.String()),
  reviewAt: Nullable(Type.String()),
  releasedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  exemptions: Type.Array(ExemptionSchema),
  /** On lists: the customer as a person (name, masked contact, tier). */
  customer: Type.Optional(Nullable(CustomerCardSchema)),
});

const HistorySchema = Type.Object({
  id: Type.String(),
  at: Type.String(),
  kind: Type.String(),
  actor: Type.Object({ type: Type.String(), id: Nullable(Type.String()) }),
  detail: Type.Record(Type.String(), Type.Unknown()),
  note: Nullable(Type.String()),
});

const CategorySchema = Type.Object({
  key: Type.String(),
  labels: Type.Object({ 'zh-CN': Type.String(), en: Type.String() }),
  defaultLevel: Type.Integer(),
  defaultLimit: Nullable(Type.Object({ max: Type.Integer(), windowSeconds: Type.Integer() })),
  reviewDays: Nullable(Type.Integer()),
  builtin: Type.Boolean(),
});

const PatchBody = Strict({
  level: Type.Optional(Level),
  limit: Type.Optional(Nullable(Limit)),
  allowedChannels: Type.Optional(Nullable(Type.Array(Channel, { minItems: 1, uniqueItems: true }))),
  category: Type.Optional(Type.String({ maxLength: 64 })),
  reason: Type.Optional(Reason),
  startsAt: Type.Optional(Nullable(Time)),
  expiresAt: Type.Optional(Nullable(Time)),
  reviewAt: Type.Optional(Nullable(Time)),
  ownerId: Type.Optional(Nullable(Id)),
  confirm: Type.Optional(Type.Boolean()),
});

const timeOrNull = (v: string | null | undefined) =>
  v === undefined ? undefined : v === null ? null : (parseTime(v) ?? null);

function toPatch(b: Static<typeof PatchBody>): EntryPatch {
  const p: EntryPatch = {};
  if (b.level !== undefined) p.level = b.level;
  if (b.limit !== undefined) p.limit = b.limit;
  if (b.allowedChannels !== undefined) p.allowedChannels = b.allowedChannels;
  if (b.category !== undefined) p.category = b.category;
  if (b.reason !== undefined) p.reason = b.reason;
  if (b.startsAt !== undefined) p.startsAt = timeOrNull(b.startsAt) ?? null;
  if (b.expiresAt !== undefined) p.expiresAt = timeOrNull(b.expiresAt) ?? null;
  if (b.reviewAt !== undefined) p.reviewAt = timeOrNull(b.reviewAt) ?? null;
  if (b.ownerId !== undefined) p.ownerId = b.ownerId;
  return p;
}

const Counts = (by: string) =>
  Type.Record(Type.String(), Type.Integer({ minimum: 0 }), { description: `Entries by ${by}` });

const statuses = ['pending', 'scheduled', 'active', 'expired', 'released', 'rejected', 'review_due'] as const;

export function blocklistRoutes(scope: FastifyInstance, app: App): void {
  const r = scope.withTypeProvider<TypeBoxTypeProvider>();
  const region = { defaultRegion: app.config.defaultRegion };
  const tags = ['blocklist'];

  r.post(
    '/blocklist',
    {
      config: { access: 'blocklist:write' },
      schema: {
        tags,
        summary: 'Add an entry for an identifier (incl. phone_prefix, email_domain, ip CIDR) or a customer',
        description:
          'A key customer (protected, a protected tier, or lifetime value at or above the threshold) answers 428 CONFIRMATION_REQUIRED unless `"confirm": true`.',
        body: Strict({
          identifier: Type.Optional(IdentifierInput),
          customerId: Type.Optional(Id),
          level: Type.Optional(Level),
          limit: Type.Optional(Nullable(Limit)),
          allowedChannels: Type.Optional(Nullable(Type.Array(Channel, { minItems: 1, uniqueItems: true }))),
          category: Type.String({ minLength: 1, maxLength: 64 }),
          reason: Reason,
          startsAt: Type.Optional(Nullable(Time)),
          expiresAt: Type.Optional(Nullable(Time)),
          reviewAt: Type.Optional(Nullable(Time)),
          ownerId: Type.Optional(Nullable(Id)),
          status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('pending')])),
          confirm: Type.Optional(Type.Boolean()),
        }),
        response: { 201: EntrySchema },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const entry = await app.blocklist.create(auditContext(request), {
        identifier: b.identifier,
        customerId: b.customerId,
        level: b.level,
        limit: b.limit,
        allowedChannels: b.allowedChannels,
        category: b.category,
        reason: b.reason,
        startsAt: timeOrNull(b.startsAt),
        expiresAt: timeOrNull(b.expiresAt),
        reviewAt: timeOrNull(b.reviewAt),
        ownerId: b.ownerId,
        status: b.status,
        confirm: b.confirm,
      });
      return reply.code(201).send(entry);
    },
  );

  r.get(
    '/blocklist',
    {
      config: { access: 'blocklist:read' },
      schema: {
        tags,
        summary: 'Search entries, newest first',
        querystring: Strict({
          ...PageQuery,
          cursor: idCursor('blk'),
          level: Type.Optional(Level),
          category: Type.Optional(Type.String({ maxLength: 64 })),
          status: Type.Optional(Type.Union(statuses.map((s) => Type.Literal(s)))),
          source: Type.Optional(
            Type.String({
              maxLength: 100,
              description: '`manual`, `import`, `rule` (any rule) or `rule:<id>`',
            }),
          ),
          owner: Type.Optional(Type.String({ maxLength: 64, description: 'owner user id, or `me`' })),
          identifier: Type.Optional(
            Type.String({ maxLength: 340, description: 'type:value, e.g. phone:13800138000' }),
          ),
          customerId: Type.Optional(Id),
          q: Type.Optional(Type.String({ maxLength: 200, description: 'words in the reason' })),
        }),
        response: {
          200: Type.Object({ items: Type.Array(EntrySchema), nextCursor: Nullable(Type.String()) }),
        },
      },
    },
    async (request) => {
      const q = request.query;
      if (q.cursor !== undefined && !/^blk_[0-9a-z]+$/.test(q.cursor))
        throw new WardenError('VALIDATION_FAILED', 'bad cursor');
      const owner = q.owner === 'me' ? (principalOf(request).actor.id ?? undefined) : q.owner;
      return app.blocklist.list(auditContext(request), {
        limit: q.limit ?? 50,
        cursor: q.cursor,
        level: q.level,
        category: q.category,
        status: q.status,
        source: q.source,
        ownerId: owner,
        identifier: q.identifier ? parseIdentifierRef(q.identifier, region) : undefined,
        customerId: q.customerId,
        q: q.q,
      });
    },
  );

  r.get(
    '/blocklist/check',
    {
      config: { access: 'blocklist:read' },
      schema: {
        tags,
        summary: 'Is this identifier blocked, and how (from the in-memory policy index)',
        querystring: Strict({
          identifier: Type.String({ minLength: 3, maxLength: 340 }),
          channel: Type.Optional(Channel),
          sessionId: Type.Optional(Type.String({ maxLength: 200 })),
        }),
        response: {
          200: Strict({
            decision: Type.Union(['allow', 'block', 'limit', 'restrict'].map((d) => Type.Literal(d))),
            entry: Nullable(EntrySchema),
            limits: Type.Array(
              Strict({
                id: Type.String(),
                limit: Nullable(Strict({ max: Type.Integer(), windowSeconds: Type.Integer() })),
              }),
              { description: 'Rate-limit (level 2) entries that apply, whether or not over their limit' },
            ),
            customerId: Nullable(Type.String()),
          }),
        },
      },
    },
    async (request) => {
      const q = request.query;
      const identifier = parseIdentifierRef(q.identifier, region);
      const { result, customerId } = await app.blocklist.check(
        identifier,
        q.channel ?? 'sms',
        q.sessionId ?? null,
      );
      return {
        decision: result.decision,
        entry: result.entry ? await app.blocklist.summaryOf(result.entry.id) : null,
        limits: result.limits.map((l) => ({ id: l.id, limit: l.limit })),
        customerId,
      };
    },
  );

  r.get(
    '/blocklist/reminders',
    {
      config: { access: 'blocklist:read' },
      schema: {
        tags,
        summary: 'Open review reminders (`mine=true` for the caller’s own)',
        querystring: Strict({ mine: Type.Optional(Type.Boolean()) }),
        response: {
          200: Strict({
            items: Type.Array(
              Strict({
                id: Type.String(),
                entryId: Type.String(),
                ownerId: Nullable(Type.String()),
                dueAt: IsoDate,
                createdAt: IsoDate,
                doneAt: Nullable(IsoDate),
                entry: Strict({
                  category: Type.String(),
                  level: Type.Integer({ minimum: 1, maximum: 3 }),
                  target: Type.String({ description: 'Masked identifier, or `customer <id>`' }),
                }),
              }),
              { maxItems: 500 },
            ),
          }),
        },
      },
    },
    async (request) => {
      const me = principalOf(request).actor.id ?? undefined;
      return { items: await app.blocklist.listReminders({ ownerId: request.query.mine ? me : undefined }) };
    },
  );

  r.get(
    '/blocklist/categories',
    {
      config: { access: 'blocklist:read' },
      schema: {
        tags,
        summary: 'Categories and their policies',
        response: { 200: Type.Object({ items: Type.Array(CategorySchema) }) },
      },
    },
    async () => ({ items: await app.blocklist.categories.list() }),
  );

  const CategoryBody = {
    labels: Strict({
      'zh-CN': Type.String({ minLength: 1, maxLength: 50 }),
      en: Type.String({ minLength: 1, maxLength: 50 }),
    }),
    defaultLevel: Level,
    defaultLimit: Type.Optional(Nullable(Limit)),
    reviewDays: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 3650 }))),
  };

  r.post(
    '/blocklist/categories',
    {
      config: { access: 'categories:write' },
      schema: {
        tags,
        summary: 'Add a category',
        body: Strict({ key: Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$' }), ...CategoryBody }),
        response: { 201: CategorySchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await app.blocklist.categories.create(auditContext(request), request.body)),
  );

  r.patch(
    '/blocklist/categories/:key',
    {
      config: { access: 'categories:write' },
      schema: {
        tags,
        summary: 'Change a category’s labels or policies',
        params: Type.Object({ key: Type.String({ maxLength: 64 }) }),
        body: Strict({
          labels: Type.Optional(CategoryBody.labels),
          defaultLevel: Type.Optional(Level),
          defaultLimit: CategoryBody.defaultLimit,
          reviewDays: CategoryBody.reviewDays,
        }),
        response: { 200: CategorySchema },
      },
    },
    async (request) =>
      app.blocklist.categories.update(auditContext(request), request.params.key, request.body),
  );

  r.get(
    '/blocklist/:id',
    {
      config: { access: 'blocklist:read' },
      schema: {
        tags,
        summary:
          'An entry with its full history (created, changed, violations, exemptions, reviews, release)',
        params: Type.Object({ id: Id }),
        response: { 200: Type.Intersect([EntrySchema, Type.Object({ history: Type.Array(HistorySchema) })]) },
      },
    },
    async (request) => app.blocklist.get(auditContext(request), request.params.id),
  );

  r.patch(
    '/blocklist/:id',
    {
      config: { access: 'blocklist:write' },
      schema: {
        tags,
        summary: 'Change an entry',
        params: Type.Object({ id: Id }),
        body: PatchBody,
        response: { 200: EntrySchema },
      },
    },
    async (request) => {
      const { confirm, ...rest } = request.body;
      return app.blocklist.update(auditContext(request), request.params.id, toPatch(rest), confirm === true);
    },
  );

  r.post(
    '/blocklist/:id/release',
    {
      config: { access: 'blocklist:write' },
      schema: {
        tags,
        summary: 'Release an entry (kept with its history)',
        description:
          'The reason is a `reasonCode` from the release reasons in `/settings/blocklist` (with optional `text`; `other` requires `text`), or a free-text `reason` as before. An unknown code answers 400 UNKNOWN_RELEASE_REASON with `validCodes`. When the category has the release notice on, the customer is told through the outbox.',
        params: Type.Object({ id: Id }),
        body: Strict({
          reason: Type.Optional(Reason),
          reasonCode: Type.Optional(ReasonCode),
          text: Type.Optional(Type.String({ maxLength: 2000 })),
        }),
        response: { 200: EntrySchema },
      },
    },
    async (request) =>
      app.blocklist.release(
        auditContext(request),
        request.params.id,
        resolveReleaseReason(app.settings.blocklist, request.body, true),
      ),
  );

  // A supervisor's decision on an entry a rule proposed: the two routes differ only in the verdict.
  for (const [verb, approve] of [
    ['approve', true],
    ['reject', false],
  ] as const) {
    r.post(
      `/blocklist/:id/${verb}`,
      {
        config: { access: 'blocklist:write' },
        schema: {
          tags,
          summary: `${approve ? 'Approve' : 'Reject'} an entry a rule proposed`,
          params: Type.Object({ id: Id }),
          body: Type.Optional(Strict({ note: Type.Optional(Type.String({ maxLength: 2000 })) })),
          response: { 200: EntrySchema },
        },
      },
      async (request) =>
        app.blocklist.decide(auditContext(request), request.params.id, approve, request.body?.note ?? null),
    );
  }

  r.post(
    '/blocklist/:id/exemptions',
    {
      config: { access: 'blocklist:write' },
      schema: {
        tags,
        summary: 'Temporary release: for a window (from, until) or one sessionId, optionally one channel',
        description:
          'The reason is optional: a `reasonCode` from `/settings/blocklist` (with optional `text`; `other` requires `text`) or a free-text `reason`.',
        params: Type.Object({ id: Id }),
        body: Strict({
          from: Type.Optional(Nullable(Time)),
          until: Type.Optional(Nullable(Time)),
          sessionId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 200 }))),
          channel: Type.Optional(Nullable(Channel)),
          reason: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
          reasonCode: Type.Optional(ReasonCode),
          text: Type.Optional(Type.String({ maxLength: 2000 })),
        }),
        response: { 201: ExemptionSchema },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const why = resolveReleaseReason(
        app.settings.blocklist,
        { reasonCode: b.reasonCode, text: b.text, reason: b.reason ?? undefined },
        false,
      );
      const ex = await app.blocklist.addExemption(auditContext(request), request.params.id, {
        from: timeOrNull(b.from) ?? null,
        until: timeOrNull(b.until) ?? null,
        sessionId: b.sessionId ?? null,
        channel: b.channel ?? null,
        reason: why.note,
        reasonCode: why.code,
      });
      return reply.code(201).send(ex);
    },
  );

  r.delete(
    '/blocklist/:id/exemptions/:eid',
    {
      config: { access: 'blocklist:write' },
      schema: {
        tags,
        summary: 'End a temporary release now',
        params: Type.Object({ id: Id, eid: Id }),
        response: { 200: ExemptionSchema },
      },
    },
    async (request) =>
      app.blocklist.revokeExemption(auditContext(request), request.params.id, request.params.eid),
  );

  r.post(
    '/blocklist/:id/reviews',
    {
      config: { access: 'blocklist:write' },
      schema: {
        tags,
        summary: 'Record a review: keep, change (with changes) or release, with a note',
        params: Type.Object({ id: Id }),
        body: Strict({
          decision: Type.Union([Type.Literal('keep'), Type.Literal('change'), Type.Literal('release')]),
          note: Type.String({ minLength: 1, maxLength: 2000 }),
          changes: Type.Optional(PatchBody),
          nextReviewAt: Type.Optional(Nullable(Time)),
        }),
        response: { 200: EntrySchema },
      },
    },
    async (request) => {
      const b = request.body;
      return app.blocklist.review(auditContext(request), request.params.id, {
        decision: b.decision,
        note: b.note,
        ...(b.changes ? { changes: toPatch(b.changes) } : {}),
        ...(b.nextReviewAt !== undefined ? { nextReviewAt: timeOrNull(b.nextReviewAt) ?? null } : {}),
      });
    },
  );

  r.get(
    '/analytics/blocklist',
    {
      config: { access: 'analytics:read' },
      schema: {
        tags: ['analytics'],
        summary: 'Counts by level, category, status, source; additions and releases per day',
        querystring: DaysQuery,
        response: {
          200: Strict({
            byLevel: Counts('level (`1`, `2`, `3`)'),
            byCategory: Counts('category key'),
            byStatus: Counts('status (`pending`, `scheduled`, `active`, `expired`, `released`, `rejected`)'),
            reviewDue: Type.Integer({ minimum: 0 }),
            bySource: Counts('source (`manual`, `import`, `rule`, …)'),
            perDay: Type.Array(
              Strict({
                day: Type.String({ format: 'date' }),
                added: Type.Integer({ minimum: 0 }),
                released: Type.Integer({ minimum: 0 }),
              }),
            ),
          }),
        },
      },
    },
    async (request) => app.blocklist.analytics(daysOf(app.clock.now(), request.query)),
  );
}
