import type { SwaggerOptions } from '@fastify/swagger';
import { type TSchema, Type } from '@sinclair/typebox';
import type { TemplateName } from '../notify/model.js';

/**
 * The OpenAPI 3.1 `webhooks` section: what Warden POSTs to
 * WARDEN_WEBHOOK_URL (src/notify/channels/webhook.ts), so a receiver can be
 * generated from the same document as the clients.
 */

const ComplaintData = Type.Object(
  {
    ref: Type.String({ description: 'The short reference the customer sees (the id for older complaints)' }),
    complaintId: Type.String({ pattern: '^cmp_[0-9a-z]+$' }),
    sla: Type.String({ format: 'date-time', description: 'When the complaint is due' }),
    category: Type.String(),
    status: Type.String(),
    team: Type.String(),
  },
  { additionalProperties: true },
);

const AlertData = Type.Object(
  {
    title: Type.String(),
    kind: Type.String({
      description: 'e.g. complaint_p1, surge, auto_block, protected_customer, review_due',
    }),
    severity: Type.String(),
    link: Type.String({ description: 'The alert in the console' }),
    alertId: Type.String({ pattern: '^alr_[0-9a-z]+$' }),
    detail: Type.Unknown(),
  },
  { additionalProperties: true },
);

const BlocklistNoticeData = Type.Object(
  {
    date: Type.String({ format: 'date-time', description: 'When the restriction starts or ends' }),
    entryId: Type.String({ pattern: '^blk_[0-9a-z]+$' }),
    category: Type.String(),
  },
  { additionalProperties: true },
);

function payload(event: TemplateName, data: TSchema, subjectType: string) {
  return Type.Object({
    id: Type.String({ description: 'The notification id, also in `x-warden-id`; the same on a retry' }),
    event: Type.Literal(event),
    createdAt: Type.String({ format: 'date-time' }),
    locale: Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]),
    subject: Type.Union([Type.Object({ type: Type.Literal(subjectType), id: Type.String() }), Type.Null()]),
    data,
    message: Type.Object(
      { subject: Type.String(), text: Type.String() },
      { description: 'The notification rendered in `locale`' },
    ),
  });
}

const headers = [
  {
    name: 'x-warden-signature',
    in: 'header' as const,
    required: true,
    description:
      '`sha256=` and the hex HMAC-SHA-256, keyed with WARDEN_WEBHOOK_SECRET, of `<x-warden-timestamp>.<raw body>`. ' +
      'Compare in constant time and refuse old timestamps (verifyWebhookSignature in src/notify/channels/webhook.ts).',
    schema: { type: 'string', pattern: '^sha256=[0-9a-f]{64}$' },
  },
  {
    name: 'x-warden-timestamp',
    in: 'header' as const,
    required: true,
    description: 'Unix seconds when this attempt was signed',
    schema: { type: 'string', pattern: '^[0-9]+$' },
  },
  {
    name: 'x-warden-id',
    in: 'header' as const,
    required: true,
    description: 'The notification id: a retry repeats it, so receivers can drop duplicates',
    schema: { type: 'string' },
  },
];

const events: Record<TemplateName, { summary: string; data: TSchema; subject: string }> = {
  'complaint.received': { summary: 'A complaint was opened', data: ComplaintData, subject: 'complaint' },
  'complaint.processing': {
    summary: 'A complaint is being worked on',
    data: ComplaintData,
    subject: 'complaint',
  },
  'complaint.resolved': { summary: 'A complaint was resolved', data: ComplaintData, subject: 'complaint' },
  'complaint.auto_reply': {
    summary: 'An automatic reply went to a complaining customer',
    data: ComplaintData,
    subject: 'complaint',
  },
  'alert.raised': { summary: 'An alert was raised', data: AlertData, subject: 'alert' },
  'blocklist.started': {
    summary: 'A notice to a customer that an entry restricts their contact (settings `/settings/blocklist`)',
    data: BlocklistNoticeData,
    subject: 'blocklist_entry',
  },
  'blocklist.released': {
    summary: 'A notice to a customer that their contact is no longer restricted',
    data: BlocklistNoticeData,
    subject: 'blocklist_entry',
  },
};

type Webhooks = Extract<
  NonNullable<Extract<SwaggerOptions, { openapi?: unknown }>['openapi']>,
  { webhooks?: unknown }
>['webhooks'];

// TypeBox schemas are JSON Schema; the OpenAPI typings want their own schema objects.
export const webhooks = Object.fromEntries(
  Object.entries(events).map(([event, e]) => [
    event,
    {
      post: {
        summary: e.summary,
        description:
          'POSTed to WARDEN_WEBHOOK_URL through the durable outbox. Any 2xx is an acknowledgement; ' +
          'anything else (or no answer in time) is retried with backoff.',
        parameters: headers,
        requestBody: {
          required: true,
          content: { 'application/json': { schema: payload(event as TemplateName, e.data, e.subject) } },
        },
        responses: { '2XX': { description: 'Received' } },
      },
    },
  ]),
) as unknown as Webhooks;
