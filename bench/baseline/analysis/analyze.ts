import { Dictionary } from './dictionary.js';
import { compactForKeywords, normaliseForAnalysis } from './normalise.js';
import { type SentimentHit, scoreSentiment } from './sentiment.js';

/** Where a complaint is routed (DESIGN.md "Complaint"); `other` when it reads as one but fits none. */
export type ComplaintCategory =
  | 'logistics'
  | 'after_sales'
  | 'product_quality'
  | 'billing_refund'
  | 'service_attitude'
  | 'technical'
  | 'other';

/** Categories recognised by keywords, in tie-break order: the more specific topic first. */
export type KeywordCategory = Exclude<ComplaintCategory, 'other'>;

export const KEYWORD_CATEGORIES: readonly KeywordCategory[] = [
  'product_quality',
  'logistics',
  'billing_refund',
  'after_sales',
  'technical',
  // Last: customers address 客服 in almost every message, whatever it is about.
  'service_attitude',
];

/** Words that raise a complaint's risk: regulators, media, lawyers, money back. */
export const DEFAULT_RISK_WORDS: readonly string[] = [
  '投诉',
  '曝光',
  '媒体',
  '记者',
  '法律',
  '律师',
  '起诉',
  '法院',
  '退款',
  '12315',
  '12345',
  '消协',
  '消费者协会',
  '工商',
  '市场监管',
  '银保监',
  '举报',
  '维权',
  '欺诈',
  '诈骗',
  '骗子',
  '315',
  'complain',
  'complained',
  'complaining',
  'complaint',
  'complaints',
  'lawyer',
  'attorney',
  'sue',
  'lawsuit',
  'refund',
  'refunds',
  'fraud',
  'scam',
  'scammed',
  'BBB',
  'regulator',
  'media',
  'report you',
  'chargeback',
];

/** Phrases by which a customer says they are complaining or chasing something that went wrong. */
export const DEFAULT_INTENT_PHRASES: readonly string[] = [
  '我要投诉',
  '投诉你们',
  '我要举报',
  '给个说法',
  '给我一个说法',
  '给我个说法',
  '怎么回事',
  '怎么还没',
  '还没到',
  '还没收到',
  '还没发货',
  '一直没',
  '一直不',
  '到底',
  '退钱',
  '要求退款',
  '要求赔偿',
  '赔偿',
  '太差了',
  '再也不',
  '不解决',
  '解决不了',
  '没人管',
  '没人理',
  '没人处理',
  '不负责任',
  '什么时候能',
  '多久才',
  '为什么还',
  '几次了',
  '找你们领导',
  '你们经理',
  '差评',
  '骗人',
  'i want to complain',
  "i'd like to complain",
  'file a complaint',
  'where is my',
  'still not',
  'still no',
  'still waiting',
  "still haven't",
  'refund me',
  'i want a refund',
  'my money back',
  'unacceptable',
  'never again',
  'not happy',
  'speak to a manager',
  'your manager',
  'how many times',
  'fix this',
];

