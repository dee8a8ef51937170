/**
 * Text the server writes for people (rule findings, reasons, delivery errors)
 * also travels as a stable code with its values, so the console can say it in
 * the reader's language; the English text stays beside it for API users.
 *
 * @example
 * ruleDetailCode('messageCount 51 > 50 in 86400s')
 * // → { code: 'rule.message_count', params: { count: 51, gt: 50, windowSeconds: 86400 } }
 */
export interface CodedText {
  code: string;
  params: Record<string, unknown>;
}

const num = (s: string | undefined) => Number(s);

/** Each finding the rule compiler writes (src/rules/compiler.ts `explain`), by its shape. */
const RULE_DETAILS: readonly [RegExp, (m: RegExpMatchArray) => CodedText][] = [
  [
    /^messageCount (\d+) > (\d+) in (\d+)s$/,
    (m) => ({
      code: 'rule.message_count',
      params: { count: num(m[1]), gt: num(m[2]), windowSeconds: num(m[3]) },
    }),
  ],
  [/^keywords: (.*)$/s, (m) => ({ code: 'rule.keywords', params: { words: m[1] ?? '' } })],
  [
    /^duplicate: (\d+) earlier cop(?:y|ies) in (\d+)s \((sender|all)(, near)?\)$/,
    (m) => ({
      code: 'rule.duplicate',
      params: { count: num(m[1]), windowSeconds: num(m[2]), scope: m[3], near: m[4] !== undefined },
    }),
  ],
  [
    /^spamScore (\S+) ≥ (\S+)$/,
    (m) => ({ code: 'rule.spam_score', params: { score: num(m[1]), gte: num(m[2]) } }),
  ],
  [
    /^sentiment (\S+) ≤ (\S+)$/,
    (m) => ({ code: 'rule.sentiment', params: { sentiment: num(m[1]), lte: num(m[2]) } }),
  ],
  [/^timeOfDay (\S+) in (.+)$/, (m) => ({ code: 'rule.time_of_day', params: { time: m[1], range: m[2] } })],
  [/^regex (.+) matched$/s, (m) => ({ code: 'rule.regex', params: { pattern: m[1] } })],
  [
    /^(channel|source|tier|identifierType) (.+)$/,
    (m) => ({ code: 'rule.attribute', params: { attribute: m[1], value: m[2] } }),
  ],
  [/^not (.+)$/s, (m) => ({ code: 'rule.not', params: { condition: m[1] } })],
  // Screening's own reasons (src/screening/service.ts).
  [/^level 1: full block$/, () => ({ code: 'blocklist.full_block', params: {} })],
  [
    /^level 2: more than (\d+) messages in (\d+)s$/,
    (m) => ({ code: 'blocklist.over_limit', params: { max: num(m[1]), windowSeconds: num(m[2]) } }),
  ],
  [
    /^level 3: (\S+) is not an allowed channel$/,
    (m) => ({ code: 'blocklist.channel_not_allowed', params: { channel: m[1] } }),
  ],
];

/** A rule finding or screening reason as a code; `text` with the whole line for one we do not know. */
export function ruleDetailCode(detail: string): CodedText {
  for (const [shape, make] of RULE_DETAILS) {
    const m = detail.match(shape);
    if (m) return make(m);
  }
  return { code: 'text', params: { text: detail } };
}

/** What screening writes on each reason (src/screening/model.ts `ScreenReason`). */
interface ReasonLike {
  kind: string;
  detail: string;
}

const OPT_REASONS: Record<string, string> = {
  opt_out: 'screen.opt_out',
  opt_in: 'screen.opt_in',
  opt_out_question: 'screen.opt_out_question',
};

/**
 * A screening reason's `detail` as a code: a rule's findings (`screen.rule`
 * with each finding coded in `details`), a blocklist level, an opt-out.
 *
 * @example
 * screenReasonCode({ kind: 'rule', detail: 'messageCount 51 > 50 in 86400s' })
 * // → { code: 'screen.rule', params: { details: [{ code: 'rule.message_count', … }] } }
 */
export function screenReasonCode(reason: ReasonLike): CodedText {
  if (reason.kind === 'rule')
    return {
      code: 'screen.rule',
      params: { details: reason.detail.split('; ').filter(Boolean).map(ruleDetailCode) },
    };
  const opt = OPT_REASONS[reason.kind];
  if (opt) return { code: opt, params: {} };
  return ruleDetailCode(reason.detail);
}

/**
 * A blocklist entry's reason: the ones Warden writes itself (a watch rule's
 * auto-block, `rule "name": finding; finding`) as a code with each finding
 * coded; a person's own words as `text`.
 */
export function blocklistReasonCode(reason: string, source: string): CodedText {
  if (source.startsWith('rule:')) {
    const m = reason.match(/^rule "(.*)": (.*)$/s);
    if (m)
      return {
        code: 'blocklist.rule_added',
        params: {
          rule: m[1],
          ruleId: source.slice('rule:'.length),
          details: (m[2] ?? '').split('; ').filter(Boolean).map(ruleDetailCode),
        },
      };
  }
  return { code: 'text', params: { text: reason } };
}

/** A notification's failure (src/notify/outbox.ts, its channels and templates) as a code. */
export function deliveryErrorCode(error: string | null): CodedText | null {
  if (error === null) return null;
  if (error === 'channel not configured') return { code: 'delivery.not_configured', params: {} };
  if (error === 'the customer was erased') return { code: 'delivery.customer_erased', params: {} };
  let m = error.match(/^no recipient for (\w+)$/);
  if (m) return { code: 'delivery.no_recipient', params: { channel: m[1] } };
  m = error.match(/^no recipient (phone number|e-mail address)$/);
  if (m)
    return { code: 'delivery.no_recipient', params: { channel: m[1] === 'phone number' ? 'sms' : 'email' } };
  m = error.match(/^interrupted while sending \(lease expired\) after (\d+) attempts$/);
  if (m) return { code: 'delivery.interrupted', params: { attempts: num(m[1]) } };
  m = error.match(/^no answer within (\d+(?:\.\d+)?) s$/);
  if (m) return { code: 'delivery.timeout', params: { seconds: num(m[1]) } };
  m = error.match(/^HTTP (\d{3})(?: (.*))?$/s);
  if (m) return { code: 'delivery.http_status', params: { status: num(m[1]), text: m[2] ?? '' } };
  m = error.match(/^(?:no template (\S+)|template (\S+) (?:needs a value for|uses undeclared) \{(\w+)\})$/);
  if (m) return { code: 'delivery.template', params: { template: m[1] ?? m[2], field: m[3] ?? '' } };
  return { code: 'delivery.failed', params: { text: error } };
}
