import { describe, expect, it } from 'vitest';
import { isWardenError } from '../../core/errors.js';
import {
  createSpamModel,
  deserialize,
  NEUTRAL_SPAM_SCORE,
  type SpamLabel,
  type SpamModel,
  serialize,
  spamScore,
  stats,
  train,
  untrain,
} from './model.js';

// A small hand-written corpus (ours, not from any data set), Chinese and English.
const CORPUS: [SpamLabel, string][] = [
  ['spam', '恭喜您获得xxx元现金红包，点击链接立即领取 http://t.cn/abc'],
  ['spam', '【优品商城】新春大促，全场x折起，回复TD退订'],
  ['spam', '您的账户积分即将清零，请点击 www.jf-duihuan.com 兑换礼品'],
  ['spam', '低息贷款，无抵押，当天放款，详情咨询xxxxxxxxxxx'],
  ['spam', '【美容会所】会员专享，充值1000送500，名额有限，速来抢购'],
  ['spam', '免费领取iPhone，仅限今天，点击领取'],
  ['spam', 'Congratulations! You have won a £1000 prize. Call 09061701461 now to claim'],
  ['spam', 'FREE entry to win a brand new car! Text WIN to 80086 now'],
  ['spam', 'URGENT: your account is suspended, verify at http://secure-login.xyz'],
  ['spam', 'Cheap loans approved today, no credit check, call now'],
  ['spam', 'Claim your free gift card now! Limited offer, reply STOP to opt out'],
  ['spam', 'You are selected for a cash prize, click www.prize-now.com to claim'],
  ['ham', '你好，我的快递三天了还没到，麻烦帮我查一下'],
  ['ham', '昨天买的衣服尺码不对，可以换大一号吗'],
  ['ham', '请问这个订单什么时候发货'],
  ['ham', '收到了，谢谢，质量很好'],
  ['ham', '退款什么时候能到账？我已经寄回去了'],
  ['ham', '我明天下午在家，可以送过来'],
  ['ham', 'Hi, my parcel has not arrived yet, can you check the tracking?'],
  ['ham', 'I ordered the wrong size, can I exchange it for a medium?'],
  ['ham', 'Thanks, the replacement arrived this morning and works fine'],
  ['ham', 'When will my refund be processed? I sent the item back last week'],
  ['ham', 'Can you call me back after 6pm please'],
  ['ham', 'The app keeps logging me out, is there a problem with my account?'],
];

const trained = (): SpamModel => {
  const model = createSpamModel();
  for (const [label, text] of CORPUS) train(model, text, label);
  return model;
};

const snapshot = (model: SpamModel) => ({
  stats: stats(model),
  spam: Buffer.from(model.spamCounts.buffer).toString('base64'),
  ham: Buffer.from(model.hamCounts.buffer).toString('base64'),
});

describe('spamScore after training on a small corpus', () => {
  const model = trained();

  it.each([
    '恭喜您获得红包，点击链接领取 http://t.cn/xyz',
    '【商城】大促全场x折，回复TD退订',
    '无抵押贷款，当天放款',
    'You have won a cash prize! Call 09061234567 now to claim',
    'FREE gift card, click www.win-now.com to claim your prize',
  ])('scores held-out spam %j above 0.5', (text) => {
    expect(spamScore(model, text)).toBeGreaterThan(0.5);
  });

  it.each([
    '我的快递还没到，帮我查一下',
    '衣服尺码不对，可以换吗',
    'My parcel has not arrived, can you check?',
    'When will my refund arrive? I sent it back',
  ])('scores held-out ham %j below 0.5', (text) => {
    expect(spamScore(model, text)).toBeLessThan(0.5);
  });

  it('stays inside 0..1 for long and odd texts', () => {
    for (const text of ['', '🎉'.repeat(500), '领取'.repeat(2000), 'call now '.repeat(1000)]) {
      const s = spamScore(model, text);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
    }
  });
});

