import { describe, expect, it } from 'vitest';
import {
  autoReplyAnswers,
  declaredPlaceholders,
  type Locale,
  placeholdersOf,
  render,
  TemplateError,
  templateNames,
} from './templates.js';

const locales: Locale[] = ['zh-CN', 'en'];
const categories = [
  'logistics',
  'after_sales',
  'product_quality',
  'billing_refund',
  'service_attitude',
  'technical',
  'other',
];

describe('notification templates', () => {
  it.each(templateNames.flatMap((t) => locales.map((l) => [t, l] as const)))(
    '%s (%s) uses only declared placeholders',
    (template, locale) => {
      const used = placeholdersOf(template, locale);
      expect(used.length).toBeGreaterThan(0);
      expect(used.filter((p) => !declaredPlaceholders(template).includes(p))).toEqual([]);
    },
  );

  it('writes the received notice in Chinese with the reference and the SLA time in Beijing time', () => {
    const r = render('complaint.received', 'zh-CN', { ref: 'C-1024', sla: '2026-11-24T02:00:00.000Z' });
    expect(r.text).toContain('我们已收到您的投诉（编号 C-1024），将在 2026年11月24日 10:00 前处理');
    expect(r.subject).toBe('我们已收到您的投诉（编号 C-1024）');
  });

  it('writes times in English in UTC unless the data names a time zone', () => {
    expect(render('complaint.received', 'en', { ref: 'C-1', sla: '2026-11-24T02:00:00Z' }).text).toContain(
      'by Nov 24, 2026, 02:00 UTC',
    );
    expect(
      render('complaint.received', 'en', {
        ref: 'C-1',
        sla: '2026-11-24T02:00:00Z',
        timeZone: 'Europe/London',
      }).text,
    ).toContain('by Nov 24, 2026, 02:00.');
  });

  it.each(locales.flatMap((l) => categories.map((c) => [l, c] as const)))(
    'has a first answer for %s %s',
    (locale, category) => {
      const r = render('complaint.auto_reply', locale, { ref: 'C-7', category });
      expect(r.text).toContain(autoReplyAnswers[locale][category]);
      expect(r.text.length).toBeLessThan(300);
    },
  );

  it('answers a custom category with the general answer', () => {
    expect(render('complaint.auto_reply', 'en', { ref: 'C-7', category: 'warranty_fraud' }).text).toContain(
      autoReplyAnswers.en.other,
    );
  });

  it('refuses to render with a value missing', () => {
    expect(() => render('complaint.received', 'zh-CN', { ref: 'C-1' })).toThrow(TemplateError);
    expect(() => render('complaint.received', 'zh-CN', { ref: 'C-1' })).toThrow('{sla}');
  });

  it('escapes values in the HTML part and keeps the text part as written', () => {
    const r = render('alert.raised', 'en', {
      title: '<script>alert("x")</script> & more',
      kind: 'surge',
      severity: 'critical',
      link: 'https://warden.example/alerts?id=a&b',
    });
    expect(r.text).toContain('<script>alert("x")</script> & more');
    expect(r.html).not.toContain('<script>');
    expect(r.html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; more');
    expect(r.html).toContain('https://warden.example/alerts?id=a&#38;b');
  });

  it('keeps line breaks out of the subject', () => {
    const r = render('alert.raised', 'zh-CN', {
      title: '第一行\r\nBcc: x@example.com',
      kind: 'surge',
      severity: 'warning',
      link: 'https://w/',
    });
    expect(r.subject).toBe('[Warden 预警] 第一行 Bcc: x@example.com');
  });
});
