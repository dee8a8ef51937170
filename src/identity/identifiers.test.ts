import { describe, expect, it } from 'vitest';
import { WardenError } from '../core/errors.js';
import {
  canonicalEmail,
  identifierProblem,
  invalidIdentifierCode,
  ipRangeContains,
  ipToBigInt,
  maskIdentifier,
  normalizeIdentifier,
  parseCidr,
  parseIdentifierRef,
  tryNormalizeIdentifier,
  tryNormalizePhoneFullPath,
  tryParseIdentifierRef,
} from './identifiers.js';
import type { IdentifierType } from './model.js';

/** `null` means the input must be rejected with INVALID_IDENTIFIER. */
type Row = [type: IdentifierType, raw: string, expected: string | null, region?: string];

const rows: Row[] = [
  // phone: Chinese mobiles in every shape agents paste them
  ['phone', '+86 138-0013-8000', '+8613800138000'],
  ['phone', '8613800138000', '+8613800138000'],
  ['phone', '013800138000', '+8613800138000'],
  ['phone', '0086 138 0013 8000', '+8613800138000'],
  ['phone', '00 86 138 0013 8000', '+8613800138000'],
  ['phone', '(+86)13800138000', '+8613800138000'],
  ['phone', '+86 0 13800138000', '+8613800138000'],
  ['phone', '13800138000', '+8613800138000'],
  ['phone', '138.0013.8000', '+8613800138000'],
  ['phone', '138—0013—8000', '+8613800138000'],
  ['phone', '＋８６ １３８ ００１３ ８０００', '+8613800138000'],
  ['phone', '１３８００１３８０００', '+8613800138000'],
  ['phone', '\u3000138 0013 8000\u3000', '+8613800138000'],
  ['phone', 'tel:+86-138-0013-8000', '+8613800138000'],
  // a zero-width space copied from a chat window carries no meaning between digits
  ['phone', '138\u200b0013 8000', '+8613800138000'],
  // virtual operators and newer ranges
  ['phone', '17012345678', '+8617012345678'],
  ['phone', '17112345678', '+8617112345678'],
  ['phone', '19212345678', '+8619212345678'],
  ['phone', '19912345678', '+8619912345678'],
  ['phone', '16612345678', '+8616612345678'],
  ['phone', '14712345678', '+8614712345678'],
  // landlines and service numbers
  ['phone', '010-6552 9988', '+861065529988'],
  ['phone', '010-12345678', '+861012345678'],
  ['phone', '(0755) 8888 8888', '+8675588888888'],
  ['phone', '+86 755 8888 8888', '+8675588888888'],
  ['phone', '+86(0)10 6552 9988', '+861065529988'],
  ['phone', '0086-10-65529988', '+861065529988'],
  ['phone', '400-123-4567', '+864001234567'],
  // foreign numbers with + and with the 00 international prefix
  ['phone', '+1 (415) 555-2671', '+14155552671'],
  ['phone', '+44 20 7946 0958', '+442079460958'],
  ['phone', '+852 2123 4567', '+85221234567'],
  ['phone', '+852 9123 4567', '+85291234567'],
  ['phone', '+853 6612 3456', '+85366123456'],
  ['phone', '+886 912 345 678', '+886912345678'],
  ['phone', '+81 3-1234-5678', '+81312345678'],
  ['phone', '+81 90-1234-5678', '+819012345678'],
  ['phone', '00852 2123 4567', '+85221234567'],
  ['phone', '0044 20 7946 0958', '+442079460958'],
  // spreadsheets drop the +; invalid as a Chinese number, valid as UK mobile, so read as international
  ['phone', '447911123456', '+447911123456'],
  ['phone', '85291234567', '+85291234567'],
  // 1 + 10 digits is the shape of a Chinese mobile: a typo must fail, not turn into a US number
  ['phone', '14155552671', null],
  ['phone', '12012345678', null],
  ['phone', '001 415 555 2671', '+14155552671'],
  // another default region
  ['phone', '(415) 555-2671', '+14155552671', 'US'],
  ['phone', '011 86 138 0013 8000', '+8613800138000', 'US'],
  ['phone', '0086 138 0013 8000', '+8613800138000', 'US'],
  ['phone', '13800138000', null, 'US'],
  // phone: rejected
  ['phone', '12345', null],
  ['phone', 'abc', null],
  ['phone', '+86 138 0013 80001 2', null],
  ['phone', '', null],
  ['phone', '   ', null],
  // 10 and 12 digits: isPossible would accept these mobile typos (CN landline lengths vary); isValid does not
  ['phone', '1380013800', null],
  ['phone', '138001380000', null],
  ['phone', '+8612345678901', null],
  // bank and carrier short codes (95588, 10086) are not personal numbers
  ['phone', '95588', null],
  ['phone', '10086', null],
  // one E.164 value cannot hold an extension, and switchboard colleagues must not merge
  ['phone', '+86 138 0013 8000 ext 12', null],
  ['phone', '138-0013-800O', null],
  ['phone', '138+00138000', null],
  ['phone', '++8613800138000', null],
  ['phone', '+999 1234 5678', null],
  ['phone', '1'.repeat(70), null],

  // email
  ['email', ' Zhang.San@Example.COM ', 'zhang.san@example.com'],
  ['email', 'ＺＨＡＮＧ＠ＥＸＡＭＰＬＥ．ＣＯＭ', 'zhang@example.com'],
  ['email', 'user+tag@gmail.com', 'user+tag@gmail.com'],
  ['email', 'a@example.com.', 'a@example.com'],
  ['email', '张三@例子.中国', '张三@xn--fsqu00a.xn--fiqs8s'],
  ['email', '@example.com', null],
  ['email', 'example.com', null],
  ['email', 'a@@example.com', null],
  ['email', 'a@b@example.com', null],
  ['email', 'a b@example.com', null],
  ['email', 'a@localhost', null],
  ['email', 'a@x..com', null],
  ['email', 'a@-x.com', null],
  ['email', 'a@1.2.3.4', null],
  ['email', 'a\u200b@example.com', null],
  ['email', '', null],

  // email_domain
  ['email_domain', 'example.com', 'example.com'],
  ['email_domain', '@example.com', 'example.com'],
  ['email_domain', 'EXAMPLE.com.', 'example.com'],
  ['email_domain', ' ＠Ｅｘａｍｐｌｅ．ｃｏｍ ', 'example.com'],
  ['email_domain', 'mail.corp.example.co.uk', 'mail.corp.example.co.uk'],
  ['email_domain', '例子.中国', 'xn--fsqu00a.xn--fiqs8s'],
  ['email_domain', 'localhost', null],
  ['email_domain', 'a@example.com', null],
  ['email_domain', '@@example.com', null],
  ['email_domain', '*.example.com', null],
  ['email_domain', 'exa mple.com', null],
  ['email_domain', '', null],

  // user_id, device_id, open_id: trimmed, NFKC, case kept
  ['user_id', '  u_123  ', 'u_123'],
  ['user_id', 'ＡＢＣ１２３', 'ABC123'],
  ['user_id', '用户甲', '用户甲'],
  ['user_id', 'x'.repeat(256), 'x'.repeat(256)],
  ['user_id', '用'.repeat(256), '用'.repeat(256)],
  ['user_id', 'x'.repeat(257), null],
  ['user_id', '', null],
  ['user_id', ' \t ', null],
  ['user_id', 'a\u0000b', null],
  ['user_id', 'a\nb', null],
  ['open_id', 'oAbC-dEf_123', 'oAbC-dEf_123'],
  ['open_id', 'OABC-DEF_123', 'OABC-DEF_123'],
  ['device_id', 'A1B2C3D4-E5F6-4711-8000-000000000001', 'A1B2C3D4-E5F6-4711-8000-000000000001'],
  // invisible characters would make two lookalike ids differ
  ['device_id', 'a\u200bb', null],

  // ip: addresses
  ['ip', '203.0.113.7', '203.0.113.7'],
  // zero-padded octets come from spreadsheets and mean decimal, not octal
  ['ip', '192.168.001.010', '192.168.1.10'],
  ['ip', '１９２．１６８．１．１', '192.168.1.1'],
  ['ip', '2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
  ['ip', '2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
  ['ip', '1:0:0:2:0:0:0:3', '1:0:0:2::3'],
  ['ip', '1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
  ['ip', '[2001:db8::1]', '2001:db8::1'],
  ['ip', '::', '::'],
  ['ip', '::1', '::1'],
  ['ip', '::ffff:1.2.3.4', '1.2.3.4'],
  ['ip', '::FFFF:0102:0304', '1.2.3.4'],
  // deprecated IPv4-compatible form is not IPv4-mapped: stays IPv6
  ['ip', '::1.2.3.4', '::102:304'],
  // ip: CIDR ranges
  ['ip', '10.0.0.0/8', '10.0.0.0/8'],
  ['ip', '10.1.2.3/8', '10.0.0.0/8'],
  ['ip', '192.168.1.77/24', '192.168.1.0/24'],
  ['ip', '1.2.3.4/32', '1.2.3.4'],
  ['ip', '2001:db8::/32', '2001:db8::/32'],
  ['ip', '2001:db8:abcd::/32', '2001:db8::/32'],
  ['ip', '2001:db8::1/128', '2001:db8::1'],
  ['ip', '::ffff:10.1.2.3/104', '10.0.0.0/8'],
  ['ip', '::ffff:10.1.2.3/64', '::/64'],
  // valid syntax; whether a blocklist may hold "everything" is the policy's decision
  ['ip', '0.0.0.0/0', '0.0.0.0/0'],
  // ip: rejected
  ['ip', '256.1.1.1', null],
  ['ip', '1.2.3', null],
  ['ip', '167772160', null],
  ['ip', '1.2.3.4/33', null],
  ['ip', '2001:db8::/129', null],
  ['ip', '1.2.3.4/', null],
  ['ip', '1.2.3.4/+8', null],
  ['ip', '1::2::3', null],
  ['ip', '1:2:3:4:5:6:7::8', null],
  ['ip', '12345::1', null],
  ['ip', 'fe80::1%eth0', null],
  ['ip', 'localhost', null],
  ['ip', '', null],

  // phone_prefix
  ['phone_prefix', '+86170', '+86170'],
  ['phone_prefix', '0086 170', '+86170'],
  ['phone_prefix', '170', '+86170'],
  ['phone_prefix', '＋８６１７０', '+86170'],
  // a leading copy of the region's calling code is read as international; no CN area code starts with 86
  ['phone_prefix', '86170', '+86170'],
  ['phone_prefix', '0755', '+86755'],
  ['phone_prefix', '+86 0755', '+86755'],
  // Italian numbers start with 0 themselves: not a trunk prefix
  ['phone_prefix', '+39 06', '+3906'],
  ['phone_prefix', '+44 07', '+447'],
  ['phone_prefix', '+852 9', '+8529'],
  ['phone_prefix', '+800 1', '+8001'],
  ['phone_prefix', '212', '+1212', 'US'],
  // the whole country, but written explicitly
  ['phone_prefix', '+86', '+86'],
  // a bare 0 would silently become +86, a block on all of China
  ['phone_prefix', '0', null],
  ['phone_prefix', '+1', null],
  ['phone_prefix', '+999', null],
  ['phone_prefix', '+1234567890123456', null],
  ['phone_prefix', 'abc', null],
  ['phone_prefix', '', null],
];

const cn = { defaultRegion: 'CN' };

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('normalizeIdentifier', () => {
  const table = rows.map(([type, raw, expected, region]) => [type, raw, expected, region ?? 'CN'] as const);
  it.each(table)('%s %j → %j (%s)', (type, raw, expected, defaultRegion) => {
    const opts = { defaultRegion };
    const result = tryNormalizeIdentifier(type, raw, opts);
    if (expected !== null) {
      expect(normalizeIdentifier(type, raw, opts)).toEqual({ type, value: expected });
      expect(result).toEqual({ ok: true, identifier: { type, value: expected } });
      // canonical forms are fixed points
      expect(normalizeIdentifier(type, expected, opts).value).toBe(expected);
      return;
    }
    const thrown = thrownBy(() => normalizeIdentifier(type, raw, opts));
    expect(thrown).toBeInstanceOf(WardenError);
    const error = thrown as WardenError;
    expect(error.code).toBe('INVALID_IDENTIFIER');
    expect(error.errors).toEqual([{ field: type, message: error.message }]);
    expect(result).toEqual({ ok: false, message: error.message });
    // messages never echo the value: they reach logs and API responses
    if (raw.trim().length > 3) expect(error.message).not.toContain(raw.trim());
  });

  it('has the table the brief asks for', () => {
    expect(rows.length).toBeGreaterThanOrEqual(60);
  });

  it('fails loudly on a misconfigured region instead of misreading numbers', () => {
    expect(() => tryNormalizeIdentifier('phone', '13800138000', { defaultRegion: 'XX' })).toThrow(/region/);
  });
});

describe('parseIdentifierRef', () => {
  it.each([
    ['phone:+86 138 0013 8000', { type: 'phone', value: '+8613800138000' }],
    ['phone：13800138000', { type: 'phone', value: '+8613800138000' }],
    ['PHONE:13800138000', { type: 'phone', value: '+8613800138000' }],
    ['ip:2001:DB8::1', { type: 'ip', value: '2001:db8::1' }],
    ['ip:::ffff:1.2.3.4', { type: 'ip', value: '1.2.3.4' }],
    ['email_domain:@Example.com', { type: 'email_domain', value: 'example.com' }],
    ['open_id:oAbC:x', { type: 'open_id', value: 'oAbC:x' }],
  ])('%j', (ref, expected) => {
    expect(parseIdentifierRef(ref, cn)).toEqual(expected);
  });

  it.each(['nocolon', 'fax:123', ':13800138000', 'phone:', 'phone:abc'])('rejects %j', (ref) => {
    const thrown = thrownBy(() => parseIdentifierRef(ref, cn));
    expect(thrown).toBeInstanceOf(WardenError);
    expect((thrown as WardenError).code).toBe('INVALID_IDENTIFIER');
    expect(tryParseIdentifierRef(ref, cn).ok).toBe(false);
  });
});

describe('canonicalEmail', () => {
  it.each([
    ['Zhang.San+shop@googlemail.com', 'zhangsan@gmail.com'],
    ['z.h.a.n.g@Gmail.com', 'zhang@gmail.com'],
    ['zhang.san+a+b@gmail.com', 'zhangsan@gmail.com'],
    // dots are significant at most providers
    ['zhang.san+shop@qq.com', 'zhang.san+shop@qq.com'],
    ['zhang.san@gmail.com.cn', 'zhang.san@gmail.com.cn'],
    // nothing left of the mailbox name: keep it as it is
    ['+shop@gmail.com', '+shop@gmail.com'],
  ])('%j → %j', (email, expected) => {
    expect(canonicalEmail(email)).toBe(expected);
  });
});

describe('maskIdentifier', () => {
  it.each([
    [{ type: 'phone', value: '+8613800138000' }, '+86 138****8000'],
    [{ type: 'phone', value: '+861065529988' }, '+86 106***9988'],
    [{ type: 'phone', value: '+14155552671' }, '+1 415***2671'],
    [{ type: 'phone', value: '+85221234567' }, '+852 21****67'],
    [{ type: 'email', value: 'zhang.san@example.com' }, 'z***@example.com'],
    [{ type: 'email', value: '张三@example.com' }, '张***@example.com'],
    [{ type: 'open_id', value: 'oAbCdEf123' }, 'oA***23'],
    [{ type: 'user_id', value: '用户甲乙丙' }, '用户***乙丙'],
    [{ type: 'ip', value: '10.0.0.0/8' }, '10***/8'],
    // too short to show both ends without showing everything
    [{ type: 'user_id', value: 'abcd' }, '****'],
  ] as const)('%j → %j', (id, expected) => {
    expect(maskIdentifier(id)).toBe(expected);
  });
});

describe('IP range helpers', () => {
  it('parses ranges with host bits cleared', () => {
    expect(parseCidr('10.1.2.3/8')).toEqual({ version: 4, network: 0x0a000000n, prefix: 8 });
    expect(parseCidr('203.0.113.7')).toEqual({ version: 4, network: 0xcb007107n, prefix: 32 });
    expect(parseCidr('2001:db8:ffff::1/32')).toEqual({
      version: 6,
      network: 0x20010db8n << 96n,
      prefix: 32,
    });
    expect(parseCidr('1.2.3.4/33')).toBeUndefined();
  });

  it('reads IPv4-mapped IPv6 as IPv4 and refuses ranges as addresses', () => {
    expect(ipToBigInt('::ffff:1.2.3.4')).toEqual({ version: 4, value: 0x01020304n });
    expect(ipToBigInt('1.2.3.4')).toEqual({ version: 4, value: 0x01020304n });
    expect(ipToBigInt('10.0.0.0/8')).toBeUndefined();
    expect(ipToBigInt('nope')).toBeUndefined();
  });

  it.each([
    ['10.0.0.0/8', '10.255.1.2', true],
    ['10.0.0.0/8', '11.0.0.0', false],
    ['10.0.0.0/8', '::ffff:10.9.9.9', true],
    ['2001:db8::/32', '2001:db8:1::5', true],
    ['2001:db8::/32', '2001:db9::5', false],
    ['0.0.0.0/0', '::1', false],
    ['203.0.113.7', '203.0.113.7', true],
  ])('%s contains %s: %s', (range, address, expected) => {
    const parsedRange = parseCidr(range);
    const parsedAddress = ipToBigInt(address);
    if (parsedRange === undefined || parsedAddress === undefined) throw new Error('fixture does not parse');
    expect(ipRangeContains(parsedRange, parsedAddress)).toBe(expected);
  });
});

describe('the fast path for Chinese mobiles', () => {
  // Full width: NFKC folds these digits, `＋` and the ideographic space.
  const fullWidth = (s: string) =>
    s.replace(/[0-9+ ]/g, (c) => (c === ' ' ? '\u3000' : String.fromCharCode(c.charCodeAt(0) + 0xfee0)));
  /** The shapes a number is written in: prefixes, separators, full width. */
  const shapes = (d: string): string[] => [
    d,
    `+86${d}`,
    `86${d}`,
    `0086${d}`,
    `0${d}`,
    `+860${d}`,
    `+86 ${d.slice(0, 3)} ${d.slice(3, 7)} ${d.slice(7)}`,
    `0086-${d.slice(0, 3)}-${d.slice(3, 7)}-${d.slice(7)}`,
    `(+86)${d}`,
    fullWidth(`+86 ${d}`),
    fullWidth(d),
    // Near misses: a digit short or long, a doubled + or a stray + that the full path rejects.
    d.slice(1),
    `${d}0`,
    `+${d}`,
    `++86${d}`,
    `860${d}`,
  ];

  it('gives exactly what libphonenumber gives', () => {
    const opts = { defaultRegion: 'CN' };
    const mismatches: string[] = [];
    let valid = 0;
    let compared = 0;
    const check = (digits: string) => {
      for (const input of shapes(digits)) {
        compared++;
        const fast = tryNormalizeIdentifier('phone', input, opts);
        const full = tryNormalizePhoneFullPath(input, opts);
        if (fast.ok) valid++;
        if (JSON.stringify(fast) !== JSON.stringify(full)) mismatches.push(input);
      }
    };
    let seed = 42;
    const rand = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed;
    };
    // Every 1xyz prefix with fixed and random tails, then random numbers, most in mobile ranges.
    for (let p = 1000; p < 2000; p++) {
      check(`${p}0000000`);
      check(`${p}9999999`);
      check(`${p}${String(rand() % 10_000_000).padStart(7, '0')}`);
    }
    for (let i = 0; i < 1_500; i++) check(`1${String(rand() % 10 ** 10).padStart(10, '0')}`);
    for (let i = 0; i < 1_500; i++) check(`1${3 + (i % 7)}${String(rand() % 10 ** 9).padStart(9, '0')}`);
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(90_000);
    expect(valid).toBeGreaterThan(20_000);
  }, 120_000);

  it('is used only for region CN', () => {
    for (const input of ['13800138000', '+8613800138000', '0086 138 0013 8000']) {
      expect(tryNormalizeIdentifier('phone', input, { defaultRegion: 'US' })).toEqual(
        tryNormalizePhoneFullPath(input, { defaultRegion: 'US' }),
      );
    }
  });
});

describe('identifierProblem', () => {
  const cn = { defaultRegion: 'CN' };
  it.each([
    ['phone', '', 'empty'],
    ['phone', '12', 'too_short'],
    ['phone', '1380013800012345678', 'too_long'],
    ['phone', '138 ext 12', 'letters'],
    ['phone', '138#0013', 'bad_characters'],
    ['phone', '138+0013', 'plus_misplaced'],
    ['phone', '+999 1234 5678', 'country_unknown'],
    ['email', 'ab', 'no_at'],
    ['email', 'a@b@c.com', 'many_at'],
    ['email', 'a b@c.com', 'spaces'],
    ['email', '@example.com', 'local_part_invalid'],
    ['email', 'a@example', 'domain_no_dot'],
    ['user_id', 'a\u200bb', 'invisible'],
    ['user_id', 'x'.repeat(300), 'too_long'],
    ['email_domain', 'a@example.com', 'looks_like_email'],
    ['ip', '999.1.1.1', 'ip_invalid'],
    ['ip', '10.0.0.0/99', 'ip_range_invalid'],
    ['ip', 'fe80::1%eth0', 'ip_zone_id'],
    ['phone_prefix', 'abc', 'letters'],
    ['phone_prefix', '', 'empty'],
  ] as [IdentifierType, string, string][])('%s %j: %s', (type, raw, problem) => {
    const result = tryNormalizeIdentifier(type, raw, cn);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(identifierProblem(result.message)).toBe(problem);
    expect(invalidIdentifierCode(type)).toBe(`INVALID_${type.toUpperCase()}`);
  });
});
