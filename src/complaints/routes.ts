import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { App } from '../app.js';
import { channels } from '../blocklist/model.js';
import { WardenError } from '../core/errors.js';
import { auditContext, principalOf } from '../http/auth.js';
import {
  CursorQuery,
  CustomerCardSchema,
  DaysQuery,
  daysOf,
  Nullable,
  Page,
  PageQuery,
  Strict,
} from '../http/schemas.js';
import { identifierTypes } from '../identity/model.js';
import { complaintStatuses, dueSoonMs, priorities } from './model.js';
import { COMPLAINT_CURSOR } from './service.js';
import { complaintCategories, customCategoryKey } from './settings-document.js';

/** Screening's channels, plus `phone` for a call centre agent logging a call (DESIGN.md's example). */
const complaintChannels = [...channels, 'phone'] as const;
const Channel = Type.Union(complaintChannels.map((c) => Type.Literal(c)));
/** A built-in category or a team's own (settings `categories`); an unknown key answers UNKNOWN_COMPLAINT_CATEGORY. */
const Category = Type.String({
  pattern: customCategoryKey.source,
  description: 'a built-in category (logistics, after_sales, …, other) or the key of one added in settings',
});
const Localised = Type.Object({ 'zh-CN': Type.String(), en: Type.String() });
const CategoryInfo = Type.Object({
  key: Type.String(),
  builtIn: Type.Boolean(),
  enabled: Type.Boolean(),
  team: Type.String(),
  /** The team's label; null for a built-in it did not rename. */
  label: Nullable(Localised),
});
const Status = Type.Union(complaintStatuses.map((s) => Type.Literal(s)));
const PriorityLiteral = Type.Union(priorities.map((p) => Type.Literal(p)));

const Factor = Type.Object({ name: Type.String(), points: Type.Number(), detail: Type.String() });

export const ComplaintSchema = Type.Object({
  id: Type.String(),
  customerId: Nullable(Type.String()),
  channel: Type.String(),
  channels: Type.Array(Type.String()),
  category: Type.String(),
  sentiment: Type.Number(),
  riskWords: Type.Array(Type.String()),
  severity: Type.Integer({ minimum: 0, maximum: 100 }),
  factors: Type.Array(Factor),
  priority: PriorityLiteral,
  team: Type.String(),
  queue: Type.String(),
  assigneeId: Nullable(Type.String()),
  status: Status,
  orderId: Nullable(Type.String()),
  text: Type.String(),
  messageCount: Type.Integer(),
  locale: Type.String(),
  slaDueAt: Type.String(),
  escalatedAt: Nullable(Type.String()),
  resolvedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  reference: Nullable(
    Type.String({ description: 'short human reference the customer sees, e.g. TS-20261205-0042' }),
  ),
  fromBlockedSender: Type.Boolean({
    description: 'a message of it came from a blocked, rate-limited or channel-restricted sender',
  }),
  customer: Type.Optional(Nullable(CustomerCardSchema)),
  assigneeName: Type.Optional(Nullable(Type.String())),
});

const TimelineEvent = Type.Object({
  at: Type.String(),
  kind: Type.String(),
  actor: Type.Object({ type: Type.String(), id: Nullable(Type.String()) }),
  detail: Type.Record(Type.String(), Type.Unknown()),
  note: Nullable(Type.String()),
});

const ComplaintDetailSchema = Type.Intersect([
  ComplaintSchema,
  Type.Object({ timeline: Type.Array(TimelineEvent) }),
]);

const Counts = Type.Record(Type.String(), Type.Integer());

const Analytics = Type.Object({
  days: Type.Integer(),
  total: Type.Integer(),
  perDay: Type.Array(
    Type.Object({
      day: Type.String(),
      total: Type.Integer(),
      byCategory: Counts,
      byChannel: Counts,
      byPriority: Counts,
    }),
  ),
  sla: Type.Object({ resolved: Type.Integer(), met: Type.Integer(), metPercent: Nullable(Type.Number()) }),
  topRiskWords: Type.Array(Type.Object({ word: Type.String(), count: Type.Integer() })),
  repeatComplainants: Type.Object({ count: Type.Integer(), customerIds: Type.Array(Type.String()) }),
});

