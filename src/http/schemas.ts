import { type TSchema, Type } from '@sinclair/typebox';
import { type ErrorCode, errorCatalog } from '../core/errors.js';
import { localDays } from '../core/local-days.js';

/** Shared schema pieces for routes. Objects reject unknown fields. */
export const Strict = <T extends Record<string, TSchema>>(props: T, options: { description?: string } = {}) =>
  Type.Object(props, { additionalProperties: false, ...options });

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
};

/**
 * A list's cursor, with the pattern the route accepts, so a cursor the
 * document allows is one the server takes (one pattern: validation and docs).
 */
export const CursorQuery = (pattern: string, description = 'the `nextCursor` of the previous page') =>
  Type.Optional(Type.String({ maxLength: 200, pattern, description }));

/** Lists keyed by a prefixed id: the cursor is the last id of the page. */
export const idCursor = (prefix: string) => CursorQuery(`^${prefix}_[0-9a-z]+$`);

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });

/** Every code a problem+json answer can carry (src/core/errors.ts). */
export const ErrorCodeSchema = Type.Unsafe<ErrorCode>({
  type: 'string',
  enum: Object.keys(errorCatalog),
  description: 'Stable error code; see the response descriptions for which each status carries',
});

/**
 * RFC 9457 problem details. Extra members a code adds (`allow` on a 405,
 * `permission` on a 403, `retryAfter` on a 429, a conflict's details) are
 * allowed, so the serializer passes them through.
 */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer({ minimum: 400, maximum: 599 }),
    detail: Type.String(),
    code: ErrorCodeSchema,
    instance: Type.Optional(Type.String()),
    requestId: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
    permission: Type.Optional(Type.String({ description: 'FORBIDDEN: the permission the route needs' })),
    identifier: Type.Optional(
      Type.Object(
        { code: Type.String(), params: Type.Record(Type.String(), Type.Unknown()) },
        {
          description:
            'INVALID_IDENTIFIER: the identifier type’s code (`INVALID_PHONE`, `INVALID_EMAIL`, …) and `params.problem` (`too_short`, `no_at`, …) when known',
        },
      ),
    ),
    retryAfter: Type.Optional(
      Type.Integer({
        description: 'LOGIN_THROTTLED, RATE_LIMITED: seconds to wait (also the Retry-After header)',
      }),
    ),
  },
  { $id: 'Problem', additionalProperties: true, description: 'RFC 9457 problem details with a stable code' },
);

export const IsoDate = Type.String({ format: 'date-time' });
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/**
 * The query of a figure counted per day: how many days, and in which zone a
 * day begins. The zone is checked by the handler (`localDays`), so an unknown
 * one answers `INVALID_TIME_ZONE`.
 */
export const DaysQuery = Strict({
  days: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 366, description: 'Days up to and including today; 30' }),
  ),
  timeZone: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 64,
      description:
        'IANA time zone whose calendar days are counted, e.g. `Asia/Shanghai` (a message at 17:30 UTC counts on the next day there); UTC when left out. An unknown zone: 400 `INVALID_TIME_ZONE`.',
      examples: ['Asia/Shanghai'],
    }),
  ),
});

/** The days a `DaysQuery` asks for, counted back from `now`. */
export const daysOf = (now: number, q: { days?: number | undefined; timeZone?: string | undefined }) =>
  localDays(now, q.days ?? 30, q.timeZone ?? 'UTC');

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
