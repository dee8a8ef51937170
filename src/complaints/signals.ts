import { normalizeText } from '../core/text/normalize.js';

import { alarmSignalKinds, type SignalKind } from './signal-kinds.js';

export { alarmSignalKinds, type SignalKind, signalKinds } from './signal-kinds.js';

/**
 * The words each alarm kind starts with. The analyser (src/complaints/analysis)
 * keeps its own lexicon; these lists only decide whether a blocked sender's
 * message must still reach the team, so they lean towards recall.
 */
export const defaultAlarmWords: Readonly<Record<SignalKind, readonly string[]>> = {
  regulator: [
    '12315',
    '12345',
    '12358',
    '消协',
    '消费者协会',
    '工商',
    '市场监管',
    '市场监督',
    '银保监',
    '金融监管',
    '315',
    '监管部门',
    'regulator',
    'trading standards',
    'ombudsman',
    'BBB',
    'FTC',
  ],
  media: [
    '媒体',
    '曝光',
    '记者',
    '电视台',
    '微博',
    '小红书',
    '抖音',
    '黑猫投诉',
    '朋友圈',
    'media',
    'journalist',
    'press',
    'newspaper',
    'go public',
    'social media',
  ],
  legal: [
    '律师',
    '起诉',
    '法院',
    '打官司',
    '法律',
    '诈骗',
    '欺诈',
    '报警',
    '立案',
    'lawyer',
    'attorney',
    'sue',
    'lawsuit',
    'court',
    'legal action',
    'police',
    'fraud',
  ],
  threat: [
    '弄死你',
    '杀了你',
    '砍死',
    '同归于尽',
    '炸了你们',
    '让你们好看',
    '你等着',
    '不想活了',
    'kill you',
    'hurt you',
    'burn down',
    "you'll regret",
  ],
  safety: [
    '着火',
    '起火',
    '冒烟',
    '爆炸',
    '漏电',
    '触电',
    '受伤',
    '烫伤',
    '住院',
    '中毒',
    '差点出事',
    'fire',
    'smoke',
    'exploded',
    'explosion',
    'electric shock',
    'injured',
    'hospital',
    'poisoning',
  ],
  complaint: [],
  demand: [],
  refund: [],
  fault: [],
  service: [],
  dissatisfaction: [],
};

/** One alarm found in a text: its kind and the word as configured. */
export interface AlarmSignal {
  kind: SignalKind;
  word: string;
}

const latin = /^[\x20-\x7e]+$/;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Finds alarm signals in a text: Chinese words after the screening normaliser
 * (traditional, full width, `曝 光` all match), Latin words as whole words.
 *
 * @example createAlarmScanner(defaultAlarmWords)('我要去12315投訴，找媒體曝光') // regulator, media
 */
export function createAlarmScanner(
  words: Readonly<Record<SignalKind, readonly string[]>>,
): (text: string) => AlarmSignal[] {
  const cjk: { kind: SignalKind; word: string; form: string }[] = [];
  const en: { kind: SignalKind; word: string; re: RegExp }[] = [];
  for (const kind of alarmSignalKinds) {
    for (const word of words[kind] ?? []) {
      if (latin.test(word))
        en.push({
          kind,
          word,
          re: new RegExp(`(?<![a-z0-9])${escapeRegExp(word.toLowerCase())}(?![a-z0-9])`),
        });
      else {
        const form = normalizeText(word);
        if (form) cjk.push({ kind, word, form });
      }
    }
  }
  return (text) => {
    const found: AlarmSignal[] = [];
    const normalized = normalizeText(text);
    for (const w of cjk) if (normalized.includes(w.form)) found.push({ kind: w.kind, word: w.word });
    if (en.length) {
      const lower = text.normalize('NFKC').toLowerCase();
      for (const w of en) if (w.re.test(lower)) found.push({ kind: w.kind, word: w.word });
    }
    return found;
  };
}
