import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { normalizeText } from '../core/text/normalize.js';
import type { Identifier } from '../identity/model.js';

import type { OptOutSettingsDocument } from './opt-out-document.js';

export type { OptOutSettingsDocument } from './opt-out-document.js';

export const defaultOptOutPhrases: readonly string[] = [
  '退订',
  '取消订阅',
  '退订短信',
  '不要再发',
  '别再发',
  '不要发了',
  '别发了',
  '不要再给我发',
  '别给我发',
  '别再给我发',
  '不想再收到',
  '不想收到',
  '不再接收',
  '拒收',
  '取消推送',
  '关闭推送',
  'stop',
  'unsubscribe',
  'opt out',
  'opt me out',
  'stop sending',
  'stop texting',
  'stop messaging',
  'stop contacting',
  'remove me',
  'no more messages',
  'no more texts',
  "don't text me",
  "don't send me",
  'do not send me',
  'do not text me',
  'do not contact me',
];

export const defaultOptInPhrases: readonly string[] = [
  '重新订阅',
  '恢复订阅',
  '继续订阅',
  'subscribe again',
  'resubscribe',
  'opt in',
  'opt me in',
];

export function defaultOptOutSettings(keywords: {
  optOutKeywords: readonly string[];
  optInKeywords: readonly string[];
}): OptOutSettingsDocument {
  return {
    optOutKeywords: [...keywords.optOutKeywords],
    optInKeywords: [...keywords.optInKeywords],
    optOutPhrases: [...defaultOptOutPhrases],
    optInPhrases: [...defaultOptInPhrases],
    maxLength: 50,
    replies: {
      optOut: {
        'zh-CN': '您已成功退订营销信息。如需重新订阅，请回复“订阅”。',
        en: 'You have been unsubscribed from marketing messages. Reply START to subscribe again.',
      },
      optIn: { 'zh-CN': '您已重新订阅，感谢关注。', en: 'You are subscribed again. Thank you.' },
      question: {
        'zh-CN': '如需退订营销信息，请直接回复“退订”。',
        en: 'To stop marketing messages, reply STOP.',
      },
    },
  };
}

/** The word a whole message is compared on: width, case and spacing folded. */
export const keywordForm = (text: string) =>
  text
    .normalize('NFKC')
    .trim()
    .toUpperCase()
    .replace(/[\s.!。！]+$/u, '');

export type OptIntent = 'opt_out' | 'opt_in' | 'opt_out_question';

