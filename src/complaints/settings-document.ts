import type { TemplateName } from '../notify/model.js';
import type { TemplateText } from '../notify/templates.js';
import type { BuiltInCategory, ComplaintCategory } from './analysis/categories.js';
import type { Priority } from './model.js';
import type { ComplaintSettings } from './settings.js';
import type { SignalKind } from './signal-kinds.js';

/** The shape of `/settings/complaints` (types and lists only, so the console can share them). */

/** The built-in categories: always present (a team may disable or edit them, not remove them). */
export const complaintCategories: readonly BuiltInCategory[] = [
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

/** A key a team may give its own category. */
export const customCategoryKey = /^[a-z][a-z0-9_]{1,39}$/;
/** How many categories of its own a team may add. */
export const maxCustomCategories = 30;

/** One category in settings. */
export interface CategorySettings {
  /** The team that owns it. */
  team: string;
  /** Words that place a message in it (`other` has none). */
  words: string[];
  /** false: its words place nothing (a built-in can be switched off, not removed); default true. */
  enabled?: boolean | undefined;
  /** Its name in the console; required for a team's own, optional for a built-in (renames it). */
  label?: Localised<string> | undefined;
}

/**
 * What a team changes about complaint handling, as `GET/PUT
 * /settings/complaints` shows it. The defaults are the behaviour out of the box.
 */
export interface ComplaintSettingsDocument {
  /** Risk words the team adds per signal kind, and words it wants no longer counted. */
  riskWords: { add: Record<SignalKind, string[]>; remove: string[] };
  /**
   * Per category: the team that owns it and the words that place a message in
   * it. The built-ins are always there; a team adds its own under a new key.
   */
  categories: Record<ComplaintCategory, CategorySettings>;
  routing: { seniorTiers: string[]; seniorQueue: string; slaHours: Record<Priority, number> };
  severity: ComplaintSettings['severity'];
  /** The first answer a customer gets by category (complaint.auto_reply's `{answer}`); a team's own category without one gets `other`'s. */
  autoReplies: Record<ComplaintCategory, Localised<string>>;
  notifications: {
    /** Reference numbers read `<prefix>-<YYYYMMDD>-<nnnn>`, numbered per day in `referenceTimeZone`. */
    referencePrefix: string;
    referenceTimeZone: string;
    templates: Record<CustomerTemplate, Localised<TemplateText>>;
  };
}
