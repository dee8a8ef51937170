import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { App } from '../app.js';
import { channels } from '../blocklist/model.js';
import { keyCustomerRisk } from '../blocklist/service.js';
import { screenReasonCode } from '../core/coded-text.js';
import { WardenError } from '../core/errors.js';
import { auditContext } from '../http/auth.js';
import {
  CodedTextSchema,
  CustomerCardSchema,
  ErrorCodeSchema,
  IsoDate,
  idCursor,
  Nullable,
  PageQuery,
  parseTime,
  Strict,
} from '../http/schemas.js';
import { parseIdentifierRef } from '../identity/identifiers.js';
import { identifierTypes } from '../identity/model.js';
import type { ScreenInput, ScreenReason, ScreenResult } from './model.js';

const Channel = Type.Union(channels.map((c) => Type.Literal(c)));
const senderTypes = identifierTypes.filter((t) => t !== 'email_domain' && t !== 'phone_prefix');
const From = Type.Object(
  Object.fromEntries(
    senderTypes.map((t) => [t, Type.Optional(Type.String({ minLength: 1, maxLength: 320 }))]),
  ),
  {
    additionalProperties: false,
    minProperties: 1,
    description: 'Identifier type → value, e.g. {"phone": "+86 138 0013 8000"}',
  },
);
const ScreenBody = Strict({
  channel: Channel,
  source: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  from: From,
  text: Type.String({ maxLength: 20_000 }),
  sessionId: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  receivedAt: Type.Optional(Type.String({ format: 'date-time' })),
  externalId: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
});
const ConsentSchema = Strict({
  identifier: Strict({ type: Type.Union(identifierTypes.map((t) => Type.Literal(t))), value: Type.String() }),
  purpose: Type.Unsafe<string>({ type: 'string', enum: ['marketing'] }),
  status: Type.Union([Type.Literal('opted_in'), Type.Literal('opted_out')]),
  method: Type.Union(
    ['inbound_keyword', 'console', 'api', 'import'].map((m) => Type.Literal(m)),
    {
      description: 'How it was given: `inbound_keyword` is a STOP / 退订 reply',
    },
  ),
  updatedAt: IsoDate,
});

const Reason = Type.Object({
  kind: Type.String(),
  id: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  detail: Type.String(),
  mode: Type.Optional(Type.String()),
  code: Type.Optional(
    Type.String({
      description:
        '`detail` as a stable code (`screen.rule` with `params.details`, `blocklist.full_block`, `blocklist.over_limit`, `screen.opt_out` …); `text` when it has none',
    }),
  ),
  params: Type.Optional(
    Type.Record(Type.String(), Type.Unknown(), { description: 'The values `code` is worded with' }),
  ),
});
const ScreenAnswer = Type.Object({
  messageId: Type.String(),
  decision: Type.String(),
  reasons: Type.Array(Reason),
  actions: Type.Object({
    autoReply: Nullable(Type.String()),
    tags: Type.Array(Type.String()),
    route: Nullable(Type.String()),
    priority: Nullable(Type.String()),
  }),
  customer: Nullable(Type.Object({ id: Type.String(), tier: Type.String() })),
  complaint: Nullable(Type.Object({ id: Type.String(), severity: Type.Number(), priority: Type.String() })),
  recorded: Type.Boolean({
    description:
      'True once the message is durably recorded. False during a database outage: the decision still holds, but the message is not in the history and no complaint was made from it.',
  }),
});

type ScreenBodyT = {
  channel: string;
  source?: string | null;
  from: Record<string, string | undefined>;
  text: string;
  sessionId?: string | null;
  receivedAt?: string;
  externalId?: string | null;
};

const BatchResult = Type.Union([
  ScreenAnswer,
  Strict(
    {
      error: Strict({
        code: ErrorCodeSchema,
        detail: Type.String(),
        errors: Type.Array(Strict({ field: Type.String(), message: Type.String() })),
      }),
    },
    { description: 'This message was not screened (e.g. a bad identifier); the others were' },
  ),
]);

const toInput = (b: ScreenBodyT): ScreenInput => ({
  channel: b.channel,
  source: b.source ?? null,
  from: Object.fromEntries(
    Object.entries(b.from).filter((e): e is [string, string] => typeof e[1] === 'string'),
  ),
  text: b.text,
  sessionId: b.sessionId ?? null,
  receivedAt: parseTime(b.receivedAt),
  externalId: b.externalId ?? null,
});