const latin = /^[\x20-\x7e]+$/;
const imperativeOnly = new Set(['stop']);
const clauseSplit = /[，,。.!！;；\n\r、~～]+/u;
const questionMark = /[?？]/u;
const zhQuestion = /(怎么|怎样|如何|为什么|为啥|能否|是否|能不能|可不可以|行不行)|[吗么嘛呢]$/u;
const enQuestion = /^(how|why|can|could|what|where|when|is|are|does|do i|will|would|should)\b/;
const zhNegators = ['不想', '不要', '不用', '不需要', '无需', '别', '不', '没', '勿', '未'];
const zhFillers = /^(请|麻烦|帮我|给我|我要|我想|那就)+|(谢谢|谢了|感谢|多谢|吧|了|啊|呀|哦|嗯)+$/gu;
const enNegated =
  /(^| )(don't|dont|do not|not|never|can't|cant|cannot|won't|wont|no need to)( (want|wanna|need|have|like)( to)?)?$/;
const enFillers = /^(please|pls|plz)\b ?|\b ?(please|pls|plz|thanks|thank you|thx|ty)$/g;

interface Phrase {
  form: string;
  /** Imperatives that count only at the start of a clause ("stop sending", not "the bus stop"). */
  atStart: boolean;
  latin: boolean;
}

const compile = (phrases: readonly string[]): Phrase[] =>
  phrases
    .map((p) => {
      const isLatin = latin.test(p);
      const form = isLatin ? p.toLowerCase().trim().replace(/\s+/g, ' ') : normalizeText(p);
      return { form, atStart: imperativeOnly.has(form), latin: isLatin };
    })
    .filter((p) => p.form.length > 0);

/**
 * Recognises opt-out and opt-in in an inbound message. Pure and cheap: a
 * message longer than `maxLength` is only compared whole.
 *
 * @example new OptOutMatcher(defaultOptOutSettings(config)).intent('请退订，不要再发了') // 'opt_out'
 */
export class OptOutMatcher {
  private readonly outKeywords: Set<string>;
  private readonly inKeywords: Set<string>;
  private readonly outPhrases: Phrase[];
  private readonly inPhrases: Phrase[];
  /** Keywords of two or more characters also count as a whole clause; `T`, `N` only as the whole message. */
  private readonly outClauseKeywords: Set<string>;
  private readonly inClauseKeywords: Set<string>;
  /**
   * Every phrase and clause keyword in the screening normaliser's form: a
   * message whose normalised text contains none of them is no opt-out or
   * opt-in, which settles nearly every message in well under a microsecond.
   */
  private readonly trigger: RegExp | null;

  constructor(readonly settings: Readonly<OptOutSettingsDocument>) {
    this.outKeywords = new Set(settings.optOutKeywords.map(keywordForm));
    this.inKeywords = new Set(settings.optInKeywords.map(keywordForm));
    this.outClauseKeywords = new Set([...this.outKeywords].filter((k) => k.length >= 2));
    this.inClauseKeywords = new Set([...this.inKeywords].filter((k) => k.length >= 2));
    this.outPhrases = compile(settings.optOutPhrases);
    this.inPhrases = compile(settings.optInPhrases);
    const forms = new Set(
      [
        ...settings.optOutPhrases,
        ...settings.optInPhrases,
        ...settings.optOutKeywords,
        ...settings.optInKeywords,
      ]
        .map((w) => normalizeText(w))
        .filter((w) => w.length >= 2),
    );
    this.trigger = forms.size
      ? new RegExp([...forms].map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'))
      : null;
  }

  /** Whether the whole message is one keyword (`TD`, `退订`): its reply language follows the number. */
  isBareKeyword(text: string): boolean {
    if (text.length > 20) return false;
    const k = keywordForm(text);
    return this.outKeywords.has(k) || this.inKeywords.has(k);
  }

  /** `normalized`: the text's `normalizeText` form, when the caller has it already (screening does). */
  intent(text: string, normalized?: string): OptIntent | null {
    if (text.length <= 20) {
      const k = keywordForm(text);
      if (this.outKeywords.has(k)) return 'opt_out';
      if (this.inKeywords.has(k)) return 'opt_in';
    }
    if (text.length > this.settings.maxLength || !this.trigger?.test(normalized ?? normalizeText(text)))
      return null;
    let question = false;
    let optIn = false;
    for (const raw of text.split(clauseSplit)) {
      if (!raw.trim()) continue;
      const c = this.readClause(raw);
      if (c === 'opt_out') return 'opt_out';
      if (c === 'question') question = true;
      if (c === 'opt_in') optIn = true;
    }
    if (optIn) return 'opt_in';
    return question ? 'opt_out_question' : null;
  }

  private readClause(raw: string): 'opt_out' | 'opt_in' | 'question' | null {
    // Chinese first and cheaply (one table pass); the Latin form only when there are Latin letters.
    const zh = normalizeText(raw);
    const cjk = /[\u3400-\u9fff]/u.test(raw);
    const en = /[a-z]/iu.test(zh) ? latinForm(raw) : '';
    const asKeyword = keywordForm(cjk || en === '' ? zh.replace(zhFillers, '') : en);
    if (this.outClauseKeywords.has(asKeyword)) return 'opt_out';
    if (this.inClauseKeywords.has(asKeyword)) return 'opt_in';
    const out = found(this.outPhrases, zh, en);
    const opt = out || found(this.inPhrases, zh, en);
    if (!opt) return null;
    const isQuestion = questionMark.test(raw) || zhQuestion.test(zh) || enQuestion.test(en);
    if (out) return isQuestion ? 'question' : 'opt_out';
    return isQuestion ? null : 'opt_in';
  }
}

/** Lower case, NFKC, words separated by one space; other scripts kept as a `#` token. */
function latinForm(raw: string): string {
  return (
    raw
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[‘’]/g, "'")
      // Other scripts stay as a token, so `请不要 stop 发货` does not start with `stop`.
      .replace(/[^a-z0-9' ]+/g, (m) => (/[^\s\p{P}]/u.test(m) ? ' # ' : ' '))
      .replace(/\s+/g, ' ')
      .trim()
      .replace(enFillers, '')
      .trim()
  );
}

/** Whether a phrase is present and not negated. */
function found(phrases: readonly Phrase[], zh: string, en: string): boolean {
  for (const p of phrases) {
    if (p.latin) {
      if (en === '') continue;
      if (p.atStart) {
        if (en === p.form || en.startsWith(`${p.form} `)) return true;
        continue;
      }
      const at = ` ${en} `.indexOf(` ${p.form} `);
      if (at < 0) continue;
      if (enNegated.test(en.slice(0, Math.max(0, at - 1)))) continue;
      return true;
    }
    let at = zh.indexOf(p.form);
    while (at >= 0) {
      const before = zh.slice(Math.max(0, at - 3), at);
      if (!zhNegators.some((n) => before.endsWith(n))) return true;
      at = zh.indexOf(p.form, at + 1);
    }
  }
  return false;
}

const zhRegions = new Set(['CN', 'HK', 'MO', 'TW']);
const hasCjk = (s: string) => /[\u3400-\u9fff]/u.test(s);

/**
 * The language to answer an inbound message in: the text's own, or — for a
 * bare keyword such as `TD` that is no language — the region of the sender's
 * phone number (+86 → zh-CN), else the default region.
 */
export function replyLocale(
  text: string,
  identifiers: readonly Identifier[],
  defaultRegion: string,
  bareKeyword: boolean,
): 'zh-CN' | 'en' {
  if (hasCjk(text)) return 'zh-CN';
  const word = keywordForm(text);
  // A real English word (STOP, UNSUBSCRIBE) is English text; TD, T, N say nothing of a language.
  if (!(bareKeyword && word.length <= 2) && /[A-Z]/.test(word)) return 'en';
  const phone = identifiers.find((i) => i.type === 'phone')?.value;
  const region = (phone ? parsePhoneNumberFromString(phone)?.country : undefined) ?? defaultRegion;
  return zhRegions.has(region) ? 'zh-CN' : 'en';
}
