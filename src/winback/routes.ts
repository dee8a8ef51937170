import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { App } from '../app.js';
import { auditContext, principalOf } from '../http/auth.js';
import { CustomerCardSchema, idCursor, Nullable, PageQuery, parseTime, Strict } from '../http/schemas.js';
import { DAY, milestoneKinds, outcomes, statsGroups, statsIntervals } from './model.js';
import type { CasePatch } from './service.js';

const Id = Type.String({ maxLength: 64 });
const Time = Type.String({ format: 'date-time' });
const literals = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));
const MilestoneKind = literals(milestoneKinds);
const Outcome = literals(outcomes);
const Satisfaction = Type.Integer({ minimum: 1, maximum: 5 });
const Text = Type.String({ maxLength: 8000 });

const MilestoneSchema = Type.Object({
  kind: MilestoneKind,
  dueAt: Nullable(Type.String()),
  doneAt: Nullable(Type.String()),
  overdue: Type.Boolean(),
});

const CaseSchema = Type.Object({
  id: Type.String(),
  entryId: Type.String(),
  customerId: Nullable(Type.String()),
  category: Type.String(),
  ownerId: Nullable(Type.String()),
  ownerName: Nullable(Type.String()),
  template: Nullable(Type.String()),
  plan: Type.Array(Type.Object({ text: Type.String(), done: Type.Boolean() })),
  script: Nullable(Type.String()),
  notes: Nullable(Type.String()),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')], {
    description: '`open`, or `closed` once it has an outcome',
  }),
  outcome: Nullable(Outcome),
  satisfactionBefore: Nullable(Type.Integer()),
  satisfactionAfter: Nullable(Type.Integer()),
  createdBy: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  closedAt: Nullable(Type.String()),
  milestones: Type.Array(MilestoneSchema),
  customer: Type.Optional(Nullable(CustomerCardSchema)),
});

const StatsRowSchema = Type.Object({
  key: Type.String({ description: 'category key, or owner user id' }),
  label: Type.String(),
  period: Type.String({ description: 'week (its Monday, UTC) as YYYY-MM-DD, or month as YYYY-MM' }),
  cases: Type.Integer(),
  closed: Type.Integer({ description: 'cases with an outcome' }),
  wonBack: Type.Integer(),
  lost: Type.Integer(),
  noResponse: Type.Integer(),
  rate: Nullable(Type.Number({ description: 'wonBack / closed; null when none is closed' })),
});

const timeOrNull = (v: string | null | undefined) =>
  v === undefined ? undefined : v === null ? null : (parseTime(v) ?? null);

