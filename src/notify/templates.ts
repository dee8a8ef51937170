import type { TemplateName } from './model.js';

export type Locale = 'zh-CN' | 'en';

/** One template in one language. `subject` is the e-mail subject; `text` the body (SMS, e-mail, webhook). */
export interface TemplateText {
  subject: string;
  text: string;
}

interface TemplateDefinition {
  /** Placeholders the caller must supply in `data`. */
  fields: readonly string[];
  /** Placeholders computed from the supplied ones (see `derive`). */
  derived?: readonly string[];
  derive?: (
    data: Readonly<Record<string, string>>,
    locale: Locale,
    overrides: TemplateOverrides | undefined,
  ) => Record<string, string>;
  text: Readonly<Record<Locale, TemplateText>>;
}

export interface RenderedNotification {
  subject: string;
  text: string;
  /** The text as simple HTML, every value escaped. */
  html: string;
}

/**
 * A team's own wording (settings, `/settings/complaints`): any template's text
 * per language, and the first answers per category. What is absent keeps the
 * built-in text.
 */
export interface TemplateOverrides {
  texts?: Partial<Record<TemplateName, Partial<Record<Locale, TemplateText>>>>;
  answers?: Partial<Record<Locale, Readonly<Record<string, string>>>>;
}

export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

/**
 * The first answer to a complaint, by category: what the customer can do now
 * while a person picks the complaint up. Unknown (custom) categories get
 * `other`'s answer.
 */
export const autoReplyAnswers: Readonly<Record<Locale, Readonly<Record<string, string>>>> = {
  'zh-CN': {
    logistics:
      '物流问题：您可以在"我的订单"中查看实时物流；如包裹超过 3 天未更新或显示已签收但未收到，我们会联系承运商核查，必要时为您补发或退款。',
    after_sales:
      '售后问题：退换货可在"我的订单 → 申请售后"中提交，收到商品后 7 天内可无理由退货（特殊商品除外）；请保留商品及包装，便于我们尽快处理。',
    product_quality:
      '商品质量问题：请回复商品照片或视频及订单号，我们核实后将为您安排换货、维修或退款，相关运费由我们承担。',
    billing_refund:
      '退款与账单问题：退款通常在审核通过后 1–3 个工作日原路退回，银行入账可能另需 1–5 个工作日；如发现重复扣款，请回复扣款时间和金额。',
    service_attitude:
      '服务问题：给您带来不好的体验，我们深表歉意。您的反馈已转交服务主管，主管会亲自跟进并与您联系。',
    technical:
      '技术问题：请先尝试更新到最新版本并重新登录；如问题仍在，请回复出现问题的页面、时间和截图，技术团队会尽快排查。',
    other: '我们已将您的问题转交相关团队，专人会尽快与您联系。如有订单号、截图等信息，回复本消息即可补充。',
  },
  en: {
    logistics:
      'Delivery: you can follow your parcel under "My orders". If tracking has not moved for 3 days, or it shows delivered but you have nothing, we will check with the carrier and resend or refund if needed.',
    after_sales:
      'Returns and exchanges: start one under "My orders → After-sales". Most items can be returned within 7 days of delivery; please keep the item and its packaging so we can process it quickly.',
    product_quality:
      'Product quality: please reply with a photo or video and your order number. Once we have checked it we will arrange a replacement, repair or refund, and we cover the shipping.',
    billing_refund:
      'Refunds and billing: refunds go back to the original payment method within 1–3 business days of approval; your bank may take another 1–5 days. If you were charged twice, reply with the date and amount.',
    service_attitude:
      'Service: we are sorry for the experience you had. Your feedback has gone to a service manager, who will follow up with you personally.',
    technical:
      'Technical issues: please update to the latest version and sign in again. If the problem persists, reply with the page, the time it happened and a screenshot, and our technical team will look into it.',
    other:
      'We have passed your message to the right team and someone will contact you soon. You can reply to this message with an order number or screenshots.',
  },
};