const senderTypes = identifierTypes.filter((t) => t !== 'email_domain' && t !== 'phone_prefix');
const FromSchema = Type.Object(
  Object.fromEntries(
    senderTypes.map((t) => [t, Type.Optional(Type.String({ minLength: 1, maxLength: 320 }))]),
  ),
  {
    additionalProperties: false,
    minProperties: 1,
    description: 'Identifier type → value, e.g. {"phone": "+86 138 0013 8000"}',
  },
);

export function complaintRoutes(scope: FastifyInstance, app: App): void {
  const r = scope.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['complaints'];

  r.post(
    '/complaints',
    {
      config: { access: 'complaints:write' },
      schema: {
        tags,
        summary:
          'Log a complaint directly (e.g. a call); joins the open one of the same customer and category',
        body: Strict({
          channel: Channel,
          from: FromSchema,
          text: Type.String({ minLength: 1, maxLength: 20_000 }),
          category: Type.Optional(Nullable(Category)),
          orderId: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
        }),
        response: { 201: ComplaintDetailSchema },
      },
    },
    async (request, reply) => {
      const b = request.body;
      if (b.category && !(b.category in app.settings.complaints.document.categories))
        throw new WardenError('UNKNOWN_COMPLAINT_CATEGORY', `no complaint category "${b.category}"`, {
          errors: [{ field: '/category', message: 'not a category in settings' }],
        });
      const complaint = await app.complaints.create(auditContext(request), {
        channel: b.channel,
        from: b.from as Record<string, string>,
        text: b.text,
        category: b.category,
        orderId: b.orderId,
      });
      return reply.code(201).send(complaint);
    },
  );

  r.get(
    '/complaints',
    {
      config: { access: 'complaints:read' },
      schema: {
        tags,
        summary: 'The queue: by priority, then severity (high first), then age (oldest first)',
        querystring: Strict({
          ...PageQuery,
          cursor: CursorQuery(
            COMPLAINT_CURSOR,
            'the `nextCursor` of the previous page: priority, severity, creation time (ms) and id of its last complaint',
          ),
          status: Type.Optional(Type.Union([Status, Type.Literal('open')])),
          team: Type.Optional(Type.String({ maxLength: 64 })),
          queue: Type.Optional(Type.String({ maxLength: 64 })),
          priority: Type.Optional(PriorityLiteral),
          channel: Type.Optional(Channel),
          category: Type.Optional(Category),
          customerId: Type.Optional(Type.String({ maxLength: 64 })),
          fromBlockedSender: Type.Optional(
            Type.Boolean({
              description:
                'true: only complaints with a message from a blocked, rate-limited or channel-restricted sender; false: only the others',
            }),
          ),
          assignee: Type.Optional(
            Type.String({
              maxLength: 64,
              description: 'A user id; `none` for the unassigned; `me` for the signed-in user',
            }),
          ),
          due: Type.Optional(
            Type.Union([Type.Literal('overdue'), Type.Literal('soon')], {
              description:
                '`overdue`: past its SLA; `soon`: due within the next two hours; open complaints unless `status` says otherwise',
            }),
          ),
        }),
        response: { 200: Page(ComplaintSchema) },
      },
    },
    async (request) => {
      const q = request.query;
      return app.complaints.list(auditContext(request), {
        limit: q.limit ?? 50,
        cursor: q.cursor,
        // Only an open complaint can be late: `due` alone means open ones.
        status: q.status ?? (q.due ? 'open' : undefined),
        team: q.team,
        queue: q.queue,
        priority: q.priority,
        channel: q.channel,
        category: q.category,
        customerId: q.customerId,
        fromBlockedSender: q.fromBlockedSender,
        assigneeId: assigneeFilter(request, q.assignee),
        ...dueFilter(q.due, app.clock.now()),
      });
    },
  );

  r.get(
    '/complaints/categories',
    {
      config: { access: 'complaints:read' },
      schema: {
        tags,
        summary: "Complaint categories in force: the built-ins and the team's own, with labels and teams",
        response: { 200: Type.Object({ items: Type.Array(CategoryInfo) }) },
      },
    },
    async () => {
      const builtIn = new Set<string>(complaintCategories);
      const categories = app.settings.complaints.document.categories;
      return {
        items: Object.entries(categories).map(([key, c]) => ({
          key,
          builtIn: builtIn.has(key),
          enabled: c.enabled !== false,
          team: c.team,
          label: c.label ?? null,
        })),
      };
    },
  );

  r.post(
    '/complaints/assign',
    {
      config: { access: 'complaints:write', problems: ['COMPLAINT_NOT_FOUND', 'USER_NOT_FOUND'] },
      schema: {
        tags,
        summary: 'Assign several complaints to one person (or unassign them with null), all or none',
        description:
          'An unknown complaint or user answers 404 and changes nothing. Each complaint gets its own event and audit entry.',
        body: Strict({
          ids: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
            minItems: 1,
            maxItems: 200,
            uniqueItems: true,
          }),
          assigneeId: Nullable(Type.String({ minLength: 1, maxLength: 64 })),
        }),
        response: { 200: Type.Object({ items: Type.Array(ComplaintSchema) }) },
      },
    },
    async (request) => ({
      items: await app.complaints.assignMany(
        auditContext(request),
        request.body.ids,
        request.body.assigneeId,
      ),
    }),
  );

  r.get(
    '/complaints/:id',
    {
      config: { access: 'complaints:read' },
      schema: {
        tags,
        summary: 'A complaint with its severity factors and timeline (events and notifications)',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: ComplaintDetailSchema },
      },
    },
    async (request) => app.complaints.get(auditContext(request), request.params.id),
  );

  r.patch(
    '/complaints/:id',
    {
      config: { access: 'complaints:write' },
      schema: {
        tags,
        summary: 'Assign, move status (received → processing → resolved → closed; reopened), add a note',
        description:
          'A status move the lifecycle does not allow answers 409 COMPLAINT_TRANSITION_INVALID. Moving to processing or resolved notifies the customer.',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        body: Strict({
          assigneeId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))),
          status: Type.Optional(Status),
          note: Type.Optional(Type.String({ minLength: 1, maxLength: 5000 })),
        }),
        response: { 200: ComplaintDetailSchema },
      },
    },
    async (request) => app.complaints.update(auditContext(request), request.params.id, request.body),
  );

  r.get(
    '/analytics/complaints',
    {
      config: { access: 'analytics:read' },
      schema: {
        tags: ['analytics'],
        summary:
          'Complaints per day by category, channel and priority; SLA met; top risk words; repeat complainants',
        querystring: DaysQuery,
        response: { 200: Analytics },
      },
    },
    async (request) => app.complaints.analytics(daysOf(app.clock.now(), request.query)),
  );
}

/** `assignee=me` is the signed-in user (an API key has no queue of its own); `none` the unassigned. */
function assigneeFilter(request: FastifyRequest, assignee: string | undefined): string | null | undefined {
  if (assignee === 'none') return null;
  if (assignee !== 'me') return assignee;
  const user = principalOf(request).user;
  if (!user)
    throw new WardenError('VALIDATION_FAILED', 'assignee=me needs a signed-in user, not an API key', {
      errors: [{ field: '/assignee', message: 'only a signed-in user has a "me"' }],
    });
  return user.id;
}

/** `due=overdue` is past its SLA now; `due=soon` is due within the next two hours. */
function dueFilter(due: 'overdue' | 'soon' | undefined, now: number) {
  if (due === 'overdue') return { dueBefore: now };
  if (due === 'soon') return { dueAfter: now, dueBefore: now + dueSoonMs };
  return {};
}
