import type { FieldError } from '../core/errors.js';
import {
  autoReplyAnswers,
  declaredPlaceholders,
  defaultTemplateText,
  placeholdersIn,
  type TemplateOverrides,
} from '../notify/templates.js';
import { DEFAULT_CATEGORY_KEYWORDS, type KeywordCategory, type TextAnalysis } from './analysis/analyze.js';
import { analyzeWithLexicon, type LexiconOverrides } from './lexicon-adapter.js';
import { type ComplaintCategory, type Priority, priorities } from './model.js';
import { type ComplaintSettings, defaultComplaintSettings } from './settings.js';
import {
  type ComplaintSettingsDocument,
  complaintCategories,
  customCategoryKey,
  customerTemplates,
  maxCustomCategories,
} from './settings-document.js';
import {
  type AlarmSignal,
  createAlarmScanner,
  defaultAlarmWords,
  type SignalKind,
  signalKinds,
} from './signals.js';

export {
  type CategorySettings,
  type ComplaintSettingsDocument,
  type CustomerTemplate,
  complaintCategories,
  customCategoryKey,
  customerTemplates,
  maxCustomCategories,
} from './settings-document.js';

const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

export function defaultComplaintSettingsDocument(): ComplaintSettingsDocument {
  const d = defaultComplaintSettings;
  const categories = {} as ComplaintSettingsDocument['categories'];
  const autoReplies = {} as ComplaintSettingsDocument['autoReplies'];
  for (const c of complaintCategories) {
    categories[c] = {
      team: d.routing.teams[c],
      words: c === 'other' ? [] : [...DEFAULT_CATEGORY_KEYWORDS[c as KeywordCategory]],
      enabled: true,
    };
    autoReplies[c] = {
      'zh-CN': autoReplyAnswers['zh-CN'][c] ?? '',
      en: autoReplyAnswers.en[c] ?? '',
    };
  }
  const templates = {} as ComplaintSettingsDocument['notifications']['templates'];
  for (const t of customerTemplates)
    templates[t] = {
      'zh-CN': { ...defaultTemplateText(t, 'zh-CN') },
      en: { ...defaultTemplateText(t, 'en') },
    };
  return {
    riskWords: {
      add: Object.fromEntries(signalKinds.map((k) => [k, []])) as unknown as Record<SignalKind, string[]>,
      remove: [],
    },
    categories,
    routing: {
      seniorTiers: [...d.routing.seniorTiers],
      seniorQueue: d.routing.seniorQueue,
      slaHours: { ...d.routing.slaHours },
    },
    severity: copy(d.severity),
    autoReplies,
    notifications: { referencePrefix: 'TS', referenceTimeZone: 'Asia/Shanghai', templates },
  };
}

/** Checks what a schema cannot: ordering, placeholders, time zone. Empty when fine. */
export function checkComplaintSettings(doc: ComplaintSettingsDocument): FieldError[] {
  const errors: FieldError[] = [];
  const t = doc.severity.thresholds;
  if (!(t.P1 > t.P2 && t.P2 > t.P3))
    errors.push({ field: '/severity/thresholds', message: 'must satisfy P1 > P2 > P3' });
  const s = doc.severity.sentiment;
  if (!(s.strongAt <= s.negativeAt))
    errors.push({ field: '/severity/sentiment/strongAt', message: 'must be at or below negativeAt' });
  const sla = doc.routing.slaHours;
  for (let i = 1; i < priorities.length; i++) {
    const p = priorities[i] as Priority;
    const before = priorities[i - 1] as Priority;
    if (sla[p] < sla[before])
      errors.push({ field: `/routing/slaHours/${p}`, message: `must be at least ${before}'s hours` });
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: doc.notifications.referenceTimeZone });
  } catch {
    errors.push({ field: '/notifications/referenceTimeZone', message: 'not an IANA time zone' });
  }
  for (const name of customerTemplates) {
    const allowed = new Set(declaredPlaceholders(name));
    for (const locale of ['zh-CN', 'en'] as const) {
      const text = doc.notifications.templates[name][locale];
      for (const part of ['subject', 'text'] as const) {
        const unknown = placeholdersIn(text[part]).filter((p) => !allowed.has(p));
        if (unknown.length)
          errors.push({
            field: `/notifications/templates/${name}/${locale}/${part}`,
            message: `unknown placeholder {${unknown[0]}}; allowed: ${[...allowed].map((p) => `{${p}}`).join(' ')}`,
          });
      }
    }
  }
  const builtIn = new Set<string>(complaintCategories);
  const custom = Object.keys(doc.categories).filter((c) => !builtIn.has(c));
  if (custom.length > maxCustomCategories)
    errors.push({
      field: '/categories',
      message: `at most ${maxCustomCategories} categories of a team's own`,
    });
  for (const c of custom) {
    if (!customCategoryKey.test(c))
      errors.push({ field: `/categories/${c}`, message: 'a key is a-z, 0-9 and _, 2 to 40 characters' });
    if (!doc.categories[c]?.label)
      errors.push({
        field: `/categories/${c}/label`,
        message: 'a category of your own needs a zh-CN and en label',
      });
  }
  if (doc.categories.other?.enabled === false)
    errors.push({
      field: '/categories/other/enabled',
      message: '"other" is where a complaint goes when none fits; it cannot be disabled',
    });
  if ((doc.categories.other?.words.length ?? 0) > 0)
    errors.push({
      field: '/categories/other/words',
      message: '"other" has no words: it takes what no category places',
    });
  for (const c of Object.keys(doc.autoReplies))
    if (!(c in doc.categories)) errors.push({ field: `/autoReplies/${c}`, message: 'no such category' });
  const owner = new Map<string, ComplaintCategory>();
  for (const [c, settings] of Object.entries(doc.categories)) {
    // A disabled category places nothing, so its words are free for another.
    if (settings.enabled === false) continue;
    for (const w of settings.words) {
      const other = owner.get(w.toLowerCase());
      if (other && other !== c)
        errors.push({ field: `/categories/${c}/words`, message: `"${w}" is already a word of ${other}` });
      owner.set(w.toLowerCase(), c);
    }
  }
  return errors;
}