const definitions: Readonly<Record<TemplateName, TemplateDefinition>> = {
  'complaint.received': {
    fields: ['ref', 'sla'],
    text: {
      'zh-CN': {
        subject: '我们已收到您的投诉（编号 {ref}）',
        text: '您好，我们已收到您的投诉（编号 {ref}），将在 {sla} 前处理。处理进展会及时通知您；如需补充信息，请直接回复本消息并注明编号。感谢您的耐心。',
      },
      en: {
        subject: 'We have received your complaint (ref {ref})',
        text: 'Hello, we have received your complaint (ref {ref}) and will deal with it by {sla}. We will keep you informed of progress; to add anything, just reply to this message quoting the reference. Thank you for your patience.',
      },
    },
  },
  'complaint.processing': {
    fields: ['ref'],
    text: {
      'zh-CN': {
        subject: '您的投诉正在处理中（编号 {ref}）',
        text: '您好，您的投诉（编号 {ref}）已由专人跟进处理中，有结果后我们会第一时间通知您。',
      },
      en: {
        subject: 'Your complaint is being handled (ref {ref})',
        text: 'Hello, a member of our team is now working on your complaint (ref {ref}). We will let you know as soon as there is an outcome.',
      },
    },
  },
  'complaint.resolved': {
    fields: ['ref'],
    text: {
      'zh-CN': {
        subject: '您的投诉已处理完毕（编号 {ref}）',
        text: '您好，您的投诉（编号 {ref}）已处理完毕。如对结果仍有疑问，请直接回复本消息，我们会重新跟进。感谢您的反馈。',
      },
      en: {
        subject: 'Your complaint has been resolved (ref {ref})',
        text: 'Hello, your complaint (ref {ref}) has been resolved. If you are not satisfied with the outcome, just reply to this message and we will pick it up again. Thank you for your feedback.',
      },
    },
  },
  'complaint.auto_reply': {
    fields: ['ref', 'category'],
    derived: ['answer'],
    derive: (data, locale, overrides) => {
      const answers = { ...autoReplyAnswers[locale], ...overrides?.answers?.[locale] };
      return { answer: answers[data.category ?? 'other'] ?? answers.other ?? '' };
    },
    text: {
      'zh-CN': {
        subject: '关于您的投诉（编号 {ref}）',
        text: '您好，您的投诉已登记（编号 {ref}）。{answer}',
      },
      en: {
        subject: 'About your complaint (ref {ref})',
        text: 'Hello, your complaint is registered (ref {ref}). {answer}',
      },
    },
  },
  // Optional notices to a customer whose contact an entry restricts (settings `/settings/blocklist`, off by default).
  'blocklist.started': {
    fields: ['date'],
    text: {
      'zh-CN': {
        subject: '关于您与客服的联系方式',
        text: '您好，自 {date} 起，您与我们客服的联系将受到限制。如有疑问，请通过官方渠道与我们联系。',
      },
      en: {
        subject: 'About how you contact our service team',
        text: 'Hello, from {date} your contact with our service team is restricted. If you have questions, please reach us through our official channels.',
      },
    },
  },
  'blocklist.released': {
    fields: ['date'],
    text: {
      'zh-CN': {
        subject: '您与客服的联系已恢复',
        text: '您好，自 {date} 起，您与我们客服的联系已恢复正常。感谢您的理解，欢迎随时联系我们。',
      },
      en: {
        subject: 'You can contact our service team again',
        text: 'Hello, from {date} you can contact our service team as usual again. Thank you for your patience; we are glad to hear from you.',
      },
    },
  },
  'alert.raised': {
    fields: ['title', 'kind', 'severity', 'link'],
    text: {
      'zh-CN': {
        subject: '[Warden 预警] {title}',
        text: 'Warden 产生了一条新预警。\n\n标题：{title}\n类型：{kind}\n级别：{severity}\n\n查看并确认：{link}',
      },
      en: {
        subject: '[Warden alert] {title}',
        text: 'Warden raised a new alert.\n\nTitle: {title}\nKind: {kind}\nSeverity: {severity}\n\nView and acknowledge: {link}',
      },
    },
  },
};

export const templateNames = Object.keys(definitions) as TemplateName[];

const placeholder = /\{([a-zA-Z][a-zA-Z0-9_]*)\}/g;

/** Every `{name}` in a template's texts, for the unit test that keeps them declared. */
export function placeholdersOf(template: TemplateName, locale: Locale): string[] {
  const t = definitions[template].text[locale];
  return [...`${t.subject}\n${t.text}`.matchAll(placeholder)].map((m) => m[1] ?? '');
}

/** The built-in text of a template, the default a team's own wording replaces. */
export const defaultTemplateText = (template: TemplateName, locale: Locale): TemplateText =>
  definitions[template].text[locale];

/** Every `{name}` in a text, e.g. to check a team's template uses only declared ones. */
export const placeholdersIn = (text: string): string[] =>
  [...text.matchAll(placeholder)].map((m) => m[1] ?? '');

/** The placeholders a template may use: its fields and what it derives from them. */
export function declaredPlaceholders(template: TemplateName): string[] {
  const d = definitions[template];
  return [...d.fields, ...(d.derived ?? [])];
}

const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * A value as the reader sees it. ISO timestamps (how times survive the JSON
 * round trip through the outbox) are written out for the locale, in
 * `timeZone` (default Asia/Shanghai for zh-CN, UTC for en).
 */
function display(value: unknown, locale: Locale, timeZone: string | undefined): string {
  if (typeof value === 'string' && isoTimestamp.test(value)) {
    const zone = timeZone ?? (locale === 'zh-CN' ? 'Asia/Shanghai' : 'UTC');
    const formatted = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: zone,
      hour12: false,
    }).format(new Date(value));
    return locale === 'en' && zone === 'UTC' ? `${formatted} UTC` : formatted;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Fills a template. A missing field is a TemplateError (the outbox records the
 * notification as failed, visibly, rather than send a half-empty message).
 *
 * @example render('complaint.received', 'zh-CN', { ref: 'C-1024', sla: '2026-11-24T10:00:00Z' })
 */
export function render(
  template: TemplateName,
  locale: Locale,
  data: Readonly<Record<string, unknown>>,
  overrides?: TemplateOverrides,
): RenderedNotification {
  const d = definitions[template];
  if (!d) throw new TemplateError(`no template ${template}`);
  const timeZone = typeof data.timeZone === 'string' ? data.timeZone : undefined;
  const values: Record<string, string> = {};
  for (const field of d.fields) {
    const v = data[field];
    if (v === undefined || v === null || v === '') {
      throw new TemplateError(`template ${template} needs a value for {${field}}`);
    }
    values[field] = display(v, locale, timeZone);
  }
  Object.assign(values, d.derive?.(values, locale, overrides));
  const t = overrides?.texts?.[template]?.[locale] ?? d.text[locale];
  const fill = (s: string, clean: (v: string) => string) =>
    s.replace(placeholder, (_, name: string) => {
      const v = values[name];
      if (v === undefined) throw new TemplateError(`template ${template} uses undeclared {${name}}`);
      return clean(v);
    });
  const subject = fill(t.subject, (v) => v.replace(/[\r\n]+/g, ' '));
  const text = fill(t.text, (v) => v);
  const html = `<!doctype html><html><body>${text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('')}</body></html>`;
  return { subject, text, html };
}
