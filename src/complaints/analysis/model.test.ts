import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelText, trainStored, WEIGHTS } from '../../../scripts/train-complaints.js';
import { analyze, MODEL_COMPLAINT_AT } from './analyze.js';
import {
  complaintLogit,
  complaintProbability,
  features,
  loadModel,
  MODEL_SIZE,
  type StoredModel,
} from './model.js';

const stored = JSON.parse(readFileSync(WEIGHTS, 'utf8')) as StoredModel;
const model = loadModel(stored);
const p = (text: string) => complaintProbability(model, modelText(text));

describe('complaint model features', () => {
  it('gives each CJK character and Latin word a token, and 1–3-grams within a clause', () => {
    // 3 characters: 3 unigrams + 2 bigrams + 1 trigram.
    expect(features('坏了吗')).toHaveLength(6);
    // Punctuation ends a clause: no n-gram spans 坏了 | 吗.
    expect(features('坏了,吗')).toHaveLength(4);
    // 2 words: 2 unigrams + 1 bigram; spaces do not end a clause.
    expect(features('not working')).toHaveLength(3);
    expect(features('')).toHaveLength(0);
  });

  it('is deterministic, inside the feature space, and sees traditional as simplified', () => {
    const a = features(modelText('我要投訴，冰箱壞了'));
    expect(a).toEqual(features(modelText('我要投诉，冰箱坏了')));
    expect(a).toEqual(features(modelText('我要投诉，冰箱坏了')));
    for (const b of a) expect(b >= 0 && b < MODEL_SIZE).toBe(true);
    expect(features(modelText('ＴＶ　Broken'))).toEqual(features('tv broken'));
  });

  it('scores the same text the same way, whatever came before', () => {
    const first = complaintLogit(model, modelText('洗衣机用了一周就漏水'));
    complaintLogit(model, modelText('a much longer text, to fill the shared buffers with other tokens'));
    expect(complaintLogit(model, modelText('洗衣机用了一周就漏水'))).toBe(first);
    expect(complaintLogit(model, '')).toBe(stored.bias);
  });
});

describe('complaint model weights', () => {
  it('equal a fresh training run on the dev rows (npm run train:complaints)', () => {
    expect(trainStored()).toEqual(stored);
  }, 60_000);

  it('trained on the dev split only', () => {
    expect(stored.trainedOn).toMatch(/split=dev/);
  });
});

describe('complaint model behaviour', () => {
  it('reads complaints high and ordinary messages low', () => {
    for (const text of [
      '新买的冰箱不制冷，售后拒绝上门',
      '等了两个星期还没发货，也没人通知',
      'The heater stopped working after two days and nobody replies',
    ])
      expect(p(text), text).toBeGreaterThan(0.5);
    for (const text of [
      '晚上一起吃饭吗？我请客',
      '您的验证码是1234，五分钟内有效',
      'Are we still on for dinner tonight?',
    ])
      expect(p(text), text).toBeLessThan(0.5);
  });

  it('is extra evidence in analyze: off, the word lists alone decide', () => {
    const texts = ['晚上一起吃饭吗？我请客', '请问我的快递什么时候能到？', '加微信领红包'];
    for (const text of texts) {
      expect(analyze(text).complaint).toBe(false);
      expect(analyze(text, { model: false }).complaint).toBe(false);
    }
    expect(MODEL_COMPLAINT_AT).toBeGreaterThan(0.5);
  });
});
