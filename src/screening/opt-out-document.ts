type Localised<T> = { 'zh-CN': T; en: T };

/**
 * Opt-out and opt-in wording, as `GET/PUT /settings/opt-out` shows it.
 * Keywords count when they are the whole message (or a whole clause of a
 * short one: "退订谢谢", "STOP please"); phrases count anywhere in a short
 * message unless negated ("我不想退订", "don't unsubscribe me") or asked as a
 * question ("怎么退订不了？" gets a hint how to opt out, and is not one).
 */
export interface OptOutSettingsDocument {
  optOutKeywords: string[];
  optInKeywords: string[];
  optOutPhrases: string[];
  optInPhrases: string[];
  /** Phrases are looked for only in messages of at most this many characters. */
  maxLength: number;
  replies: { optOut: Localised<string>; optIn: Localised<string>; question: Localised<string> };
}
