import type { TemplateName } from '../notify/model.js';
import type { TemplateText } from '../notify/templates.js';
import type { ComplaintCategory, Priority } from './model.js';
import type { ComplaintSettings } from './settings.js';
import type { SignalKind } from './signal-kinds.js';

/** The shape of `/settings/complaints` (types and lists only, so the console can share them). */

export const complaintCategories: readonly ComplaintCategory[] = [
  'logistics',
  'after_sales',
  'product_quality',
  'billing_refund',
  'service_attitude',
  'technical',
  'other',
];

/** Customer notices a team may reword (staff alerts keep theirs). */
export const customerTemplates = [
  'complaint.received',
  'complaint.processing',
  'complaint.resolved',
  'complaint.auto_reply',
] as const satisfies readonly TemplateName[];
export type CustomerTemplate = (typeof customerTemplates)[number];

type Localised<T> = { 'zh-CN': T; en: T };

/**
 * What a team changes about complaint handling, as `GET/PUT
 * /settings/complaints` shows it. The defaults are the behaviour out of the box.
 */
export interface ComplaintSettingsDocument {
  /** Risk words the team adds per signal kind, and words it wants no longer counted. */
  riskWords: { add: Record<SignalKind, string[]>; remove: string[] };
  /** Per category: the team that owns it and the words that place a message in it (`other` has none). */
  categories: Record<ComplaintCategory, { team: string; words: string[] }>;
  routing: { seniorTiers: string[]; seniorQueue: string; slaHours: Record<Priority, number> };
  severity: ComplaintSettings['severity'];
  /** The first answer a customer gets by category (complaint.auto_reply's `{answer}`). */
  autoReplies: Record<ComplaintCategory, Localised<string>>;
  notifications: {
    /** Reference numbers read `<prefix>-<YYYYMMDD>-<nnnn>`, numbered per day in `referenceTimeZone`. */
    referencePrefix: string;
    referenceTimeZone: string;
    templates: Record<CustomerTemplate, Localised<TemplateText>>;
  };
}