/** `/winback…`: win-back cases for customers whose blocklist entry was released. */
export function winbackRoutes(scope: FastifyInstance, app: App): void {
  const r = scope.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['winback'];

  r.post(
    '/winback',
    {
      config: {
        access: 'winback:write',
        problems: [
          'BLOCKLIST_ENTRY_NOT_FOUND',
          'USER_NOT_FOUND',
          'WINBACK_ENTRY_NOT_RELEASED',
          'WINBACK_CASE_EXISTS',
        ],
      },
      schema: {
        tags,
        summary: 'Open a win-back case from a released (or temporarily released) blocklist entry',
        description:
          'An entry still in force answers 409 WINBACK_ENTRY_NOT_RELEASED; one with an open case 409 WINBACK_CASE_EXISTS. `template` (a key from `/settings/blocklist` `winbackTemplates`) fills the plan and script in `locale`; milestones are due 2, 7 and 30 days on unless `dueAt` says otherwise. Script and notes are encrypted at rest.',
        body: Strict({
          entryId: Id,
          ownerId: Type.Optional(Nullable(Id)),
          template: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
          locale: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')])),
          plan: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { maxItems: 30 })),
          script: Type.Optional(Nullable(Text)),
          notes: Type.Optional(Nullable(Text)),
          dueAt: Type.Optional(
            Strict({
              contacted: Type.Optional(Nullable(Time)),
              responded: Type.Optional(Nullable(Time)),
              repurchased: Type.Optional(Nullable(Time)),
            }),
          ),
          satisfactionBefore: Type.Optional(Nullable(Satisfaction)),
        }),
        response: { 201: CaseSchema },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const dueAt: Partial<Record<(typeof milestoneKinds)[number], number | null>> = {};
      for (const k of milestoneKinds) {
        const v = timeOrNull(b.dueAt?.[k]);
        if (v !== undefined) dueAt[k] = v;
      }
      const created = await app.winback.create(auditContext(request), {
        entryId: b.entryId,
        ownerId: b.ownerId,
        template: b.template,
        locale: b.locale,
        plan: b.plan,
        script: b.script,
        notes: b.notes,
        dueAt,
        satisfactionBefore: b.satisfactionBefore,
      });
      return reply.code(201).send(created);
    },
  );

  r.get(
    '/winback',
    {
      config: { access: 'winback:read' },
      schema: {
        tags,
        summary: 'Win-back cases, newest first',
        querystring: Strict({
          ...PageQuery,
          cursor: idCursor('wbk'),
          status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
          outcome: Type.Optional(Outcome),
          owner: Type.Optional(Type.String({ maxLength: 64, description: 'owner user id, or `me`' })),
          category: Type.Optional(Type.String({ maxLength: 64 })),
          entryId: Type.Optional(Id),
          customerId: Type.Optional(Id),
          overdue: Type.Optional(Type.Boolean({ description: 'only open cases with a milestone past due' })),
        }),
        response: {
          200: Type.Object({ items: Type.Array(CaseSchema), nextCursor: Nullable(Type.String()) }),
        },
      },
    },
    async (request) => {
      const q = request.query;
      return app.winback.list(auditContext(request), {
        limit: q.limit ?? 50,
        cursor: q.cursor,
        status: q.status,
        outcome: q.outcome,
        ownerId: q.owner === 'me' ? (principalOf(request).actor.id ?? undefined) : q.owner,
        category: q.category,
        entryId: q.entryId,
        customerId: q.customerId,
        overdue: q.overdue,
      });
    },
  );

  r.get(
    '/winback/stats',
    {
      config: { access: 'winback:read' },
      schema: {
        tags,
        summary: 'Win-back rate by category or owner, per week or month',
        description:
          'Over the cases opened in [from, to) (default: the last 90 days): per group and period the cases, those with an outcome (`closed`), won back, lost, no response, and `rate` = wonBack / closed. `totals` are per group over the whole window.',
        querystring: Strict({
          from: Type.Optional(Time),
          to: Type.Optional(Time),
          groupBy: Type.Optional(literals(statsGroups)),
          interval: Type.Optional(literals(statsIntervals)),
        }),
        response: {
          200: Type.Object({
            from: Type.String(),
            to: Type.String(),
            groupBy: literals(statsGroups),
            interval: literals(statsIntervals),
            rows: Type.Array(StatsRowSchema),
            totals: Type.Array(Type.Omit(StatsRowSchema, ['period'])),
          }),
        },
      },
    },
    async (request) => {
      const q = request.query;
      const to = parseTime(q.to) ?? app.clock.now();
      return app.winback.stats({
        from: parseTime(q.from) ?? to - 90 * DAY,
        to,
        groupBy: q.groupBy ?? 'category',
        interval: q.interval ?? 'week',
      });
    },
  );

  r.get(
    '/winback/:id',
    {
      config: { access: 'winback:read' },
      schema: {
        tags,
        summary: 'A win-back case with its plan, script, notes and milestones',
        params: Type.Object({ id: Id }),
        response: { 200: CaseSchema },
      },
    },
    async (request) => app.winback.get(auditContext(request), request.params.id),
  );

  r.patch(
    '/winback/:id',
    {
      config: { access: 'winback:write' },
      schema: {
        tags,
        summary: 'Change the owner, plan, script, notes, milestones, outcome or satisfaction',
        description:
          'A milestone `{"kind": "contacted", "done": true}` records when it was done (ticking it again keeps the first time); `dueAt` moves it. An `outcome` closes the case; `null` opens it again. Audited with the fields changed.',
        params: Type.Object({ id: Id }),
        body: Strict({
          ownerId: Type.Optional(Nullable(Id)),
          plan: Type.Optional(
            Type.Array(
              Strict({ text: Type.String({ minLength: 1, maxLength: 500 }), done: Type.Boolean() }),
              {
                maxItems: 30,
              },
            ),
          ),
          script: Type.Optional(Nullable(Text)),
          notes: Type.Optional(Nullable(Text)),
          milestones: Type.Optional(
            Type.Array(
              Strict({
                kind: MilestoneKind,
                dueAt: Type.Optional(Nullable(Time)),
                done: Type.Optional(Type.Boolean()),
              }),
              { maxItems: 3 },
            ),
          ),
          outcome: Type.Optional(Nullable(Outcome)),
          satisfactionBefore: Type.Optional(Nullable(Satisfaction)),
          satisfactionAfter: Type.Optional(Nullable(Satisfaction)),
        }),
        response: { 200: CaseSchema },
      },
    },
    async (request) => {
      const b = request.body;
      const patch: CasePatch = {};
      if (b.ownerId !== undefined) patch.ownerId = b.ownerId;
      if (b.plan !== undefined) patch.plan = b.plan;
      if (b.script !== undefined) patch.script = b.script;
      if (b.notes !== undefined) patch.notes = b.notes;
      if (b.outcome !== undefined) patch.outcome = b.outcome;
      if (b.satisfactionBefore !== undefined) patch.satisfactionBefore = b.satisfactionBefore;
      if (b.satisfactionAfter !== undefined) patch.satisfactionAfter = b.satisfactionAfter;
      if (b.milestones !== undefined)
        patch.milestones = b.milestones.map((m) => ({
          kind: m.kind,
          ...(m.done !== undefined ? { done: m.done } : {}),
          ...(m.dueAt !== undefined ? { dueAt: timeOrNull(m.dueAt) ?? null } : {}),
        }));
      return app.winback.update(auditContext(request), request.params.id, patch);
    },
  );
}