/** Keywords that place a message in a category. A keyword belongs to one category; the longest match wins. */
export const DEFAULT_CATEGORY_KEYWORDS: Readonly<Record<KeywordCategory, readonly string[]>> = {
  logistics: [
    '物流',
    '快递',
    '配送',
    '送餐',
    '送货',
    '派送',
    '没收到',
    '未收到',
    '还没到',
    '发货',
    '送达',
    '没到货',
    '未到货',
    '签收',
    '骑手',
    '快递员',
    '外卖员',
    '送餐员',
    '超时',
    '延误',
    '送错',
    '丢件',
    '包裹',
    '运单',
    '地址',
    'delivery',
    'delivered',
    'shipping',
    'shipped',
    'shipment',
    'courier',
    'driver',
    'parcel',
    'package',
    'tracking',
    'not received',
    'never arrived',
    'arrived',
    'late',
  ],
  after_sales: [
    '售后',
    '退货',
    '换货',
    '退换',
    '维修',
    '返修',
    '保修',
    '质保',
    '三包',
    '安装',
    'return',
    'returns',
    'exchange',
    'repair',
    'warranty',
    'replacement',
  ],
  product_quality: [
    '质量',
    '坏了',
    '破损',
    '碎了',
    '假货',
    '过期',
    '变质',
    '发霉',
    '难吃',
    '次品',
    '瑕疵',
    '异物',
    '异味',
    '不新鲜',
    '做工',
    '色差',
    '漏了',
    '洒了',
    'quality',
    'broken',
    'damaged',
    'defective',
    'faulty',
    'fake',
    'expired',
    'spoiled',
    'stale',
  ],
  billing_refund: [
    '退款',
    '退钱',
    '扣款',
    '扣费',
    '扣钱',
    '扣了',
    '自动续费',
    '多收',
    '乱收费',
    '收费',
    '发票',
    '价格',
    '差价',
    '优惠券',
    '红包',
    '账单',
    '付款',
    '支付',
    '充值',
    '余额',
    'refund',
    'refunded',
    'charge',
    'charged',
    'overcharged',
    'invoice',
    'bill',
    'billing',
    'price',
    'coupon',
    'payment',
    'money back',
    'chargeback',
    'fee',
  ],
  service_attitude: [
    '态度',
    '客服',
    '骂人',
    '辱骂',
    '不理',
    '没人理',
    '爱答不理',
    '敷衍',
    '不耐烦',
    '粗鲁',
    '挂电话',
    '推卸',
    '踢皮球',
    '不回复',
    'rude',
    'attitude',
    'customer service',
    'agent',
    'ignored',
    'hung up',
    'unhelpful',
    'impolite',
  ],
  technical: [
    '登录',
    '登陆',
    '闪退',
    'app',
    '系统',
    'bug',
    '网站',
    '网页',
    '页面',
    '小程序',
    '付款失败',
    '支付失败',
    '打不开',
    '崩溃',
    '卡顿',
    '验证码',
    '密码',
    '账号',
    '报错',
    'login',
    'log in',
    'crash',
    'crashes',
    'crashing',
    'website',
    'error',
    'password',
    'account',
    'payment failed',
    'checkout',
  ],
};

/** What `analyzeText` looks for. Every list is replaceable; omitted fields keep the defaults. */
export interface AnalysisConfig {
  riskWords: readonly string[];
  intentPhrases: readonly string[];
  categoryKeywords: Readonly<Record<KeywordCategory, readonly string[]>>;
  /** Sentiment at or below this counts as complaint evidence (−1..1). */
  negativeSentiment: number;
  /** Sentiment at or below this counts as strong evidence on its own. */
  strongNegativeSentiment: number;
  /** Sentiment above this means the text is praise, even if it mentions 投诉 or a refund. */
  positiveSentiment: number;
}

export const DEFAULT_ANALYSIS_CONFIG: Readonly<AnalysisConfig> = Object.freeze({
  riskWords: DEFAULT_RISK_WORDS,
  intentPhrases: DEFAULT_INTENT_PHRASES,
  categoryKeywords: DEFAULT_CATEGORY_KEYWORDS,
  negativeSentiment: -0.3,
  strongNegativeSentiment: -0.6,
  positiveSentiment: 0.5,
});

/** The reading of one text: what `POST /analyze` answers, less the spam score. */
export interface TextAnalysis {
  /** −1..1, from `scoreSentiment`. */
  sentiment: number;
  sentimentHits: SentimentHit[];
  /** Risk words found, as configured, each once, in order of appearance. */
  riskWords: string[];
  /** Intent phrases found, as configured, each once. */
  intents: string[];
  /** Reads as a complaint: intent, risk words and negative sentiment together. */
  complaint: boolean;
  /** 0..1, how strongly it reads as a complaint. */
  complaintScore: number;
  /** Best keyword category; `other` for a complaint with no keyword; null for empty or non-complaint text without one. */
  category: ComplaintCategory | null;
  /** Keyword hits per category (only categories with a hit). */
  categoryScores: Partial<Record<KeywordCategory, number>>;
}

export type TextAnalyzer = (text: string) => TextAnalysis;

