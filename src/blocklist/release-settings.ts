import { type FieldError, WardenError } from '../core/errors.js';
import type { TemplateName } from '../notify/model.js';
import {
  declaredPlaceholders,
  defaultTemplateText,
  placeholdersIn,
  type TemplateOverrides,
  type TemplateText,
} from '../notify/templates.js';

type Localised<T> = { 'zh-CN': T; en: T };

/** The release reason that needs free text; always valid, never in the list itself. */
export const OTHER_REASON = 'other';

/** The customer notices an entry can send: when it starts applying, when it is released. */
export const blocklistNoticeKinds = ['started', 'released'] as const;
export type BlocklistNoticeKind = (typeof blocklistNoticeKinds)[number];
export const noticeTemplate = (kind: BlocklistNoticeKind): TemplateName => `blocklist.${kind}`;

export interface ReleaseReason {
  key: string;
  labels: Localised<string>;
}

/** A win-back plan to start a case from: its steps and a script, in zh-CN and en. */
export interface WinbackTemplate {
  key: string;
  labels: Localised<string>;
  steps: Localised<string[]>;
  script: Localised<string>;
}

/**
 * Blocklist wording a team changes at run time (`GET/PUT /settings/blocklist`):
 * the release reasons offered when an entry is released or temporarily
 * released, the optional notices to the customer (per category, off unless
 * switched on), and the win-back plan templates.
 */
export interface BlocklistSettingsDocument {
  releaseReasons: ReleaseReason[];
  notices: {
    /** Per category key: which notices go out. A category not listed sends none. */
    categories: Record<string, { started: boolean; released: boolean }>;
    templates: Record<BlocklistNoticeKind, Localised<TemplateText>>;
  };
  winbackTemplates: WinbackTemplate[];
}

export function defaultBlocklistSettings(): BlocklistSettingsDocument {
  const templates = {} as BlocklistSettingsDocument['notices']['templates'];
  for (const k of blocklistNoticeKinds)
    templates[k] = {
      'zh-CN': { ...defaultTemplateText(noticeTemplate(k), 'zh-CN') },
      en: { ...defaultTemplateText(noticeTemplate(k), 'en') },
    };
  return {
    releaseReasons: [
      { key: 'resolved', labels: { 'zh-CN': '问题已解决', en: 'Issue resolved' } },
      { key: 'mistaken', labels: { 'zh-CN': '误拉黑', en: 'Added by mistake' } },
      { key: 'customer_request', labels: { 'zh-CN': '客户申诉', en: 'Customer appeal' } },
      { key: 'key_customer', labels: { 'zh-CN': '重点客户挽回', en: 'Key customer win-back' } },
      { key: 'review', labels: { 'zh-CN': '复核后解除', en: 'Lifted after review' } },
    ],
    notices: { categories: {}, templates },
    winbackTemplates: [
      {
        key: 'apology',
        labels: { 'zh-CN': '致歉', en: 'Apology' },
        steps: {
          'zh-CN': ['电话或短信致歉，说明已解除限制', '倾听客户意见并记录', '一周后回访确认'],
          en: [
            'Apologise by phone or SMS and say the restriction is lifted',
            'Listen to the customer and note what they say',
            'Follow up after a week',
          ],
        },
        script: {
          'zh-CN':
            '您好，我是客服主管。之前对您的联系做了限制，给您带来不便，非常抱歉。限制现已解除，欢迎您随时联系我们。',
          en: 'Hello, I am a customer service supervisor. We restricted your contact with us earlier and we are sorry for the trouble. The restriction is lifted and you are welcome to contact us at any time.',
        },
      },
      {
        key: 'offer',
        labels: { 'zh-CN': '补偿优惠', en: 'Offer' },
        steps: {
          'zh-CN': ['致歉并提供优惠券或补偿', '确认客户已收到并可使用', '跟进是否再次下单'],
          en: [
            'Apologise and offer a voucher or compensation',
            'Check the customer received it and can use it',
            'Follow up on a new order',
          ],
        },
        script: {
          'zh-CN':
            '您好，之前的处理给您带来了不好的体验，我们为您准备了一张优惠券作为补偿，希望您能再给我们一次机会。',
          en: 'Hello, we are sorry for how things went. We have a voucher for you as compensation and hope you will give us another chance.',
        },
      },
      {
        key: 'follow_up_call',
        labels: { 'zh-CN': '回访电话', en: 'Follow-up call' },
        steps: {
          'zh-CN': ['预约回访时间', '电话回访，了解满意度', '记录结果并结案'],
          en: [
            'Arrange a time to call',
            'Call and ask how satisfied they are',
            'Record the outcome and close',
          ],
        },
        script: {
          'zh-CN': '您好，这里是客服回访。想了解一下您最近的使用体验，以及我们还有哪些可以改进的地方。',
          en: 'Hello, this is a follow-up call from customer service. We would like to hear how things have been for you and what we could do better.',
        },
      },
    ],
  };
}

