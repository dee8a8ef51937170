import { Dictionary } from './dictionary.js';
import { type ComplaintModel, complaintProbability, loadModel, type StoredModel } from './model.js';
import storedModel from './model-weights.json' with { type: 'json' };
import { compactForKeywords, normaliseForAnalysis } from './normalise.js';
import { type SentimentHit, scoreSentiment } from './sentiment.js';
import {
  defaultLexicon,
  type LexiconOverride,
  RISK_KINDS,
  SIGNAL_KINDS,
  type SignalKind,
  STRONG_KINDS,
} from './signals.js';

export { defaultLexicon, type LexiconOverride, SIGNAL_KINDS, type SignalKind } from './signals.js';

import type { BuiltInCategory, ComplaintCategory } from './categories.js';

export type { ComplaintCategory } from './categories.js';

/** Categories recognised by keywords, in tie-break order: the more specific topic first. */
export type KeywordCategory = Exclude<BuiltInCategory, 'other'>;

export const KEYWORD_CATEGORIES: readonly KeywordCategory[] = [
  'product_quality',
  'logistics',
  'billing_refund',
  'after_sales',
  'technical',
  // Last: customers address 客服 in almost every message, whatever it is about.
  'service_attitude',
];

/** Keywords that place a message in a category. A keyword belongs to one category; the longest match wins. */
export const DEFAULT_CATEGORY_KEYWORDS: Readonly<Record<KeywordCategory, readonly string[]>> = {
  logistics: [
    'delivery driver',
    'next day delivery',
    'wrong colour',
    'wrong color',
    'wrong size',
    'sent me the wrong',
    'at my door',
    '外卖',
    '外送',
    '宅配',
    '出货',
    '驿站',
    '发错货',
    '寄错',
    '少发',
    '少寄',
    '餐盒',
    'wrong item',
    'wrong address',
    'ships',
    'order placed',
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
    'engineer',
    'returned it',
    '售后电话',
    '师傅',
    '上门',
    '寄修',
    '送修',
    '保固',
    '维修',
    '拒绝保修',
    '退货申请',
    'technician',
    'installation',
    'installer',
    'repaired',
    '售后',
    '退货',
    '换货',
    '退换',
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
    'took payment',
    'the price',
    'taken money',
    'my account twice',
    'my bank',
    '重复扣款',
    '扣了两次',
    '配送费',
    '运费',
    '到账',
    '会员',
    '续费',
    'fee',
    'subscription',
    'auto-renewal',
    'paid full price',
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
  ],
  service_attitude: [
    'nobody replied',
    'nobody called',
    'no one called',
    'nobody has got back',
    'got back to me',
    'on the phone',
    'worst service',
    'passed to',
    'each time i call',
    'lied',
    '店员',
    '服务员',
    '人工',
    '回复',
    '没人回',
    '口气',
    '电话都没人接',
    'staff',
    'chatbot',
    'manager',
    'on hold',
    'nobody replies',
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
    'log into',
    'check out',
    'error message',
    "won't load",
    '帐号',
    '登入',
    '结帐',
    '网络异常',
    '下不了单',
    '更新',
    'verification code',
    'locked out',
    'hacked',
    'update',
    'app',
    'log in',
    '登录',
    '登陆',
    '闪退',
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

/** The category keyword table, under the name settings use. */
export const defaultCategoryKeywords = DEFAULT_CATEGORY_KEYWORDS;

/** What `analyze` reads with. Every part is optional; omitted parts keep the defaults. */
export interface AnalysisConfig {
  /** Changes to the default signal lists (words added per kind, words removed). */
  lexicon?: LexiconOverride | undefined;
  /**
   * Replaces the category keyword table. Keys are built-in categories or a
   * team's own; a built-in left out (disabled) places nothing. On a tie a
   * team's own category wins, then the built-ins in their order.
   */
  categoryKeywords?: Readonly<Record<string, readonly string[]>> | undefined;
  /**
   * The trained complaint model (model.ts) as a second reader beside the word lists; on by default.
   * `false` reads with the word lists alone; a model object reads with that model (cross-validation).
   */
  model?: boolean | ComplaintModel | undefined;
}

/** One signal found: its kind and the word as listed. */
export interface Signal {
  kind: SignalKind;
  word: string;
}

/** The reading of one text: what `POST /analyze` answers, less the spam score. */
export interface TextAnalysis {
  /** −1..1: the lexicon score (`scoreSentiment`) moved by the signals found (threats strongly down). */
  sentiment: number;
  sentimentHits: SentimentHit[];
  /** Signals found, each word once, in order of appearance; negated and hypothetical ones left out. */
  signals: Signal[];
  /** The words of risk signals (regulators, media, legal, threats, safety, 投诉, 退款), each once. */
  riskWords: string[];
  /** Words of the other signals (faults, service failures, demands), each once. */
  intents: string[];
  /** Reads as a complaint. */
  complaint: boolean;
  /** 0..1, how strongly it reads as a complaint. */
  complaintScore: number;
  /** Best keyword category; `other` for a complaint with no keyword; null for adverts, notifications and non-complaints without one. */
  category: ComplaintCategory | null;
  /** Keyword hits per category (only categories with a hit). */
  categoryScores: Partial<Record<ComplaintCategory, number>>;
  /** Reads as an advert or an automated notification (OTP, delivery notice); never a complaint. */
  automated: boolean;
}

export type TextAnalyzer = (text: string) => TextAnalysis;

/** Cues besides signals that change how signals are read. */
type Cue =
  /** `context`: the word itself names a purchase (items missing, 订单没到). */
  | { t: 'signal'; kind: SignalKind; word: string; context: boolean }
  /** 不, 没有, not: the next signal within a few words is denied. */
  | { t: 'negator' }
  /** 如果, 万一, if: the rest of the clause is hypothetical. `back`: 的话 makes the clause before it so. */
  | { t: 'hypothetical'; back: boolean }
  /** 请问, how do I: a polite question. */
  | { t: 'question' }
  /** 已经解决, 修好了, resolved: what went wrong is over. */
  | { t: 'resolved' }
  /**
   * 你们, 客服, 订单, my order: the text is addressed to a business or about a purchase.
   * `object`: a thing people own (手机, 电脑, fridge), which chat mentions as often as complaints do.
   */
  | { t: 'context'; object: boolean }
  | { t: 'advert' }
  | { t: 'notice' }
  /** 据报道, 法院判处: a report about other people (news), unless the writer speaks as 我 or to 你. */
  | { t: 'news' }
  /** 说好, 写着, promised: what the customer was told; a later 结果/却/then (after a comma) says it did not hold. */
  | { t: 'claim'; context: boolean }
  | { t: 'turn' }
  /** Idioms and self-inflicted mishaps that contain a signal word (没完没了, 心都碎了, 摔碎了): read as nothing. */
  | { t: 'none' };

const NEGATORS = [
  '不',
  '没',
  '没有',
  '未',
  '无',
  '别',
  '不是',
  '并不',
  '并没有',
  '从没',
  '从来没',
  '从来没有',
  '从不',
  '不会',
  '不想',
  '不要',
  '不用',
  '一点也不',
  '一点都不',
  '都没有',
  'not',
  'no',
  'never',
  "don't",
  'dont',
  "didn't",
  "doesn't",
  "isn't",
  "wasn't",
  "aren't",
  "haven't",
  "hasn't",
  'without',
  'nothing',
  'none',
];
// Not negations: 再不/还不/否则 announce what happens next (再不退款我就…).
const ULTIMATUMS = [
  '不给我个',
  '不给我一个',
  '不给个',
  '再不',
  '还不给',
  '还不退',
  '还不处理',
  '还不解决',
  '还不发',
  '否则',
  '不然我',
  '不然就',
  'or else',
  'or i will',
  "or i'll",
  "or i'm",
];
const HYPOTHETICALS = [
  '如果',
  '万一',
  '要是',
  '假如',
  '假设',
  '若',
  'if',
  'in case',
  'what if',
  'what happens if',
];
const HYPOTHETICAL_BEFORE = ['的话'];
const QUESTIONS = [
  '在哪里看',
  '在哪看',
  '在哪里查',
  '怎么领',
  '怎么设置',
  '怎么申请',
  '怎么操作',
  '如何',
  '请问',
  '想问',
  '问一下',
  '问问',
  '咨询',
  '麻烦问',
  '能否',
  '可否',
  '是否',
  '有没有',
  '可以吗',
  '吗?',
  '吗',
  'how do i',
  'how can i',
  'how long',
  'how often',
  'can i',
  'can you',
  'could you',
  'do you',
  'when will',
  'when does',
  'where can',
  'where do',
  'will it',
  'just asking',
  'just want to',
];
const RESOLVED = [
  // The writer sees to it themself: 屏幕碎了，下午去修一下.
  '去修一下',
  '自己去修',
  '自己修',
  'getting it fixed',
  'getting it repaired',
  '已解决',
  '已经解决',
  '解决了',
  '处理好了',
  '处理好',
  '修好了',
  '已修好',
  '已经修好',
  '退款到账',
  '退款已经收到',
  '收到退款',
  '退款收到',
  '撤回',
  '撤销',
  '没事了',
  'resolved',
  'sorted',
  'was fixed',
  'been fixed',
  'withdraw',
  'refund received',
];
const CONTEXT = [
  // text3: businesses and purchases of other domains (telecom, banks, insurance, travel, cars, property, courses, utilities, health).
  '保险公司',
  // Taiwan usage (folded to simplified).
  '冷气',
  '网路',
  '网购',
  '宅配',
  '超商',
  '机车',
  '帐单',
  '刷卡',
  '软体',
  '卖场',
  '饭菜',
  '菜品',
  '餐品',
  '这家店',
  '物业费',
  '管理费',
  '服务费',
  '店员',
  '柜员',
  '保安',
  '收银员',
  '前台',
  'service charge',
  'cashier',
  'receptionist',
  'groomer',
  'dentist',
  'rental company',
  'removal company',
  '买了',
  'mobile signal',
  'phone signal',
  '宽带',
  '套餐',
  '话费',
  '营业厅',
  '营业员',
  '运营商',
  '银行',
  '信用卡',
  '银行卡',
  '贷款',
  '理财',
  '催收',
  '理赔',
  '保单',
  '航班',
  '航空公司',
  '机票',
  '行李',
  '酒店',
  '房间',
  '旅行社',
  '导游',
  '车子',
  '4s店',
  '发动机',
  '开发商',
  '交房',
  '物业',
  '中介',
  '房东',
  '押金',
  '课程',
  '课时',
  '健身房',
  '教练',
  '美容院',
  '会员卡',
  '办卡',
  '年卡',
  '司机',
  '打车',
  '网约车',
  '水费',
  '电费',
  '燃气费',
  '药店',
  '奶粉',
  '羽绒服',
  '显示器',
  '电饭煲',
  '充电器',
  '扫地机',
  '油烟机',
  '衣服',
  '赠品',
  '合约',
  '第四台',
  '门号',
  '手续费',
  '年费',
  '月租',
  '饭店',
  '补习班',
  '计程车',
  '房仲',
  '店里',
  '服务员',
  '工作人员',
  '家具',
  '电风扇',
  '便当',
  '饮料',
  '工单',
  '报修',
  '售票',
  '演唱会',
  '景区',
  '民宿',
  '租车',
  '4s',
  '新车',
  '二手车',
  '楼盘',
  '学费',
  '退费',
  '高铁',
  '燃气公司',
  '自来水',
  '电力公司',
  '供电',
  'broadband',
  'wifi',
  'bill',
  'contract',
  'bank',
  'overdraft',
  'wages',
  'insurer',
  'insurance',
  'claim',
  'policy',
  'premiums',
  'flight',
  'airline',
  'suitcase',
  'luggage',
  'hotel',
  'holiday',
  'booking',
  'dealer',
  'garage',
  'brakes',
  'landlord',
  'letting agent',
  'deposit',
  'builders',
  'fees',
  'gym',
  'membership',
  'taxi',
  'uber',
  'fare',
  'clinic',
  'appointment',
  'formula',
  'coat',
  'monitor',
  'cooker',
  'shower',
  'heating',
  'boiler',
  'collections',
  'tariff',
  'meter',
  'water bill',
  'supplier',
  'provider',
  'sandwich',
  'blanket',
  'cream',
  'concert',
  'mortgage',
  'loan',
  'call centre',
  'call center',
  'helpline',
  'reception',
  'plumber',
  'contractor',
  'installer',
  'property',
  'apartment',
  'tenancy',
  'lease',
  '你们',
  '你家',
  '贵公司',
  '贵司',
  '商家',
  '卖家',
  '店家',
  '客服',
  '售后',
  '平台',
  '店家',
  '门店',
  '你们店',
  '电动车',
  '差点',
  '压力锅',
  '问问题',
  'nearly',
  'power bank',
  'kettle',
  'vacuum',
  'e-bike',
  'stove',
  'toaster',
  'toy',
  'chair',
  'using it',
  'touched it',
  'while i',
  'charging',
  'plugged',
  '充电宝',
  '电暖器',
  '玩具',
  '燃气',
  '插座',
  '孩子',
  '宝宝',
  '家里',
  '我要',
  '我会',
  '我已经',
  '我就',
  '我买',
  '买的',
  '刚买',
  '新买',
  '购买',
  '下单',
  '订单',
  '收到',
  '快递',
  '外卖',
  '外送',
  '包裹',
  '物流',
  '发货',
  '退货',
  '换货',
  '维修',
  '保修',
  '商品',
  '产品',
  '东西',
  '师傅',
  '骑手',
  '配送',
  '质量',
  // Rhetorical 这不是欺诈吗 affirms; read as context so 不是 does not deny.
  '这不是',
  '签收',
  '已签收',
  '送修',
  '寄修',
  '寄回',
  '订阅',
  'items',
  '这难道不是',
  '信不信',
  '手机',
  '电脑',
  '冰箱',
  '空调',
  '洗衣机',
  '热水器',
  '电视',
  '耳机',
  '充电',
  '电池',
  '屏幕',
  '机器',
  'app',
  '小程序',
  '网站',
  '系统',
  '账号',
  '帐号',
  '会员',
  '续费',
  '扣费',
  '扣款',
  '充值',
  '付款',
  '支付',
  '电话',
  '天了',
  '两天',
  '一周',
  '一个月',
  '萤幕',
  '喇叭',
  '烤箱',
  '微波炉',
  '吸尘器',
  '平板',
  '箱子',
  '折扣',
  '专线',
  '门市',
  'phone',
  'laptop',
  'lamp',
  'jacket',
  'zip',
  'earbuds',
  'eggs',
  'cable',
  'mattress',
  'colour',
  'color',
  'photo',
  'pizza',
  'size',
  'engineer',
  'label',
  'neighbour',
  'basket',
  'button',
  'chat',
  'emails',
  'email',
  'customs',
  'refund',
  'tv',
  'screen',
  'fridge',
  'heater',
  'printer',
  'speaker',
  'headphones',
  'charger',
  'battery',
  'remote',
  'sofa',
  'dress',
  'shirt',
  'shoes',
  'food',
  'chicken',
  'salad',
  'bread',
  'coffee',
  'machine',
  'box',
  'ticket',
  'support',
  'invoice',
  'cart',
  'password',
  'money',
  'discount',
  'you people',
  'your staff',
  'your store',
  'your company',
  'your website',
  'your app',
  'customer service',
  'agent',
  'store',
  'company',
  'account',
  'card',
  'app',
  'website',
  'subscription',
  'warranty',
  'repair',
  'return',
  'replacement',
  'technician',
  'courier',
  'driver',
  'tracking',
  'shipping',
  'shipped',
  'charged',
  'days ago',
  'weeks',
  'order',
  'ordered',
  'bought',
  'purchase',
  'item',
  'product',
  'delivery',
  'parcel',
  'package',
  "i'm going to",
  'i will',
  "i'll",
  "i've",
];
const ADVERTS = [
  '加微信',
  '加v',
  '加vx',
  '加qq',
  '加line',
  '领红包',
  '红包',
  '点击链接',
  '点击连结',
  '点击领取',
  '立即抢购',
  '秒杀',
  '回t退订',
  '退订回t',
  '回td退订',
  '免费领取',
  '恭喜您',
  '中奖',
  '兼职',
  '日赚',
  '刷单',
  '贷款',
  '放款',
  '代开',
  '扫码关注',
  '进店有礼',
  '转发朋友圈',
  '私聊',
  '全场',
  '全馆',
  '限时',
  'click here',
  'claim now',
  'claim your',
  'to claim',
  'you won a',
  'you won an',
  "you've won",
  'you have won',
  'congratulations',
  'reply stop',
  'unsubscribe',
  'free entry',
  'flash sale',
  'loans',
  'text me',
  'earn $',
  'txt',
  'prize',
];
/** Context words that name a thing people own: chat about one's own 手机 is no grievance by its tone alone. */
const OBJECTS: ReadonlySet<string> = new Set([
  '电动车',
  '压力锅',
  'power',
  'bank',
  'kettle',
  'vacuum',
  'e-bike',
  'stove',
  'toaster',
  'toy',
  'chair',
  '充电宝',
  '电暖器',
  '玩具',
  '燃气',
  '插座',
  '孩子',
  '宝宝',
  '家里',
  '手机',
  '电脑',
  '冰箱',
  '空调',
  '洗衣机',
  '热水器',
  '电视',
  '耳机',
  '充电',
  '电池',
  '屏幕',
  '机器',
  '系统',
  '电话',
  '萤幕',
  '喇叭',
  '烤箱',
  '微波炉',
  '吸尘器',
  '平板',
  '箱子',
  'phone',
  'laptop',
  'lamp',
  'jacket',
  'zip',
  'earbuds',
  'eggs',
  'cable',
  'mattress',
  'colour',
  'color',
  'photo',
  'pizza',
  'size',
  'neighbour',
  'button',
  'chat',
  'email',
  'emails',
  'tv',
  'screen',
  'fridge',
  'heater',
  'printer',
  'speaker',
  'headphones',
  'charger',
  'battery',
  'remote',
  'sofa',
  'dress',
  'shirt',
  'shoes',
  'food',
  'chicken',
  'salad',
  'bread',
  'coffee',
  'machine',
  'box',
  '发动机',
  '奶粉',
  '羽绒服',
  '显示器',
  '电饭煲',
  '充电器',
  '扫地机',
  '油烟机',
  '衣服',
  '家具',
  '电风扇',
  '便当',
  '饮料',
  '车子',
  'suitcase',
  'luggage',
  'brakes',
  'formula',
  'coat',
  'monitor',
  'cooker',
  'shower',
  'heating',
  'boiler',
  'sandwich',
  'blanket',
  'cream',
]);
const NEWS = [
  '据报道',
  '据悉',
  '据了解',
  '记者',
  '报道',
  '新华社',
  '原标题',
  '警方',
  '民警',
  '公安机关',
  '判处',
  '一审',
  '二审',
  '判决',
  '受理',
  '被告',
  '嫌疑人',
  '官员',
  '市委',
  '区委',
  '县委',
  '有关部门',
  '相关部门',
  '主管部门',
  '公告',
  '招聘',
  '条例',
  '启动仪式',
  '专项',
  '整治',
  '查处',
  '依法',
  '近日',
  '日前',
  '群众',
  '村民',
  '专家',
  'according to',
  'reported that',
  'police said',
];
/** 我 / 你 / I / you: the writer speaks for themself or to someone. */
const PERSON = /[我你您俺咱]|本人|\b(?:i|me|my|you|your|we|our)\b/;
const CLAIMS = [
  '说好',
  '说是',
  '写着',
  '写的是',
  '标着',
  '标明',
  '宣传',
  '承诺',
  '答应',
  '保证',
  '明明说',
  '显示有',
  '显示成功',
  '当初',
  'said',
  'says',
  'promised',
  'advertised',
  'told me',
  'listed as',
];
const TURNS = [
  '结果',
  '却',
  '到了',
  '现在却',
  '现在每次',
  '竟然',
  '居然',
  '反而',
  '实际上',
  '实际',
  '其实是',
  '又让',
  '又要',
  'then we',
  'then they',
  'but then',
  'instead',
  'turned out',
  'actually',
  "but it's",
  'but my',
  'but the',
  'but no',
  'but nothing',
];
const NOTHING = [
  '打碎了',
  '打碎',
  '下得没完',
  '没完没了',
  '心都碎了',
  '心碎了',
  '心都碎',
  '突破了',
  '切断了',
  '断档',
  '要不然',
  '摔碎了',
  '摔碎',
  '摔裂了',
  '摔裂',
  '摔坏了',
  '摔坏',
  '被我玩坏',
  '被我弄坏',
  '我弄坏',
  '手贱',
  '找回来了',
  '找到了',
];
const NOTICES = [
  '验证码为',
  '验证码是',
  '您的验证码',
  '取件码',
  '您尾号',
  '账单已出',
  '已送达',
  '已发货，请',
  '正在派送',
  '感谢您的支持',
  '欢迎再次光临',
  '请空腹',
  'verification code is',
  'your code is',
  'your account was charged',
  'has been delivered',
  'has shipped',
  'is on its way',
  'appointment is confirmed',
];

// Evidence that the text is a complaint, per signal kind (a second word of the kind adds half again).
const SIGNAL_EVIDENCE: Readonly<Record<SignalKind, number>> = {
  threat: 2,
  safety: 1.2,
  regulator: 1.5,
  media: 0.7,
  legal: 1,
  complaint: 1,
  demand: 1,
  refund: 0.4,
  fault: 1,
  service: 1,
  dissatisfaction: 1,
};
// How far a signal pulls sentiment down (added before squashing, in scoreSentiment's scale).
const SIGNAL_POLARITY: Readonly<Record<SignalKind, number>> = {
  threat: -5,
  safety: -2.4,
  regulator: -2,
  media: -1.2,
  legal: -1.6,
  complaint: -1.2,
  demand: -1.2,
  refund: -0.2,
  fault: -1.2,
  service: -0.8,
  dissatisfaction: -1.2,
};
const SQUASH = 0.5; // as scoreSentiment: score = tanh(SQUASH · total)
const NEGATION_UNITS = 3;
// Without a word addressing a business or a purchase, weak evidence counts this much (news, chat).
const NO_CONTEXT = 0.5;
// In a polite question, evidence other than strong signals counts this much.
const QUESTION = 0.3;
const MILD_NEGATIVE_AT = -0.1;
const NEGATIVE_AT = -0.3;
const STRONG_NEGATIVE_AT = -0.6;
const POSITIVE_AT = 0.5;
const COMPLAINT_AT = 1;
const NEWS_WEIGHT = 0.5;
const FULL_EVIDENCE = 3;
/**
 * The model's probability from which a text with some, but too little, evidence is a complaint.
 * Chosen by 5-fold cross-validation on the dev rows (`npm run train:complaints -- --cv`): the
 * lowest threshold at which the model alone fires on ≤ 1 % of the dev non-complaints (0.8 % at
 * 0.9), as real traffic holds many more ordinary messages than complaints.
 */
export const MODEL_COMPLAINT_AT = 0.9;
const defaultModel: ComplaintModel = loadModel(storedModel as StoredModel);
const CONTEXT_FREE: ReadonlySet<SignalKind> = new Set([
  'threat',
  'regulator',
  'fault',
  'demand',
  'dissatisfaction',
]);
// Signals that themselves say the text is about a purchase or a business.
const CONTEXT_GIVING: ReadonlySet<SignalKind> = new Set(['refund', 'demand', 'fault']);
// 信不信我弄死你: a threat is not denied by a negator before it, nor made hypothetical by 如果.
const NEVER_DENIED: ReadonlySet<SignalKind> = new Set(['threat']);
const STILL_IN_CONDITION: ReadonlySet<SignalKind> = new Set(['threat', 'regulator', 'media', 'legal']);
const CONTEXT_FORMS = CONTEXT.map((w) => compactForKeywords(normaliseForAnalysis(w)));
/** `part` inside `word`, as a whole word when it is Latin. */
function containsWord(word: string, part: string): boolean {
  const at = word.indexOf(part);
  if (at < 0) return false;
  if (!/[a-z]/.test(part)) return true;
  const before = word[at - 1];
  const after = word[at + part.length];
  return (
    (before === undefined || !/[a-z0-9]/.test(before)) && (after === undefined || !/[a-z0-9]/.test(after))
  );
}

const isClauseBreak = (ch: string) => ',.!?;:\n\r\t。、…~'.includes(ch);
const isCjk = (code: number) => code >= 0x3400 && code <= 0x9fff;
const isWordChar = (code: number) => (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
const isWordStart = (text: string, i: number) =>
  isWordChar(text.charCodeAt(i)) && (i === 0 || !(isWordChar(text.charCodeAt(i - 1)) || text[i - 1] === "'"));

function keywordForm(word: string): string {
  return compactForKeywords(normaliseForAnalysis(word));
}

/** The signal lists with a team's changes applied. */
export function effectiveLexicon(override?: LexiconOverride): Record<SignalKind, string[]> {
  const removed = new Set((override?.remove ?? []).map(keywordForm));
  const out = {} as Record<SignalKind, string[]>;
  for (const kind of SIGNAL_KINDS) {
    const words = [...defaultLexicon[kind], ...(override?.add?.[kind] ?? [])];
    out[kind] = [...new Set(words)].filter((w) => !removed.has(keywordForm(w)));
  }
  return out;
}

function cueDictionary(lexicon: Record<SignalKind, string[]>): Dictionary<Cue> {
  const entries: [string, Cue][] = [];
  const add = (words: readonly string[], cue: Cue) => {
    for (const w of words) entries.push([keywordForm(w), cue]);
  };
  for (const w of CONTEXT) entries.push([keywordForm(w), { t: 'context', object: OBJECTS.has(w) }]);
  add(QUESTIONS, { t: 'question' });
  add(NEGATORS, { t: 'negator' });
  add(HYPOTHETICALS, { t: 'hypothetical', back: false });
  add(HYPOTHETICAL_BEFORE, { t: 'hypothetical', back: true });
  add(RESOLVED, { t: 'resolved' });
  add(ADVERTS, { t: 'advert' });
  add(NOTICES, { t: 'notice' });
  add(NEWS, { t: 'news' });
  add(NOTHING, { t: 'none' });
  for (const w of CLAIMS) entries.push([keywordForm(w), { t: 'claim', context: w === '说好' }]);
  add(TURNS, { t: 'turn' });
  // Signals after the cues, so a word in both (投诉 is no context word) is read as a signal.
  for (const kind of SIGNAL_KINDS) {
    for (const word of lexicon[kind]) {
      const form = keywordForm(word);
      entries.push([
        form,
        { t: 'signal', kind, word, context: CONTEXT_FORMS.some((c) => containsWord(form, c)) },
      ]);
    }
  }
  // Ultimatums are demands, and must not read as negations.
  for (const word of ULTIMATUMS)
    entries.push([keywordForm(word), { t: 'signal', kind: 'demand', word, context: false }]);
  // English plurals of signals and context words (dead pixels, hidden fees, bills), listed first so
  // a word listed in its own right keeps its own reading.
  const plurals: [string, Cue][] = [];
  for (const [form, cue] of entries) {
    if ((cue.t === 'signal' || cue.t === 'context') && /[a-rt-z]$/.test(form) && /[a-z]{3}$/.test(form))
      plurals.push([`${form}s`, cue]);
  }
  return new Dictionary([...plurals, ...entries]);
}

interface Reading {
  signals: Signal[];
  context: boolean;
  /** Only object words (手机, fridge) gave context. */
  objectContext: boolean;
  question: boolean;
  resolved: boolean;
  advert: boolean;
  notice: boolean;
  news: boolean;
}

/** One pass over the text: signals, with negation and hypotheticals applied per clause. */
function read(cues: Dictionary<Cue>, text: string): Reading {
  const r: Reading = {
    signals: [],
    context: false,
    objectContext: false,
    question: false,
    resolved: false,
    advert: false,
    notice: false,
    news: false,
  };
  // A brand signature 【京东】 or [Bank] opens automated messages, never a customer's.
  if (/^\s*[【[][^】\]]{1,12}[】\]]/.test(text)) r.notice = true;
  let clauseStart = 0; // index into r.signals where the current clause's signals start
  let hypothetical = false;
  let unitsSinceNegator = Number.POSITIVE_INFINITY;
  let resolvedAt = -1;
  // A claim (说好…) seen in an earlier clause, and its word: a turn (结果…) after it is a broken promise.
  let claim: string | null = null;
  let claimClause = -1;
  let clause = 0;
  let pos = 0;
  while (pos < text.length) {
    const ch = text[pos] as string;
    if (isClauseBreak(ch)) {
      clause++;
      clauseStart = r.signals.length;
      hypothetical = false;
      unitsSinceNegator = Number.POSITIVE_INFINITY;
      pos++;
      continue;
    }
    const m = cues.matchAt(text, pos);
    if (m === undefined) {
      if (isCjk(text.charCodeAt(pos)) || isWordStart(text, pos)) unitsSinceNegator++;
      pos++;
      continue;
    }
    pos = m.end;
    const cue = m.value;
    switch (cue.t) {
      case 'negator':
        unitsSinceNegator = 0;
        break;
      case 'hypothetical':
        if (cue.back) r.signals.length = clauseStart;
        else hypothetical = true;
        break;
      case 'question':
        r.question = true;
        unitsSinceNegator++;
        break;
      case 'resolved':
        r.resolved = true;
        resolvedAt = r.signals.length;
        break;
      case 'context':
        if (cue.object) r.objectContext = true;
        else r.context = true;
        unitsSinceNegator++;
        break;
      case 'advert':
        r.advert = true;
        break;
      case 'notice':
        r.notice = true;
        break;
      case 'news':
        r.news = true;
        break;
      case 'none':
        break;
      case 'claim':
        if (cue.context) r.context = true;
        if (claim === null) {
          claim = m.word;
          claimClause = clause;
        }
        break;
      case 'turn':
        if (claim !== null && clause > claimClause && !hypothetical) {
          r.signals.push({ kind: 'service', word: claim });
          claim = null;
        }
        break;
      case 'signal': {
        const denied = unitsSinceNegator < NEGATION_UNITS && !NEVER_DENIED.has(cue.kind);
        unitsSinceNegator = Number.POSITIVE_INFINITY;
        // A threat in a condition (if you don't refund me I'll …, 要是不解决我就去工商局) is still one.
        if (!denied && (!hypothetical || STILL_IN_CONDITION.has(cue.kind))) {
          r.signals.push({ kind: cue.kind, word: cue.word });
          if (cue.context || CONTEXT_GIVING.has(cue.kind)) r.context = true;
        }
        break;
      }
    }
  }
  // 修好了又坏了, fixed but it broke again: what went wrong after the fix still counts.
  if (r.resolved && r.signals.length > resolvedAt) r.resolved = false;
  return r;
}

/**
 * Builds an analyser for a configuration. Build once and reuse: compiling the
 * word lists is the costly part.
 *
 * @example
 * const analyze = createTextAnalyzer({ lexicon: { add: { media: ['黑猫'] } } });
 * analyze('再不退款我就去12315投诉').riskWords // ['退款', '12315', '投诉']
 */
export function createTextAnalyzer(config: AnalysisConfig = {}): TextAnalyzer {
  const cues = cueDictionary(effectiveLexicon(config.lexicon));
  const categoryKeywords: Readonly<Record<string, readonly string[]>> =
    config.categoryKeywords ?? DEFAULT_CATEGORY_KEYWORDS;
  // Tie-break order: a team's own categories first (it added them for a reason), then the built-ins.
  const builtIn = new Set<string>([...KEYWORD_CATEGORIES, 'other']);
  const order: string[] = [
    ...Object.keys(categoryKeywords).filter((c) => !builtIn.has(c)),
    ...KEYWORD_CATEGORIES.filter((c) => c in categoryKeywords),
  ];
  const categoryWords: [string, string][] = [];
  for (const category of order) {
    for (const word of categoryKeywords[category] ?? []) categoryWords.push([keywordForm(word), category]);
  }
  const categories = new Dictionary(categoryWords);
  // A fault points at product quality, unless the team disabled that category.
  const faultCategory = 'product_quality' in categoryKeywords ? 'product_quality' : null;
  const model =
    config.model === false
      ? null
      : config.model === true || config.model === undefined
        ? defaultModel
        : config.model;

  return (text: string): TextAnalysis => {
    const normalised = normaliseForAnalysis(text);
    const lexical = scoreSentiment(text, normalised);
    const keywordText = compactForKeywords(normalised);
    const r = read(cues, keywordText);

    const seen = new Set<string>();
    const signals: Signal[] = [];
    const perKind = new Map<SignalKind, number>();
    for (const s of r.signals) {
      if (seen.has(s.word)) continue;
      seen.add(s.word);
      signals.push(s);
      perKind.set(s.kind, (perKind.get(s.kind) ?? 0) + 1);
    }

    // Sentiment: the lexicon's, moved by what the signals say (弄死你 is no neutral phrase).
    let pull = 0;
    for (const [kind, n] of perKind) pull += SIGNAL_POLARITY[kind] * Math.min(n, 2);
    const clamped = Math.max(-0.999, Math.min(0.999, lexical.score));
    const sentiment = pull === 0 ? lexical.score : Math.tanh(Math.atanh(clamped) + SQUASH * pull);

    let strong = 0;
    let weak = 0;
    for (const [kind, n] of perKind) {
      const e = SIGNAL_EVIDENCE[kind] * (n >= 2 ? 1.5 : 1);
      // Two service failures (扣了两次, 一个月了还没有消息) need no other word to be about a purchase.
      const free = CONTEXT_FREE.has(kind) || (kind === 'service' && n >= 2);
      const contextual = free || r.context || r.objectContext ? e : e * NO_CONTEXT;
      if (STRONG_KINDS.has(kind)) strong += contextual;
      else weak += contextual;
    }
    // About a purchase and negative at all (装不上, 没修, a lack the lexicon cannot name) is a grievance;
    // without a business or a purchase in it, tone alone is chat (看手机久了眼睛不舒服) and adds little.
    if (lexical.score <= STRONG_NEGATIVE_AT) weak += r.context ? 1 : 0.25;
    else if (lexical.score <= NEGATIVE_AT) weak += r.context ? 0.75 : 0;
    else if (lexical.score <= MILD_NEGATIVE_AT && r.context) weak += 0.5;
    if (r.question) weak *= QUESTION;
    const grave =
      (perKind.get('threat') ?? 0) + (perKind.get('regulator') ?? 0) + (perKind.get('safety') ?? 0);
    let evidence = strong + weak;
    // A report about others (法院判处…, 据报道…) with no 我 or 你 in it is news, not a customer's grievance.
    if (r.news && !PERSON.test(keywordText) && (perKind.get('threat') ?? 0) === 0) evidence *= NEWS_WEIGHT;
    if (r.resolved && grave === 0) evidence = 0;
    const automated = (r.advert || r.notice) && grave === 0;
    if (automated) evidence = 0;
    // Praise that mentions 投诉 or a refund (谢谢你们处理了我的投诉) is no complaint; a threat still is.
    const praise = lexical.score > POSITIVE_AT && grave === 0;
    if (praise) evidence = 0;
    // The model is extra evidence: it decides a text in which the word lists found something (a signal,
    // a negative tone about a purchase) but too little. Alone, on text unlike its training rows (chat,
    // news), it fires far too often; adverts, notices, praise and what was resolved stay out.
    const byModel =
      evidence < COMPLAINT_AT &&
      model !== null &&
      !automated &&
      !praise &&
      !(r.resolved && grave === 0) &&
      evidence > 0 &&
      complaintProbability(model, keywordText) >= MODEL_COMPLAINT_AT;
    const complaint = evidence >= COMPLAINT_AT || byModel;

    const categoryScores: Record<string, number> = {};
    if (!automated) {
      for (const match of categories.scan(keywordText)) {
        categoryScores[match.value] = (categoryScores[match.value] ?? 0) + 1;
      }
      // A fault is about the product unless a category word says otherwise.
      const faults = (perKind.get('fault') ?? 0) + (perKind.get('safety') ?? 0);
      if (faults > 0 && faultCategory !== null)
        categoryScores[faultCategory] = (categoryScores[faultCategory] ?? 0) + 1;
    }
    let best: string | null = null;
    for (const category of order) {
      const n = categoryScores[category] ?? 0;
      if (n > 0 && (best === null || n > (categoryScores[best] ?? 0))) best = category;
    }

    return {
      sentiment,
      sentimentHits: lexical.hits,
      signals,
      riskWords: signals.filter((s) => RISK_KINDS.has(s.kind)).map((s) => s.word),
      intents: signals.filter((s) => !RISK_KINDS.has(s.kind)).map((s) => s.word),
      complaint,
      complaintScore: complaint ? Math.min(1, Math.max(evidence, COMPLAINT_AT) / FULL_EVIDENCE) : 0,
      category: best ?? (complaint ? 'other' : null),
      categoryScores,
      automated,
    };
  };
}

/** The signal kind a listed word belongs to under the default lists, e.g. for risk words stored on a complaint. */
export function signalKindOf(word: string): SignalKind | undefined {
  return defaultWordKinds.get(word);
}
const defaultWordKinds = new Map<string, SignalKind>(
  SIGNAL_KINDS.flatMap((kind) => defaultLexicon[kind].map((w) => [w, kind] as const)),
);

const defaultAnalyzer = createTextAnalyzer();
const analyzerCache = new WeakMap<AnalysisConfig, TextAnalyzer>();

/**
 * Sentiment, complaint signals, risk words, complaint intent and category of
 * one text. Pure. With `options`, the analyser built for that object is
 * cached, so pass the same object each time (settings keep one until they
 * change) or use `createTextAnalyzer` on a hot path.
 *
 * @example analyze('快递三天了还没到，我要投诉') // complaint: true, category: 'logistics'
 * @example analyze('請問我的快遞什麼時候能到？') // complaint: false
 */
export function analyze(text: string, options?: AnalysisConfig): TextAnalysis {
  if (options === undefined) return defaultAnalyzer(text);
  let analyzer = analyzerCache.get(options);
  if (analyzer === undefined) {
    analyzer = createTextAnalyzer(options);
    analyzerCache.set(options, analyzer);
  }
  return analyzer(text);
}

/** The earlier name of `analyze`. */
export const analyzeText = analyze;