// Evidence weights: one intent phrase, or strongly negative sentiment, is enough on its own;
// a risk word needs company (退款 alone may be a polite question).
const INTENT_EVIDENCE = 1;
const MAX_INTENT_EVIDENCE = 2;
const RISK_EVIDENCE = 0.5;
const MAX_RISK_EVIDENCE = 1.5;
const NEGATIVE_EVIDENCE = 0.5;
const STRONG_NEGATIVE_EVIDENCE = 1;
const COMPLAINT_EVIDENCE = 1;
const FULL_EVIDENCE = 3;

function phraseDictionary(phrases: readonly string[]): Dictionary<string> {
  return new Dictionary(phrases.map((p) => [compactForKeywords(normaliseForAnalysis(p)), p] as const));
}

function distinctMatches(dictionary: Dictionary<string>, text: string): string[] {
  const seen = new Set<string>();
  for (const match of dictionary.scan(text)) seen.add(match.value);
  return [...seen];
}

/**
 * Builds an analyser for a configuration. Build once and reuse: compiling the
 * word lists is the costly part.
 *
 * @example
 * const analyze = createTextAnalyzer({ riskWords: [...DEFAULT_RISK_WORDS, '黑猫投诉'] });
 * analyze('再不退款我就去12315投诉').riskWords // ['退款', '12315', '投诉']
 */
export function createTextAnalyzer(overrides: Partial<AnalysisConfig> = {}): TextAnalyzer {
  const config: AnalysisConfig = { ...DEFAULT_ANALYSIS_CONFIG, ...overrides };
  const risk = phraseDictionary(config.riskWords);
  const intent = phraseDictionary(config.intentPhrases);
  const categoryWords: [string, KeywordCategory][] = [];
  for (const category of KEYWORD_CATEGORIES) {
    for (const word of config.categoryKeywords[category] ?? []) {
      categoryWords.push([compactForKeywords(normaliseForAnalysis(word)), category]);
    }
  }
  const categories = new Dictionary(categoryWords);

  return (text: string): TextAnalysis => {
    const { score, hits } = scoreSentiment(text);
    const keywordText = compactForKeywords(normaliseForAnalysis(text));
    const riskWords = distinctMatches(risk, keywordText);
    const intents = distinctMatches(intent, keywordText);

    const categoryScores: Partial<Record<KeywordCategory, number>> = {};
    for (const match of categories.scan(keywordText)) {
      categoryScores[match.value] = (categoryScores[match.value] ?? 0) + 1;
    }
    let best: KeywordCategory | null = null;
    for (const category of KEYWORD_CATEGORIES) {
      const n = categoryScores[category] ?? 0;
      if (n > 0 && (best === null || n > (categoryScores[best] ?? 0))) best = category;
    }

    let evidence =
      Math.min(intents.length * INTENT_EVIDENCE, MAX_INTENT_EVIDENCE) +
      Math.min(riskWords.length * RISK_EVIDENCE, MAX_RISK_EVIDENCE);
    if (score <= config.strongNegativeSentiment) evidence += STRONG_NEGATIVE_EVIDENCE;
    else if (score <= config.negativeSentiment) evidence += NEGATIVE_EVIDENCE;
    const complaint = evidence >= COMPLAINT_EVIDENCE && score <= config.positiveSentiment;

    return {
      sentiment: score,
      sentimentHits: hits,
      riskWords,
      intents,
      complaint,
      complaintScore: complaint ? Math.min(1, evidence / FULL_EVIDENCE) : 0,
      category: best ?? (complaint ? 'other' : null),
      categoryScores,
    };
  };
}

const defaultAnalyzer = createTextAnalyzer();
const analyzerCache = new WeakMap<Partial<AnalysisConfig>, TextAnalyzer>();

/**
 * Sentiment, risk words, complaint intent and category of one text. Pure.
 * With `options`, the analyser built for that object is cached, so pass the
 * same object each time (or use `createTextAnalyzer`) on a hot path.
 *
 * @example analyzeText('快递三天了还没到，我要投诉') // complaint: true, category: 'logistics'
 */
export function analyzeText(text: string, options?: Partial<AnalysisConfig>): TextAnalysis {
  if (options === undefined) return defaultAnalyzer(text);
  let analyzer = analyzerCache.get(options);
  if (analyzer === undefined) {
    analyzer = createTextAnalyzer(options);
    analyzerCache.set(options, analyzer);
  }
  return analyzer(text);
}
