/**
 * The demo's people, entries, rules and message texts: a Chinese e-commerce
 * shop's customer service over one week. Fixed data and a seeded generator,
 * so two loads give the same story.
 */

import type { ComplaintCategory } from '../complaints/model.js';
import type { IdentifierType } from '../identity/model.js';

export interface DemoCustomer {
  externalId: string;
  name: string;
  tier: 'standard' | 'silver' | 'gold' | 'vip';
  lifetimeValue: number;
  phone: string;
  email?: string;
  attributes: Record<string, string>;
}

const surnames = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
];
const given = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '晓燕',
];
const cities = ['上海', '北京', '杭州', '深圳', '广州', '成都', '南京', '武汉', '西安', '苏州'];

/** A deterministic generator (mulberry32): the same demo every time. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const pick = <T>(rnd: () => number, list: readonly T[]): T =>
  list[Math.floor(rnd() * list.length)] as T;

/** 40 customers: four VIPs (two worth over 80,000), gold, silver and standard. */
export function demoCustomers(): DemoCustomer[] {
  const rnd = seeded(12);
  const out: DemoCustomer[] = [];
  for (let i = 0; i < 40; i++) {
    const tier = i < 4 ? 'vip' : i < 10 ? 'gold' : i < 18 ? 'silver' : 'standard';
    const name = `${surnames[i % surnames.length]}${given[(i * 7) % given.length]}`;
    const lifetimeValue =
      tier === 'vip'
        ? ([86_000, 128_500, 42_000, 61_300][i] ?? 50_000)
        : tier === 'gold'
          ? 12_000 + Math.round(rnd() * 20_000)
          : tier === 'silver'
            ? 3_000 + Math.round(rnd() * 6_000)
            : Math.round(rnd() * 2_500);
    out.push({
      externalId: `demo-${String(i + 1).padStart(3, '0')}`,
      name,
      tier,
      lifetimeValue,
      phone: `1${pick(rnd, ['38', '39', '58', '86', '35'])}${String(10_000_000 + i * 123_457).slice(0, 8)}`,
      ...(i % 3 === 0 ? { email: `demo${i + 1}@example.cn` } : {}),
      attributes: {
        城市: pick(rnd, cities),
        注册渠道: pick(rnd, ['小程序', 'App', '官网', '门店']),
        ...(tier === 'vip' ? { 专属客服: '贵宾服务组' } : {}),
      },
    });
  }
  return out;
}

/** Inbound texts by kind; complaints by the category they read as. */
export const texts = {
  inquiry: [
    '你好，请问我的订单什么时候发货？',
    '请问这款有没有大一码的？',
    '发票怎么开？需要填什么信息',
    '会员积分可以抵扣运费吗',
    '请问周末客服上班吗',
    '你好，想修改一下收货人电话',
    '618 的优惠券还能用吗',
    '谢谢，问题已经解决了',
    '请问门店几点关门',
    '可以帮我查一下物流单号吗',
  ],
  complaints: {
    logistics: [
      '快递一个星期了还没到，物流信息一直不更新，太慢了',
      '包裹显示已签收但我根本没收到，快递员也联系不上',
      '送错地址了，东西到现在还没到，再不处理我就投诉',
      '配送延误三天了也没人通知，非常不满意',
    ],
    after_sales: [
      '申请退货一周了还没人处理，售后电话一直打不通',
      '换货寄回去十天了没有任何回复，你们售后太差了',
      '维修好的手机又坏了，要求退款，不然去12315投诉',
    ],
    product_quality: [
      '收到的衣服有破洞，质量太差了，要求退货',
      '电饭煲用了两天就坏了，质量问题，要求赔偿',
      '商品和图片严重不符，是假货吧，我要曝光',
    ],
    billing_refund: [
      '退款说三个工作日到账，现在十天了还没到，再不退款我就去12315投诉',
      '同一笔订单被扣了两次钱，赶紧退给我',
      '优惠券没有抵扣成功，多付的钱什么时候退',
    ],
    service_attitude: ['客服态度太差了，问了三遍都不耐烦，我要投诉', '你们的客服直接挂我电话，太不尊重人了'],
    technical: ['App 一直闪退，付款页面打不开，耽误我下单', '小程序登录不了，验证码一直收不到'],
  } satisfies Partial<Record<ComplaintCategory, string[]>>,
  /** The surge: one afternoon, many people, the same warehouse. */
  surge: [
    '华东仓发的货全都没到，快递三天没动了，怎么回事',
    '我的包裹也卡在华东仓了，物流一直不更新，要求退款',
    '同一天下的单都没到，你们物流是不是出问题了，我要投诉',
    '快递停在中转站三天了，客服也不回复，太差了',
    '物流信息三天没更新，孩子的生日礼物赶不上了，非常生气',
  ],
  spam: [
    '加微信领红包，日赚300，兼职刷单',
    '兼职刷单，加微信 wx12345 日结',
    '低价代开发票，加微信详聊',
    '刷单返利，加微信领取',
  ],
  abuse: ['你们都是骗子，等着瞧', '再不给我处理我天天打电话骂你们'],
} as const;

