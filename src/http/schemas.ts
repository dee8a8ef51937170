import { type TSchema, Type } from '@sinclair/typebox';

/** Shared schema pieces for routes. Objects reject unknown fields. */
export const Strict = <T extends Record<string, TSchema>>(props: T, options: { description?: string } = {}) =>
  Type.Object(props, { additionalProperties: false, ...options });

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
};

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String(),
    requestId: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details with a stable code' },
);

export const IsoDate = Type.String({ format: 'date-time' });
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** Parses an ISO date-time from a query string; undefined if absent. */
export function parseTime(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

/** A customer as a list shows them: name, masked contact, tier, key customer. */
export const CustomerCardSchema = Type.Object({
  id: Type.String(),
  name: Nullable(Type.String()),
  contact: Nullable(Type.String({ description: 'Masked: +86 138****8000' })),
  tier: Type.String(),
  keyCustomer: Type.Boolean({
    description: 'VIP tier, marked protected, or lifetime value above the threshold',
  }),
});

/** Server-written text as a stable code with its values (src/core/coded-text.ts), for the console to word. */
export const CodedTextSchema = Type.Object(
  {
    code: Type.String({
      description:
        "Stable code, e.g. `rule.message_count`, `blocklist.rule_added`, `alert.surge`, `delivery.not_configured`; `text` when the words are a person's own (then `params.text`)",
    }),
    params: Type.Record(Type.String(), Type.Unknown(), { description: 'The values the code is worded with' }),
  },
  { description: 'The same thing as the English text beside it, as a code and values' },
);