describe('a model with too few examples', () => {
  it('returns the neutral score when empty', () => {
    const model = createSpamModel();
    expect(spamScore(model, '恭喜您获得现金红包')).toBe(NEUTRAL_SPAM_SCORE);
    expect(stats(model)).toMatchObject({ docs: { spam: 0, ham: 0 }, vocabulary: 0, ready: false });
  });

  it('stays neutral until each class has minDocsPerClass documents', () => {
    const model = createSpamModel({ minDocsPerClass: 2 });
    train(model, 'win a free prize now', 'spam');
    train(model, 'free prize, click to claim', 'spam');
    train(model, 'where is my parcel', 'ham');
    expect(spamScore(model, 'free prize')).toBe(NEUTRAL_SPAM_SCORE);
    train(model, 'my parcel is late', 'ham');
    expect(stats(model).ready).toBe(true);
    expect(spamScore(model, 'free prize')).toBeGreaterThan(0.5);
  });
});

describe('untrain', () => {
  it('reverses train exactly', () => {
    const model = trained();
    const before = snapshot(model);
    const scoreBefore = spamScore(model, '点击领取红包');
    train(model, '点击领取红包 free prize 退-款 xxx', 'spam');
    train(model, '新的一句话 brand new words', 'ham');
    expect(snapshot(model)).not.toEqual(before);
    expect(untrain(model, '新的一句话 brand new words', 'ham')).toBe(true);
    expect(untrain(model, '点击领取红包 free prize 退-款 xxx', 'spam')).toBe(true);
    expect(snapshot(model)).toEqual(before);
    expect(spamScore(model, '点击领取红包')).toBe(scoreBefore);
  });

  it('moves a corrected mark from one class to the other', () => {
    const model = trained();
    const text = '周末店庆，到店有礼';
    train(model, text, 'spam');
    expect(untrain(model, text, 'spam')).toBe(true);
    train(model, text, 'ham');
    const direct = trained();
    train(direct, text, 'ham');
    expect(snapshot(model)).toEqual(snapshot(direct));
  });

  it('refuses, changing nothing, a text the model never learned with that label', () => {
    const model = trained();
    const before = snapshot(model);
    expect(untrain(model, '一段从未见过的文字 entirely unseen words', 'spam')).toBe(false);
    expect(untrain(model, CORPUS[0]?.[1] ?? '', 'ham')).toBe(false);
    expect(untrain(createSpamModel(), 'anything', 'ham')).toBe(false);
    expect(snapshot(model)).toEqual(before);
  });
});

describe('serialize / deserialize', () => {
  it('round-trips to identical scores and stats', () => {
    const model = trained();
    const restored = deserialize(serialize(model));
    expect(stats(restored)).toEqual(stats(model));
    expect(restored.options).toEqual(model.options);
    for (const text of ['恭喜您获得红包', 'where is my parcel', 'free prize', '']) {
      expect(spamScore(restored, text)).toBe(spamScore(model, text));
    }
    expect(serialize(restored)).toBe(serialize(model));
  });

  it('keeps non-default options', () => {
    const model = createSpamModel({ bits: 12, alpha: 1, prior: 0.2, temperature: 3, minDocsPerClass: 1 });
    train(model, 'spam text', 'spam');
    train(model, 'ham text', 'ham');
    const restored = deserialize(serialize(model));
    expect(restored.options).toEqual(model.options);
    expect(spamScore(restored, 'spam')).toBe(spamScore(model, 'spam'));
  });

  it.each([
    ['not JSON', 'nope'],
    ['another format', JSON.stringify({ format: 'other', version: 1 })],
    [
      'another feature version',
      serialize(createSpamModel()).replace('"featureVersion":1', '"featureVersion":99'),
    ],
    ['totals that do not match', serialize(trained()).replace(/"vocabulary":\d+/, '"vocabulary":1')],
    ['truncated counts', serialize(trained()).replace(/"counts":"([^"]{8})[^"]*"/, '"counts":"$1"')],
  ])('rejects %s with VALIDATION_FAILED', (_what, input) => {
    let caught: unknown;
    try {
      deserialize(input);
    } catch (e) {
      caught = e;
    }
    expect(isWardenError(caught) && caught.code === 'VALIDATION_FAILED').toBe(true);
  });
});

describe('createSpamModel options', () => {
  it.each([
    { bits: 8 },
    { bits: 25 },
    { alpha: 0 },
    { temperature: -1 },
    { prior: 1 },
    { minDocsPerClass: 0 },
  ])('rejects %j', (options) => {
    expect(() => createSpamModel(options)).toThrow(RangeError);
  });
});