export interface DemoEntry {
  identifier?: { type: IdentifierType; value: string };
  /** Index into demoCustomers(): the entry targets that customer. */
  customer?: number;
  level: 1 | 2 | 3;
  category: 'harassment' | 'complaint_abuse' | 'fraud' | 'spam';
  reason: string;
  limit?: { max: number; windowSeconds: number };
  allowedChannels?: string[];
  /** Relative to the load's start, in days. */
  startsInDays?: number;
  expiresInDays?: number;
  status?: 'pending';
  /** Afterwards: released with this reason, or given a temporary release. */
  release?: string;
  exemptionDays?: number;
}

/** Entries of every level and category; one pending, one scheduled, one released, one with a temporary release. */
export const demoEntries: readonly DemoEntry[] = [
  {
    identifier: { type: 'phone', value: '13700137001' },
    level: 1,
    category: 'harassment',
    reason: '连续三晚深夜辱骂客服',
  },
  {
    identifier: { type: 'phone', value: '13700137002' },
    level: 1,
    category: 'fraud',
    reason: '冒充物流公司索要验证码',
  },
  {
    identifier: { type: 'phone_prefix', value: '+86170' },
    level: 1,
    category: 'spam',
    reason: '170 号段广告短信集中来源',
  },
  {
    identifier: { type: 'email_domain', value: 'spam-mail.cn' },
    level: 1,
    category: 'spam',
    reason: '垃圾邮件域名',
  },
  {
    customer: 25,
    level: 2,
    category: 'complaint_abuse',
    reason: '同一问题每天重复投诉几十次',
    limit: { max: 3, windowSeconds: 86_400 },
  },
  {
    customer: 2,
    level: 3,
    category: 'complaint_abuse',
    reason: '贵宾客户要求只用邮件沟通',
    allowedChannels: ['email'],
  },
  {
    identifier: { type: 'phone', value: '13700137003' },
    level: 1,
    category: 'harassment',
    reason: '威胁曝光索要赔偿',
    status: 'pending',
  },
  {
    identifier: { type: 'phone', value: '13700137004' },
    level: 1,
    category: 'spam',
    reason: '下周起停止接收其营销回复',
    startsInDays: 10,
  },
  {
    identifier: { type: 'phone', value: '13700137005' },
    level: 1,
    category: 'harassment',
    reason: '误判：客户已道歉',
    release: '主管核实后解除',
  },
  {
    identifier: { type: 'phone', value: '13700137006' },
    level: 1,
    category: 'fraud',
    reason: '多次虚假索赔',
    exemptionDays: 2,
  },
  {
    identifier: { type: 'device_id', value: 'dev-9f3a77' },
    level: 1,
    category: 'fraud',
    reason: '同一设备注册二十多个账号',
    expiresInDays: 30,
  },
];