/** Each reason with its code and values beside the English `detail`. */
const withCodes = <R extends { kind: string; detail: string }>(reasons: R[]) =>
  reasons.map((r) => ({ ...r, ...screenReasonCode(r) }));

const answer = ({ identifiers: _identifiers, ...rest }: ScreenResult) =>
  rest.reasons.length === 0 ? rest : { ...rest, reasons: withCodes(rest.reasons) };

const recipient = (to: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(to).filter((e): e is [string, string] => typeof e[1] === 'string'));

const MessageSchema = Type.Object({
  id: Type.String(),
  receivedAt: Type.String(),
  channel: Type.String(),
  source: Nullable(Type.String()),
  customerId: Nullable(Type.String()),
  from: Type.Array(Type.Object({ type: Type.String(), value: Type.String() })),
  text: Type.String(),
  decision: Type.String(),
  reasons: Type.Array(Reason),
  actions: ScreenAnswer.properties.actions,
  externalId: Nullable(Type.String()),
  sessionId: Nullable(Type.String()),
  complaintId: Nullable(Type.String()),
  mark: Nullable(Type.String()),
  markedBy: Nullable(Type.String()),
  markedAt: Nullable(Type.String()),
  customer: Type.Optional(Nullable(CustomerCardSchema)),
});

export function screeningRoutes(scope: FastifyInstance, app: App): void {
  const r = scope.withTypeProvider<TypeBoxTypeProvider>();
  const region = { defaultRegion: app.config.defaultRegion };
  /** The customer as a person beside each message: name, masked contact, tier, key customer. */
  /** Messages as people read them: the customer as a card, each reason coded. */
  const withCustomers = async <M extends { customerId: string | null; reasons: ScreenReason[] }>(
    items: M[],
  ) => {
    const cards = await app.customers.cards(
      items.map((m) => m.customerId),
      (c) => keyCustomerRisk(c, app.config) !== null,
    );
    return items.map((m) => ({
      ...m,
      reasons: withCodes(m.reasons),
      customer: m.customerId ? (cards.get(m.customerId) ?? null) : null,
    }));
  };

  r.post(
    '/screen',
    {
      config: { access: 'screen' },
      schema: {
        tags: ['screening'],
        summary: 'Screen one inbound message',
        description:
          'Answers after the message is durably recorded (`recorded: true`); when the database cannot take the record, the decision made in memory is still answered, with `recorded: false`. A message that opts out or in is answered 503 RECORD_UNAVAILABLE instead when its consent cannot be saved. `decision` is allow, block, limit, restrict, drop, spam or quarantine; every reason is listed.',
        body: ScreenBody,
        response: { 200: ScreenAnswer },
      },
    },
    async (request) =>
      answer(await app.screening.screen(toInput(request.body), { ctx: auditContext(request) })),
  );

  r.post(
    '/screen/batch',
    {
      config: { access: 'screen' },
      schema: {
        tags: ['screening'],
        summary: 'Screen up to 1,000 messages in order',
        description:
          'Each message is screened in order (counters see the earlier ones). A message with a bad identifier gets an `error` item instead of a result; the others are screened.',
        body: Strict({ messages: Type.Array(ScreenBody, { minItems: 1, maxItems: 1000 }) }),
        response: {
          200: Strict({ results: Type.Array(BatchResult, { description: 'One per message, in order' }) }),
        },
      },
    },
    async (request) => {
      const results: Static<typeof BatchResult>[] = [];
      for (const m of request.body.messages) {
        try {
          results.push(answer(await app.screening.screen(toInput(m), { ctx: auditContext(request) })));
        } catch (err) {
          if (!(err instanceof WardenError)) throw err;
          results.push({ error: { code: err.code, detail: err.message, errors: err.errors ?? [] } });
        }
      }
      return { results };
    },
  );

  r.post(
    '/outbound/check',
    {
      config: { access: 'outbound:check' },
      schema: {
        tags: ['screening'],
        summary: 'May we send this (purpose, channel) to this recipient?',
        description:
          'Marketing is refused to opted-out, level-1 blocked or channel-restricted recipients and beyond the per-recipient frequency cap. A check is not a send: asking changes nothing, and the cap counts only sends reported to Warden — `"send": true` here records one when the answer is allowed (`sent: true` in the answer), or report it afterwards with `POST /outbound/sent`. Transactional messages are always allowed but the reasons still list what applies.',
        body: Strict({
          to: From,
          channel: Channel,
          purpose: Type.Union([Type.Literal('marketing'), Type.Literal('transactional')]),
          send: Type.Optional(
            Type.Boolean({
              description: 'the message goes out if allowed: count it against the cap (default false)',
            }),
          ),
          count: Type.Optional(Type.Boolean({ description: 'deprecated name of `send`', deprecated: true })),
        }),
        response: {
          200: Type.Object({
            allowed: Type.Boolean(),
            reasons: Type.Array(
              Type.Object({
                kind: Type.String(),
                detail: Type.String(),
                entryId: Type.Optional(Type.String()),
              }),
            ),
            sent: Type.Boolean({ description: 'a send was recorded against the cap' }),
          }),
        },
      },
    },
    async (request) => {
      const b = request.body;
      return app.outbound.check(recipient(b.to), b.channel, b.purpose, b.send ?? b.count ?? false);
    },
  );

  r.post(
    '/outbound/sent',
    {
      config: { access: 'outbound:check' },
      schema: {
        tags: ['screening'],
        summary: 'Report a message as sent, so it counts against the marketing cap',
        description:
          'For a team that checks first and sends later (or sends without a check): a marketing send counts against the recipient’s frequency cap from now on; a transactional one is not counted.',
        body: Strict({
          to: From,
          channel: Channel,
          purpose: Type.Union([Type.Literal('marketing'), Type.Literal('transactional')]),
        }),
        response: {
          200: Type.Object({
            counted: Type.Boolean(),
            sentInWindow: Type.Integer(),
            cap: Type.Object({ max: Type.Integer(), windowSeconds: Type.Integer() }),
          }),
        },
      },
    },
    async (request) => app.outbound.recordSent(recipient(request.body.to), request.body.purpose),
  );

  r.get(
    '/consents',
    {
      config: { access: 'consents:read' },
      schema: {
        tags: ['screening'],
        summary: 'Consent records of an identifier',
        querystring: Strict({ identifier: Type.String({ minLength: 3, maxLength: 340 }) }),
        response: { 200: Strict({ items: Type.Array(ConsentSchema) }) },
      },
    },
    async (request) => {
      const identifier = parseIdentifierRef(request.query.identifier, region);
      const items = await app.consent.get(identifier);
      await app.audit.append(app.store.db, auditContext(request), {
        action: 'consent.read',
        targetType: 'consent',
        summary: { count: items.length },
      });
      return { items };
    },
  );

  r.put(
    '/consents',
    {
      config: { access: 'consents:write' },
      schema: {
        tags: ['screening'],
        summary: 'Set marketing consent for an identifier',
        querystring: Strict({ identifier: Type.String({ minLength: 3, maxLength: 340 }) }),
        body: Strict({
          purpose: Type.Optional(Type.Literal('marketing')),
          status: Type.Union([Type.Literal('opted_in'), Type.Literal('opted_out')]),
          method: Type.Optional(
            Type.Union([Type.Literal('console'), Type.Literal('api'), Type.Literal('import')]),
          ),
        }),
        response: { 200: ConsentSchema },
      },
    },
    async (request) => {
      const identifier = parseIdentifierRef(request.query.identifier, region);
      const [consent] = await app.consent.set(
        auditContext(request),
        [identifier],
        request.body.purpose ?? 'marketing',
        request.body.status,
        request.body.method ?? 'api',
      );
      return consent;
    },
  );

  r.get(
    '/messages',
    {
      config: { access: 'messages:read' },
      schema: {
        tags: ['screening'],
        summary: 'Screened messages, newest first',
        querystring: Strict({
          ...PageQuery,
          cursor: idCursor('msg'),
          decision: Type.Optional(Type.String({ maxLength: 20 })),
          channel: Type.Optional(Channel),
          customerId: Type.Optional(Type.String({ maxLength: 64 })),
          identifier: Type.Optional(Type.String({ maxLength: 340 })),
          ruleId: Type.Optional(Type.String({ maxLength: 64 })),
          mark: Type.Optional(
            Type.Union([
              Type.Literal('spam'),
              Type.Literal('not_spam'),
              Type.Literal('invalid'),
              Type.Literal('unmarked'),
            ]),
          ),
          from: Type.Optional(Type.String({ format: 'date-time' })),
          to: Type.Optional(Type.String({ format: 'date-time' })),
        }),
        response: {
          200: Type.Object({ items: Type.Array(MessageSchema), nextCursor: Nullable(Type.String()) }),
        },
      },
    },
    async (request) => {
      const q = request.query;
      if (q.cursor !== undefined && !/^msg_[0-9a-z]+$/.test(q.cursor))
        throw new WardenError('VALIDATION_FAILED', 'bad cursor');
      const identifier = q.identifier ? parseIdentifierRef(q.identifier, region) : undefined;
      const page = await app.messages.list(auditContext(request), {
        limit: q.limit ?? 50,
        cursor: q.cursor,
        decision: q.decision,
        channel: q.channel,
        customerId: q.customerId,
        senderIndex: identifier ? app.keys.blindIndex(identifier.type, identifier.value) : undefined,
        ruleId: q.ruleId,
        mark: q.mark,
        from: parseTime(q.from),
        to: parseTime(q.to),
      });
      return { ...page, items: await withCustomers(page.items) };
    },
  );

  r.get(
    '/messages/:id',
    {
      config: { access: 'messages:read' },
      schema: {
        tags: ['screening'],
        summary: 'One screened message',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: MessageSchema },
      },
    },
    async (request) => {
      const [message] = await withCustomers([
        await app.messages.get(auditContext(request), request.params.id),
      ]);
      return message;
    },
  );

  r.post(
    '/messages/:id/marks',
    {
      config: { access: 'messages:mark' },
      schema: {
        tags: ['screening'],
        summary: "An agent's mark: spam, not_spam or invalid (teaches the spam model)",
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        body: Strict({
          mark: Type.Union([Type.Literal('spam'), Type.Literal('not_spam'), Type.Literal('invalid')]),
        }),
        response: { 200: MessageSchema },
      },
    },
    async (request) => app.messages.mark(auditContext(request), request.params.id, request.body.mark),
  );

  // Open (additionalProperties) so that fields added later are not dropped by the serializer.
  const AlertSchema = Type.Object(
    {
      id: Type.String(),
      kind: Type.String(),
      severity: Type.String(),
      title: Type.String({ description: 'In English, for API users; `message` is the same as a code' }),
      message: CodedTextSchema,
      detail: Type.Record(Type.String(), Type.Unknown()),
      target: Type.Object({ type: Nullable(Type.String()), id: Nullable(Type.String()) }),
      status: Type.String(),
      createdAt: Type.String(),
      ackedAt: Nullable(Type.String()),
      ackedBy: Nullable(Type.String()),
    },
    { additionalProperties: true },
  );

  r.get(
    '/alerts',
    {
      config: { access: 'alerts:read' },
      schema: {
        tags: ['alerts'],
        summary: 'Alerts, newest first',
        querystring: Strict({
          ...PageQuery,
          status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('acked')])),
          kind: Type.Optional(Type.String({ maxLength: 40 })),
        }),
        response: {
          200: Type.Object(
            { items: Type.Array(AlertSchema), nextCursor: Nullable(Type.String()) },
            { additionalProperties: true },
          ),
        },
      },
    },
    async (request) => {
      const q = request.query;
      return app.alerts.list({ limit: q.limit ?? 50, cursor: q.cursor, status: q.status, kind: q.kind });
    },
  );

  r.post(
    '/alerts/ack',
    {
      config: { access: 'alerts:ack', problems: ['NOT_FOUND'] },
      schema: {
        tags: ['alerts'],
        summary:
          'Acknowledge several alerts at once, all or none (an unknown id answers 404 and changes nothing)',
        body: Strict({
          ids: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
            minItems: 1,
            maxItems: 500,
            uniqueItems: true,
          }),
        }),
        response: { 200: Type.Object({ items: Type.Array(AlertSchema) }) },
      },
    },
    async (request) => ({ items: await app.alerts.ackMany(auditContext(request), request.body.ids) }),
  );

  r.post(
    '/alerts/:id/ack',
    {
      config: { access: 'alerts:ack' },
      schema: {
        tags: ['alerts'],
        summary: 'Acknowledge an alert',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: AlertSchema },
      },
    },
    async (request) => app.alerts.ack(auditContext(request), request.params.id),
  );
}