/** Complaint settings compiled for use: what services read through `SettingsService.complaints`. */
export interface LiveComplaintSettings {
  readonly version: number;
  readonly document: Readonly<ComplaintSettingsDocument>;
  /** Weights, routing and windows in the form severity, routing and surge code takes. */
  readonly scoring: Readonly<ComplaintSettings>;
  /** The analyser with the team's words. */
  readonly analyze: (text: string) => TextAnalysis;
  /** Alarm signals (regulator, media, legal, threat, safety) in a text. */
  readonly alarms: (text: string) => AlarmSignal[];
  readonly templates: TemplateOverrides;
  readonly reference: { prefix: string; timeZone: string };
}

/** Builds the live form of a document; costly (word lists compile), so once per change. */
export function compileComplaintSettings(
  doc: ComplaintSettingsDocument,
  version: number,
): LiveComplaintSettings {
  const teams = {} as Record<string, string>;
  for (const [c, settings] of Object.entries(doc.categories)) teams[c] = settings.team;
  const scoring: ComplaintSettings = {
    ...defaultComplaintSettings,
    severity: doc.severity,
    routing: {
      teams: teams as ComplaintSettings['routing']['teams'],
      seniorTiers: doc.routing.seniorTiers,
      seniorQueue: doc.routing.seniorQueue,
      slaHours: doc.routing.slaHours,
    },
  };
  const lexicon: LexiconOverrides = {
    add: doc.riskWords.add,
    remove: doc.riskWords.remove,
    categories: Object.fromEntries(
      Object.entries(doc.categories)
        .filter(([c, settings]) => c !== 'other' && settings.enabled !== false)
        .map(([c, settings]) => [c, settings.words]),
    ),
  };
  const removed = new Set(doc.riskWords.remove.map((w) => w.toLowerCase()));
  const alarmWords = {} as Record<SignalKind, string[]>;
  for (const k of signalKinds)
    alarmWords[k] = [...defaultAlarmWords[k], ...(doc.riskWords.add[k] ?? [])].filter(
      (w) => !removed.has(w.toLowerCase()),
    );
  const answers: TemplateOverrides['answers'] = { 'zh-CN': {}, en: {} };
  for (const [c, answer] of Object.entries(doc.autoReplies)) {
    (answers['zh-CN'] as Record<string, string>)[c] = answer['zh-CN'];
    (answers.en as Record<string, string>)[c] = answer.en;
  }
  return Object.freeze({
    version,
    document: doc,
    scoring,
    analyze: analyzeWithLexicon(lexicon),
    alarms: createAlarmScanner(alarmWords),
    templates: { texts: doc.notifications.templates, answers },
    reference: { prefix: doc.notifications.referencePrefix, timeZone: doc.notifications.referenceTimeZone },
  });
}