/** Checks that the schema cannot express: unique keys, `other` not redefined, declared placeholders only. */
export function checkBlocklistSettings(doc: BlocklistSettingsDocument): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  doc.releaseReasons.forEach((r, i) => {
    if (r.key === OTHER_REASON)
      errors.push({ field: `/releaseReasons/${i}/key`, message: '"other" is built in (it asks for text)' });
    else if (seen.has(r.key)) errors.push({ field: `/releaseReasons/${i}/key`, message: 'used twice' });
    seen.add(r.key);
  });
  const templates = new Set<string>();
  doc.winbackTemplates.forEach((t, i) => {
    if (templates.has(t.key)) errors.push({ field: `/winbackTemplates/${i}/key`, message: 'used twice' });
    templates.add(t.key);
  });
  for (const kind of blocklistNoticeKinds) {
    const allowed = new Set(declaredPlaceholders(noticeTemplate(kind)));
    for (const locale of ['zh-CN', 'en'] as const)
      for (const part of ['subject', 'text'] as const) {
        const unknown = placeholdersIn(doc.notices.templates[kind][locale][part]).filter(
          (p) => !allowed.has(p),
        );
        if (unknown.length)
          errors.push({
            field: `/notices/templates/${kind}/${locale}/${part}`,
            message: `unknown placeholder {${unknown[0]}}; allowed: ${[...allowed].map((p) => `{${p}}`).join(' ')}`,
          });
      }
  }
  return errors;
}

/** The notice templates as outbox overrides. */
export function noticeOverrides(doc: BlocklistSettingsDocument): TemplateOverrides {
  const texts: NonNullable<TemplateOverrides['texts']> = {};
  for (const k of blocklistNoticeKinds) texts[noticeTemplate(k)] = doc.notices.templates[k];
  return { texts };
}

/** A release reason as given to the API: a code from the list (or `other` with text), or free text. */
export interface ReleaseReasonInput {
  reasonCode?: string | undefined;
  /** Free text: with `other` required; with a listed code an optional remark. */
  text?: string | undefined;
  /** The free-text reason as before the picklist; still accepted alone. */
  reason?: string | undefined;
}

export interface ResolvedReleaseReason {
  code: string | null;
  /** What the history's note shows: the text given, else the code's label. */
  note: string | null;
}

/**
 * Checks a reason against the list in force. An unknown code is a 400
 * UNKNOWN_RELEASE_REASON listing the valid codes; `other` without text, or
 * nothing at all when `required`, a 400 VALIDATION_FAILED.
 */
export function resolveReleaseReason(
  doc: BlocklistSettingsDocument,
  input: ReleaseReasonInput,
  required: boolean,
): ResolvedReleaseReason {
  const text = (input.text ?? input.reason ?? '').trim() || null;
  if (input.reasonCode === undefined) {
    if (required && !text)
      throw new WardenError('VALIDATION_FAILED', 'give a reasonCode or a reason', {
        errors: [{ field: '/reasonCode', message: 'required (or a free-text reason)' }],
      });
    return { code: null, note: text };
  }
  const valid = [...doc.releaseReasons.map((r) => r.key), OTHER_REASON];
  const known = doc.releaseReasons.find((r) => r.key === input.reasonCode);
  if (!known && input.reasonCode !== OTHER_REASON)
    throw new WardenError(
      'UNKNOWN_RELEASE_REASON',
      `no release reason "${input.reasonCode}"; valid codes: ${valid.join(', ')}`,
      {
        errors: [{ field: '/reasonCode', message: `one of ${valid.join(', ')}` }],
        extras: { validCodes: valid },
      },
    );
  if (!known && !text)
    throw new WardenError('VALIDATION_FAILED', 'reasonCode "other" needs the reason as text', {
      errors: [{ field: '/text', message: 'required with reasonCode "other"' }],
    });
  return { code: input.reasonCode, note: text ?? known?.labels['zh-CN'] ?? null };
}
