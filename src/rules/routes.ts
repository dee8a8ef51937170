import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { App } from '../app.js';
import { auditContext } from '../http/auth.js';
import { IsoDate, Nullable, parseTime, Strict } from '../http/schemas.js';
import type { Condition, RuleAction } from './model.js';

// Conditions and actions are checked in depth by validateRuleDraft (JSON pointers
// in the errors); the schema only fixes their outer shape.
const Conditions = Type.Object(
  {},
  {
    additionalProperties: true,
    description: 'A condition tree: all / any / not over the leaves of DESIGN.md',
  },
);
const Actions = Type.Array(Type.Object({ type: Type.String() }, { additionalProperties: true }), {
  minItems: 1,
  maxItems: 20,
});
const Stage = Type.Union([Type.Literal('filter'), Type.Literal('watch')]);
const Mode = Type.Union([Type.Literal('enforce'), Type.Literal('shadow')], {
  description: '`shadow` (the default for a new rule) records hits without acting; `enforce` acts',
});
const Name = Type.String({ minLength: 1, maxLength: 100 });
const Priority = Type.Integer({ minimum: -100_000, maximum: 100_000 });
const DraftBody = Strict({
  name: Name,
  stage: Stage,
  mode: Type.Optional(Mode),
  enabled: Type.Optional(Type.Boolean()),
  priority: Type.Optional(Priority),
  conditions: Conditions,
  actions: Actions,
});

const ActionType = Type.Union(
  [
    'reject',
    'drop',
    'mark_spam',
    'quarantine',
    'auto_reply',
    'tag',
    'route',
    'set_priority',
    'add_to_blocklist',
    'notify',
  ].map((t) => Type.Literal(t)),
);

/** A rule as stored: its conditions and actions as validated when it was saved. */
const RuleSchema = Strict({
  id: Type.String(),
  name: Type.String(),
  stage: Stage,
  mode: Mode,
  enabled: Type.Boolean(),
  priority: Type.Integer({ description: 'Higher runs first' }),
  conditions: Conditions,
  actions: Type.Array(Type.Object({ type: ActionType }, { additionalProperties: true })),
  version: Type.Integer({ minimum: 1, description: 'Bumped on each change' }),
  createdBy: Nullable(Type.String()),
  createdAt: IsoDate,
  updatedAt: IsoDate,
});

const Count = Type.Integer({ minimum: 0 });

const RuleStatsSchema = Strict({
  ruleId: Type.String(),
  name: Type.String(),
  hits: Count,
  enforced: Count,
  shadow: Count,
  marks: Strict({ spam: Count, notSpam: Count, invalid: Count }),
  precision: Nullable(
    Type.Number({
      minimum: 0,
      maximum: 1,
      description: 'spam marks / (spam + not-spam marks); null before any mark',
    }),
  ),
  flagged: Type.Boolean({ description: 'Many false positives: ≥ 5 marked hits and precision under 0.7' }),
});

const TrialSchema = Strict({
  scanned: Count,
  matched: Count,
  truncated: Type.Boolean({ description: 'The scan stopped at its limit before the end of the period' }),
  samples: Type.Array(
    Strict({
      messageId: Type.String(),
      receivedAt: IsoDate,
      channel: Type.String(),
      decision: Type.String(),
      text: Type.String(),
      details: Type.Array(Type.String()),
    }),
  ),
});

export function ruleRoutes(scope: FastifyInstance, app: App): void {
  const r = scope.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['rules'];
  const asDraft = (b: { conditions: object; actions: object[] }) => ({
    conditions: b.conditions as Condition,
    actions: b.actions as RuleAction[],
  });

  r.get(
    '/rules',
    {
      config: { access: 'rules:read' },
      schema: {
        tags,
        summary: 'Filter and watch rules, highest priority first',
        querystring: Strict({ stage: Type.Optional(Stage) }),
        response: { 200: Strict({ items: Type.Array(RuleSchema) }) },
      },
    },
    async (request) => ({ items: await app.rules.list({ stage: request.query.stage }) }),
  );

  r.post(
    '/rules',
    {
      config: { access: 'rules:write' },
      schema: {
        tags,
        summary: 'Create a rule (takes effect on the next message)',
        body: DraftBody,
        response: { 201: RuleSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await app.rules.create(auditContext(request), { ...request.body, ...asDraft(request.body) })),
  );

  r.post(
    '/rules/trial',
    {
      config: { access: 'rules:write' },
      schema: {
        tags,
        summary: 'Try a draft over stored messages of a period: how many and which would match',
        body: Strict({
          rule: DraftBody,
          from: Type.Optional(Type.String({ format: 'date-time' })),
          to: Type.Optional(Type.String({ format: 'date-time' })),
          samples: Type.Optional(Type.Integer({ minimum: 0, maximum: 200 })),
        }),
        response: { 200: TrialSchema },
      },
    },
    async (request) => {
      const b = request.body;
      const to = parseTime(b.to) ?? app.clock.now();
      const from = parseTime(b.from) ?? to - 7 * 86_400_000;
      return app.rules.trial(
        auditContext(request),
        { ...b.rule, ...asDraft(b.rule) },
        { from, to, ...(b.samples !== undefined ? { samples: b.samples } : {}) },
      );
    },
  );

  r.get(
    '/rules/:id',
    {
      config: { access: 'rules:read' },
      schema: {
        tags,
        summary: 'One rule',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: RuleSchema },
      },
    },
    async (request) => app.rules.get(request.params.id),
  );

  r.patch(
    '/rules/:id',
    {
      config: { access: 'rules:write' },
      schema: {
        tags,
        summary: 'Change a rule (e.g. switch shadow ↔ enforce, enable/disable)',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        body: Strict({
          name: Type.Optional(Name),
          stage: Type.Optional(Stage),
          mode: Type.Optional(Mode),
          enabled: Type.Optional(Type.Boolean()),
          priority: Type.Optional(Priority),
          conditions: Type.Optional(Conditions),
          actions: Type.Optional(Actions),
        }),
        response: { 200: RuleSchema },
      },
    },
    async (request) => {
      const { conditions, actions, ...rest } = request.body;
      return app.rules.update(auditContext(request), request.params.id, {
        ...rest,
        ...(conditions ? { conditions: conditions as Condition } : {}),
        ...(actions ? { actions: actions as RuleAction[] } : {}),
      });
    },
  );

  r.delete(
    '/rules/:id',
    {
      config: { access: 'rules:write' },
      schema: {
        tags,
        summary: 'Delete a rule (its hits stay in the statistics)',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 204: { type: 'null', description: 'Deleted' } },
      },
    },
    async (request, reply) => {
      await app.rules.remove(auditContext(request), request.params.id);
      return reply.code(204).send();
    },
  );

  r.get(
    '/rules/:id/stats',
    {
      config: { access: 'rules:read' },
      schema: {
        tags,
        summary: 'Hits (enforced vs shadow) and precision from agents’ marks',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        querystring: Strict({
          from: Type.Optional(Type.String({ format: 'date-time' })),
          to: Type.Optional(Type.String({ format: 'date-time' })),
        }),
        response: { 200: RuleStatsSchema },
      },
    },
    async (request) =>
      app.rules.stats(request.params.id, {
        from: parseTime(request.query.from),
        to: parseTime(request.query.to),
      }),
  );
}
