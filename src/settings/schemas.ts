import { type TSchema, Type } from '@sinclair/typebox';
import { priorities } from '../complaints/model.js';
import { signalKinds } from '../complaints/signals.js';
import {
  complaintCategories,
  customCategoryKey,
  customerTemplates,
  maxCustomCategories,
} from '../complaints/team-settings.js';
import { Strict } from '../http/schemas.js';

/** TypeBox schemas of the settings documents: what `PUT /settings/…` accepts and `GET` answers. */

const Word = Type.String({ minLength: 1, maxLength: 60 });
const Words = (max = 500) => Type.Array(Word, { maxItems: max, uniqueItems: true });
const Name = Type.String({ minLength: 1, maxLength: 60, pattern: '^[A-Za-z0-9_.:-]+$' });
const Points = Type.Number({ minimum: 0, maximum: 100 });
const Sentiment = Type.Number({ minimum: -1, maximum: 1 });
const Localised = <T extends TSchema>(t: T) => Strict({ 'zh-CN': t, en: t });
const keyed = <T extends TSchema>(keys: readonly string[], t: T) =>
  Strict(Object.fromEntries(keys.map((k) => [k, t])) as Record<string, T>);

const keyedOptional = <T extends TSchema>(keys: readonly string[], t: T) =>
  Strict(Object.fromEntries(keys.map((k) => [k, Type.Optional(t)])) as Record<string, TSchema>);

const CategoryLabel = Localised(Type.String({ minLength: 1, maxLength: 40 }));
const categoryFields = {
  team: Name,
  words: Words(),
  enabled: Type.Optional(Type.Boolean({ description: 'false: its words place nothing; default true' })),
};
/**
 * The built-ins by name (each may be left out of a PUT only to be refused with
 * COMPLAINT_CATEGORY_BUILTIN: they are disabled, not removed), and a team's own
 * under a key of its choosing, with a label.
 */
const Categories = Type.Object(
  Object.fromEntries(
    complaintCategories.map(
      (c) => [c, Type.Optional(Strict({ ...categoryFields, label: Type.Optional(CategoryLabel) }))] as const,
    ),
  ),
  {
    additionalProperties: Strict({ ...categoryFields, label: CategoryLabel }),
    propertyNames: { pattern: customCategoryKey.source },
    maxProperties: complaintCategories.length + maxCustomCategories,
    description:
      'Per category its team, words, enabled and label. Add one of your own under a new key (a-z, 0-9, _; with a zh-CN and en label); remove it by leaving it out.',
  },
);

const TemplateText = Strict({
  subject: Type.String({ minLength: 1, maxLength: 200 }),
  text: Type.String({ minLength: 1, maxLength: 1000 }),
});

export const ComplaintSettingsSchema = Strict(
  {
    riskWords: Strict({
      add: keyed(signalKinds, Words(200)),
      remove: Words(200),
    }),
    categories: Categories,
    routing: Strict({
      seniorTiers: Type.Array(Name, { maxItems: 20, uniqueItems: true }),
      seniorQueue: Name,
      slaHours: keyed(priorities, Type.Number({ exclusiveMinimum: 0, maximum: 24 * 90 })),
    }),
    severity: Strict({
      base: Points,
      sentiment: Strict({
        negativeAt: Sentiment,
        negativePoints: Points,
        strongAt: Sentiment,
        strongPoints: Points,
      }),
      riskWords: Strict({ each: Points, cap: Points }),
      // Weights per grave signal kind, once the analyser scores them (issue 10 item 4).
      signals: Type.Optional(keyedOptional(signalKinds, Points)),
      signalCap: Type.Optional(Points),
      tiers: Type.Record(Type.String({ pattern: '^[A-Za-z0-9_-]{1,40}$' }), Points, { maxProperties: 20 }),
      frequency: Strict({
        windowDays: Type.Integer({ minimum: 1, maximum: 365 }),
        atLeast: Type.Integer({ minimum: 1, maximum: 1000 }),
        points: Points,
        eachMore: Points,
        cap: Points,
      }),
      multiChannel: Strict({
        windowDays: Type.Integer({ minimum: 1, maximum: 365 }),
        atLeast: Type.Integer({ minimum: 2, maximum: 10 }),
        points: Points,
      }),
      waiting: Strict({ halfPoints: Points, overduePoints: Points }),
      thresholds: Strict({ P1: Points, P2: Points, P3: Points }),
    }),
    autoReplies: Type.Object(
      Object.fromEntries(
        complaintCategories.map((c) => [c, Localised(Type.String({ minLength: 1, maxLength: 500 }))]),
      ),
      {
        additionalProperties: Localised(Type.String({ minLength: 1, maxLength: 500 })),
        propertyNames: { pattern: customCategoryKey.source },
        description: "First answers per category; a team's own category without one gets other's",
      },
    ),
    notifications: Strict({
      referencePrefix: Type.String({ pattern: '^[A-Z0-9]{1,8}$' }),
      referenceTimeZone: Type.String({ minLength: 1, maxLength: 64 }),
      templates: keyed(customerTemplates, Localised(TemplateText)),
    }),
  },
  {
    description:
      'Risk words per signal kind, categories (team and words), routing and SLA hours, severity weights, first answers and customer notification templates.',
  },
);

export const OptOutSettingsSchema = Strict(
  {
    optOutKeywords: Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { minItems: 1, maxItems: 50 }),
    optInKeywords: Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 50 }),
    optOutPhrases: Words(200),
    optInPhrases: Words(200),
    maxLength: Type.Integer({ minimum: 0, maximum: 200 }),
    replies: Strict({
      optOut: Localised(Type.String({ minLength: 1, maxLength: 300 })),
      optIn: Localised(Type.String({ minLength: 1, maxLength: 300 })),
      question: Localised(Type.String({ minLength: 1, maxLength: 300 })),
    }),
  },
  { description: 'Opt-out and opt-in keywords and phrases, and the replies in zh-CN and en.' },
);

/** What `GET /settings/{section}` answers; `settings` is the section's document. */
export const SettingsEnvelope = <T extends TSchema>(settings: T) =>
  Type.Object({
    section: Type.String(),
    version: Type.Integer({ description: '0 until the first change; each change adds one' }),
    updatedAt: Type.Union([Type.String(), Type.Null()]),
    updatedBy: Type.Union([Type.String(), Type.Null()]),
    settings,
  });

export const SettingsPut = <T extends TSchema>(settings: T) =>
  Strict({
    version: Type.Optional(
      Type.Integer({
        minimum: 0,
        description: 'the version this change was made from; a newer stored one answers 409',
      }),
    ),
    settings,
  });

const ReasonKey = Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' });
const Label = Type.String({ minLength: 1, maxLength: 60 });

export const BlocklistSettingsSchema = Strict(
  {
    releaseReasons: Type.Array(Strict({ key: ReasonKey, labels: Localised(Label) }), { maxItems: 50 }),
    notices: Strict({
      categories: Type.Record(
        Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$' }),
        Strict({ started: Type.Boolean(), released: Type.Boolean() }),
        { maxProperties: 100 },
      ),
      templates: Strict({ started: Localised(TemplateText), released: Localised(TemplateText) }),
    }),
    winbackTemplates: Type.Array(
      Strict({
        key: ReasonKey,
        labels: Localised(Label),
        steps: Localised(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 20 })),
        script: Localised(Type.String({ maxLength: 4000 })),
      }),
      { maxItems: 30 },
    ),
  },
  {
    description:
      'Release reasons (keys with zh-CN/en labels; "other" is built in and asks for text), customer notices when an entry starts or is released (per category, off unless listed; templates with {date}), and win-back plan templates.',
  },
);
