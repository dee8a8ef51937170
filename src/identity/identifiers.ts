/**
 * Identifier normalisation (DESIGN.md "Domain → Identifier").
 *
 * Every identifier is stored, indexed and matched in one canonical form, so
 * `+86 138-0013-8000`, `8613800138000` and `013800138000` are the same
 * customer. All functions here are pure. The `try…` variants return a result
 * value for the hot path; the others throw `WardenError('INVALID_IDENTIFIER')`.
 *
 * Error messages name the type and the reason but never echo the input: they
 * reach logs and API responses, and identifiers are personal data.
 */
import { domainToASCII } from 'node:url';
import {
  type CountryCode,
  getCountryCallingCode,
  isSupportedCountry,
  Metadata,
  type PhoneNumber,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
} from 'libphonenumber-js/max';
import metadata from 'libphonenumber-js/max/metadata';
import type { CodedText } from '../core/coded-text.js';
import { WardenError } from '../core/errors.js';
import { type Identifier, type IdentifierType, isIdentifierType } from './model.js';

export interface NormalizeOptions {
  /** ISO 3166 region for numbers written without a country code, e.g. `CN`. */
  defaultRegion: string;
}

export type NormalizeResult = { ok: true; identifier: Identifier } | { ok: false; message: string };

/** Internal result of one normaliser: the canonical value, or why the input is not valid. */
type Outcome = { ok: true; value: string } | { ok: false; reason: string };

const ok = (value: string): Outcome => ({ ok: true, value });
const fail = (reason: string): Outcome => ({ ok: false, reason });

const labels: Record<IdentifierType, string> = {
  phone: 'Phone number',
  email: 'E-mail address',
  user_id: 'User ID',
  device_id: 'Device ID',
  open_id: 'Open ID',
  ip: 'IP address or CIDR range',
  email_domain: 'E-mail domain',
  phone_prefix: 'Phone number prefix',
};

/**
 * Each reason a normaliser gives, as a short stable key (the start of the
 * reason is enough), so a console can word it: `code.identifier.<key>`.
 */
const PROBLEMS: readonly [string, string][] = [
  ['it must be a string', 'not_text'],
  ['it is empty', 'empty'],
  ['it is too long', 'too_long'],
  ['it is too short', 'too_short'],
  ['it contains letters', 'letters'],
  ['it contains characters that are not', 'bad_characters'],
  ['a + may only come once', 'plus_misplaced'],
  ['the country calling code does not exist', 'country_unknown'],
  ['it has the wrong number of digits', 'wrong_length'],
  ['no such number range is in use', 'number_unused'],
  ['it is not a phone number', 'not_phone'],
  ['it has no digits after the trunk 0', 'no_digits'],
  ['it has no digits', 'no_digits'],
  ['it does not start with a country calling code', 'no_calling_code'],
  ['it needs at least 2 digits', 'too_short'],
  ['it is longer than 15 digits', 'too_long'],
  ['it is longer than 256 characters', 'too_long'],
  ['the domain is empty', 'domain_invalid'],
  ['the domain contains spaces or invisible characters', 'domain_invalid'],
  ['the domain is not a valid domain name', 'domain_invalid'],
  ['the domain is too long', 'domain_invalid'],
  ['the domain needs a dot', 'domain_no_dot'],
  ['the domain does not end in a top-level domain', 'domain_invalid'],
  ['it contains spaces', 'spaces'],
  ['it contains control or invisible characters', 'invisible'],
  ['it has no @', 'no_at'],
  ['it has more than one @', 'many_at'],
  ['the part before the @', 'local_part_invalid'],
  ['it looks like an e-mail address', 'looks_like_email'],
  ['IPv6 zone ids', 'ip_zone_id'],
  ['expected an IPv4 or IPv6 address with a prefix length', 'ip_range_invalid'],
  ['expected an IPv4 or IPv6 address', 'ip_invalid'],
];

/**
 * What is wrong with an identifier, from its message ("Phone number is not
 * valid: it is too short."): `too_short`; undefined for a message of another shape.
 */
export function identifierProblem(message: string): string | undefined {
  const at = message.indexOf(' is not valid: ');
  if (at < 0) return undefined;
  const reason = message.slice(at + ' is not valid: '.length);
  return PROBLEMS.find(([start]) => reason.startsWith(start))?.[1];
}

/** The error code of a type's invalid identifier, for the console to word: `phone` → `INVALID_PHONE`. */
export const invalidIdentifierCode = (type: IdentifierType) => `INVALID_${type.toUpperCase()}`;

/**
 * An INVALID_IDENTIFIER message as its type's code and problem, for a
 * console to word: "Phone number is not valid: it is too short." →
 * `{ code: 'INVALID_PHONE', params: { problem: 'too_short' } }`; undefined for another shape.
 */
export function identifierErrorCode(message: string): CodedText | undefined {
  const type = (Object.keys(labels) as IdentifierType[]).find((k) =>
    message.startsWith(`${labels[k]} is not valid: `),
  );
  if (!type) return undefined;
  const problem = identifierProblem(message);
  return { code: invalidIdentifierCode(type), params: problem ? { problem } : {} };
}

const messageFor = (type: IdentifierType, reason: string): string =>
  `${labels[type]} is not valid: ${reason}.`;

const invalid = (type: IdentifierType, reason: string): WardenError => {
  const message = messageFor(type, reason);
  return new WardenError('INVALID_IDENTIFIER', message, { errors: [{ field: type, message }] });
};

const unwrap = (type: IdentifierType, outcome: Outcome): string => {
  if (!outcome.ok) throw invalid(type, outcome.reason);
  return outcome.value;
};

// NFKC folds full-width digits, `＋`, `＠`, `：`, `．` and the ideographic space
// that Chinese input methods produce; skipped for plain ASCII, the common case.
const nonAscii = /[\u0080-\uffff]/;
const fold = (raw: string): string => (nonAscii.test(raw) ? raw.normalize('NFKC') : raw).trim();

// Control, invisible format (zero-width space, bidi marks) and lone surrogate
// characters: two ids that look identical must not be different identifiers.
const invisible = /[\p{Cc}\p{Cf}\p{Cs}]/u;
const letter = /\p{L}/u;

// ---------------------------------------------------------------------------
// Dispatch

const normalizers: Record<IdentifierType, (raw: string, region: CountryCode) => Outcome> = {
  phone: (raw, region) => phoneOutcome(raw, region),
  email: (raw) => emailOutcome(raw),
  user_id: (raw) => opaqueOutcome(raw),
  device_id: (raw) => opaqueOutcome(raw),
  open_id: (raw) => opaqueOutcome(raw),
  ip: (raw) => ipOutcome(raw),
  email_domain: (raw) => emailDomainOutcome(raw),
  phone_prefix: (raw, region) => phonePrefixOutcome(raw, region),
};

function regionOf(opts: NormalizeOptions): CountryCode {
  // A bad region is a configuration bug, not bad input: fail loudly, even on the hot path.
  if (!isSupportedCountry(opts.defaultRegion)) {
    throw new Error(`Unsupported default phone region: ${JSON.stringify(opts.defaultRegion)}`);
  }
  return opts.defaultRegion;
}

function outcomeOf(type: IdentifierType, raw: unknown, opts: NormalizeOptions): Outcome {
  // Values arrive from JSON and CSV; guard the type at runtime too.
  if (typeof raw !== 'string') return fail('it must be a string');
  return normalizers[type](raw, regionOf(opts));
}

/**
 * Canonical form of an identifier; throws `WardenError('INVALID_IDENTIFIER')`.
 *
 * @example normalizeIdentifier('phone', '138 0013 8000', { defaultRegion: 'CN' })
 *   // → { type: 'phone', value: '+8613800138000' }
 */
export function normalizeIdentifier(type: IdentifierType, raw: string, opts: NormalizeOptions): Identifier {
  return { type, value: unwrap(type, outcomeOf(type, raw, opts)) };
}

/** Like `normalizeIdentifier` but returns a result instead of throwing (hot path). */
export function tryNormalizeIdentifier(
  type: IdentifierType,
  raw: string,
  opts: NormalizeOptions,
): NormalizeResult {
  const outcome = outcomeOf(type, raw, opts);
  return outcome.ok
    ? { ok: true, identifier: { type, value: outcome.value } }
    : { ok: false, message: messageFor(type, outcome.reason) };
}

const refMessage = 'Identifier reference is not valid: expected type:value, e.g. phone:+8613800138000.';

/**
 * Parses a `type:value` reference as used in query strings. Only the first
 * colon separates, so IPv6 values keep theirs: `ip:2001:db8::1`. A full-width
 * colon (`phone：138…`) is accepted.
 */
export function tryParseIdentifierRef(ref: string, opts: NormalizeOptions): NormalizeResult {
  if (typeof ref !== 'string') return { ok: false, message: refMessage };
  const folded = fold(ref);
  const colon = folded.indexOf(':');
  if (colon < 0) return { ok: false, message: refMessage };
  const type = folded.slice(0, colon).trim().toLowerCase();
  if (!isIdentifierType(type)) {
    return {
      ok: false,
      message: `Identifier type is not known; expected one of ${Object.keys(labels).join(', ')}.`,
    };
  }
  return tryNormalizeIdentifier(type, folded.slice(colon + 1), opts);
}

/** Throwing form of `tryParseIdentifierRef`: `"phone:+86 138 0013 8000"` → `{type: 'phone', value: '+8613800138000'}`. */
export function parseIdentifierRef(ref: string, opts: NormalizeOptions): Identifier {
  const result = tryParseIdentifierRef(ref, opts);
  if (result.ok) return result.identifier;
  throw new WardenError('INVALID_IDENTIFIER', result.message, {
    errors: [{ field: 'identifier', message: result.message }],
  });
}

// ---------------------------------------------------------------------------
// Phone

// What people type around a number: spaces, dashes of every width, dots,
// brackets, slashes. NFKC has already turned full-width forms into these.
const phoneChars = /^[+\d\s\-.()[\]/\u2010-\u2015\u2212]+$/;
const phoneMaxInput = 64;
const formatChars = /\p{Cf}/gu;

// Zero-width spaces and bidi marks ride along when a number is copied from a
// chat window; between digits they carry no meaning, so they are dropped.
const phoneText = (raw: string): string => fold(raw.replace(formatChars, '')).replace(/^tel:/i, '');

/**
 * libphonenumber's own pattern for Chinese mobile numbers (max metadata), or
 * null if the installed metadata has none (then every number takes the full
 * path). A national number that matches it is valid, so its E.164 form is
 * `+86` + the 11 digits: no parse needed.
 */
const cnMobile: RegExp | null = (() => {
  // Reaches into libphonenumber's internals (`type()` exists on its numbering
  // plan but is missing from its declarations): if they change, fall back to
  // the full path rather than fail to start.
  try {
    const meta = new Metadata();
    meta.selectNumberingPlan('CN');
    const plan = meta.numberingPlan as unknown as
      | { type(t: string): { pattern(): string } | undefined }
      | undefined;
    const pattern = plan?.type('MOBILE')?.pattern();
    return pattern ? new RegExp(`^(?:${pattern})$`) : null;
  } catch {
    return null;
  }
})();
const cnMobileShape = /^1[3-9]\d{9}$/;
const cnMobileE164Shape = /^\+861[3-9]\d{9}$/;

/**
 * `+86` + the national number if `digits` is a Chinese mobile in one of the
 * shapes people write them in CN, else undefined (the full path decides):
 * `13800138000`, `013800138000` (trunk 0), `8613800138000` / `+86…`,
 * `+86 0 138…`, `0086…`. Each gives what libphonenumber gives
 * (identifiers.test.ts compares the two on tens of thousands of numbers).
 */
function cnMobileOf(pattern: RegExp, digits: string, plus: boolean): string | undefined {
  let national: string;
  switch (digits.length) {
    case 11:
      if (plus) return undefined;
      national = digits;
      break;
    case 12:
      if (plus || !digits.startsWith('0')) return undefined;
      national = digits.slice(1);
      break;
    case 13:
      if (!digits.startsWith('86')) return undefined;
      national = digits.slice(2);
      break;
    case 14:
      if (!plus || !digits.startsWith('860')) return undefined;
      national = digits.slice(3);
      break;
    case 15:
      if (plus || !digits.startsWith('0086')) return undefined;
      national = digits.slice(4);
      break;
    default:
      return undefined;
  }
  return cnMobileShape.test(national) && pattern.test(national) ? `+86${national}` : undefined;
}

/**
 * Chinese mobiles are most of the traffic in a CN deployment, and
 * libphonenumber costs ~15 µs a number: with `cnFastPath` (the default) and
 * region CN they skip it. `false` is for the tests that prove both agree.
 */
function phoneOutcome(raw: string, region: CountryCode, cnFastPath = true): Outcome {
  const mobile = cnFastPath && region === 'CN' ? cnMobile : null;
  // Already canonical, or plain national digits: nothing to clean up.
  if (mobile !== null) {
    if (raw.length === 14 && cnMobileE164Shape.test(raw) && mobile.test(raw.slice(3))) return ok(raw);
    if (raw.length === 11 && cnMobileShape.test(raw) && mobile.test(raw)) return ok(`+86${raw}`);
  }
  const text = phoneText(raw);
  if (text === '') return fail('it is empty');
  if (text.length > phoneMaxInput) return fail('it is too long');
  if (!phoneChars.test(text)) {
    // Letters also cover extensions (`ext. 12`, `x12`): one E.164 value cannot hold them.
    return fail(
      letter.test(text)
        ? 'it contains letters'
        : 'it contains characters that are not part of a phone number',
    );
  }
  const digits = text.replace(/\D/g, '');
  const plus = text.indexOf('+');
  if (plus >= 0 && (text.lastIndexOf('+') !== plus || /\d/.test(text.slice(0, plus)))) {
    return fail('a + may only come once, before the digits');
  }
  if (digits.length < 3) return fail('it is too short');
  // 15 digits of E.164 plus a 00 international prefix or a trunk 0.
  if (digits.length > 17) return fail('it is too long');
  if (mobile !== null) {
    const e164 = cnMobileOf(mobile, digits, plus >= 0);
    if (e164 !== undefined) return ok(e164);
  }

  const written = plus >= 0 ? `+${digits}` : digits;
  const parsed = parsePhoneNumberFromString(written, region);
  if (parsed?.isValid()) return ok(parsed.number);

  // Spreadsheets and CRM exports often drop the `+` (`85291234567`), and a
  // `00` prefix means nothing to regions whose international prefix differs
  // (US: 011). Only a number that is invalid in the default region is
  // reinterpreted, and only a valid reading is accepted. Never as +1 from
  // outside North America: `1` + 10 digits is the shape of every Chinese
  // mobile, and a mistyped one (`12012345678`) must fail, not become a US number.
  if (plus < 0) {
    const international = digits.startsWith('00') ? digits.slice(2) : digits.startsWith('0') ? '' : digits;
    const retry = international === '' ? undefined : parsePhoneNumberFromString(`+${international}`);
    const guessedNanp = retry?.countryCallingCode === '1' && getCountryCallingCode(region) !== '1';
    if (retry?.isValid() && (!guessedNanp || digits.startsWith('00'))) return ok(retry.number);
  }
  return fail(phoneReason(written, region, parsed));
}

function phoneReason(written: string, region: CountryCode, parsed: PhoneNumber | undefined): string {
  switch (validatePhoneNumberLength(written, region)) {
    case 'TOO_SHORT':
      return 'it is too short';
    case 'TOO_LONG':
      return 'it is too long';
    case 'INVALID_COUNTRY':
      return 'the country calling code does not exist';
    case 'INVALID_LENGTH':
      return 'it has the wrong number of digits';
    default:
      return parsed ? 'no such number range is in use' : 'it is not a phone number';
  }
}

/**
 * E.164 form (`+8613800138000`). Numbers without a country code are read in
 * `opts.defaultRegion`. Accepted only if libphonenumber's full ("max")
 * metadata says the number is in an allocated range (`isValid`), not merely of
 * a possible length (`isPossible`): for China `isPossible` accepts 10- and
 * 12-digit typos of mobiles (landline lengths vary), which would split one
 * customer into several identifiers. Virtual-operator 170/171 and the newer
 * 19x/16x ranges are in the metadata; a range allocated after the installed
 * libphonenumber-js release is rejected until the dependency is updated.
 */
export function normalizePhone(raw: string, opts: NormalizeOptions): string {
  return unwrap('phone', outcomeOf('phone', raw, opts));
}

/**
 * `tryNormalizeIdentifier('phone', …)` without the Chinese-mobile shortcut:
 * libphonenumber decides every number. For the tests that prove the shortcut
 * gives the same answers; nothing else needs it.
 */
export function tryNormalizePhoneFullPath(raw: string, opts: NormalizeOptions): NormalizeResult {
  const outcome =
    typeof raw === 'string' ? phoneOutcome(raw, regionOf(opts), false) : fail('it must be a string');
  return outcome.ok
    ? { ok: true, identifier: { type: 'phone', value: outcome.value } }
    : { ok: false, message: messageFor('phone', outcome.reason) };
}

// ---------------------------------------------------------------------------
// Phone prefix (number ranges such as +86170)

// Calling codes are prefix-free (ITU E.164), so at most one of 1–3 leading digits matches.
const callingCodes = new Set([
  ...Object.keys(metadata.country_calling_codes),
  ...Object.keys(metadata.nonGeographic ?? {}),
]);

const trunkZeroCache = new Map<string, boolean>();

/**
 * Whether a country dials `0` before national numbers (CN, GB, DE: yes; IT,
 * whose numbers themselves start with 0, and US: no). `nationalPrefix()` exists
 * on libphonenumber's numbering plan but is missing from its type declarations.
 */
function hasTrunkZero(country: CountryCode): boolean {
  let known = trunkZeroCache.get(country);
  if (known === undefined) {
    const meta = new Metadata();
    meta.selectNumberingPlan(country);
    const plan = meta.numberingPlan as unknown as { nationalPrefix?: () => unknown } | undefined;
    known = plan?.nationalPrefix?.() === '0';
    trunkZeroCache.set(country, known);
  }
  return known;
}

function mainCountryOf(callingCode: string): CountryCode | undefined {
  const countries: readonly string[] | undefined = metadata.country_calling_codes[callingCode];
  const first = countries?.[0];
  return first !== undefined && isSupportedCountry(first) ? first : undefined;
}

function phonePrefixOutcome(raw: string, region: CountryCode): Outcome {
  const text = phoneText(raw);
  if (text === '') return fail('it is empty');
  if (text.length > phoneMaxInput) return fail('it is too long');
  if (!phoneChars.test(text)) {
    return fail(letter.test(text) ? 'it contains letters' : 'it contains characters that are not digits');
  }
  const plus = text.indexOf('+');
  if (plus >= 0 && (text.lastIndexOf('+') !== plus || /\d/.test(text.slice(0, plus)))) {
    return fail('a + may only come once, before the digits');
  }
  let digits = text.replace(/\D/g, '');
  if (digits === '') return fail('it has no digits');

  let international: boolean;
  if (plus >= 0) {
    international = true;
  } else if (digits.startsWith('00')) {
    digits = digits.slice(2);
    international = true;
  } else {
    // National form: `170` means +86170 in CN. A leading copy of the region's
    // own calling code (`86170`) is read as already international, as
    // libphonenumber does for whole numbers; no CN area code starts with 86.
    const own = getCountryCallingCode(region);
    international = digits.startsWith(own) && digits.length > own.length;
    if (!international) {
      if (hasTrunkZero(region) && digits.startsWith('0')) digits = digits.slice(1);
      // A bare `0` would otherwise become `+86`, a block on the whole country.
      if (digits === '') return fail('it has no digits after the trunk 0');
      digits = own + digits;
    }
  }

  const callingCode = [1, 2, 3].map((n) => digits.slice(0, n)).find((cc) => callingCodes.has(cc));
  if (callingCode === undefined) return fail('it does not start with a country calling code');
  // `+86 0755` is how many write a Chinese area code; drop that trunk 0.
  const country = mainCountryOf(callingCode);
  const rest = digits.slice(callingCode.length);
  if (international && country !== undefined && rest.startsWith('0') && hasTrunkZero(country)) {
    digits = callingCode + rest.slice(1);
  }
  if (digits.length < 2) return fail('it needs at least 2 digits, e.g. +86');
  if (digits.length > 15) return fail('it is longer than 15 digits');
  return ok(`+${digits}`);
}

/** `+` and 2–15 digits starting with a country calling code: `170` (CN) → `+86170`. */
export function normalizePhonePrefix(raw: string, opts: NormalizeOptions): string {
  return unwrap('phone_prefix', outcomeOf('phone_prefix', raw, opts));
}

// ---------------------------------------------------------------------------
// E-mail and e-mail domain

// Characters RFC 5322 allows only inside quotes; quoted local parts are not accepted.
const localSpecials = /[\s()<>[\]\\,;:"]/;
const dnsLabel = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const topLevelLabel = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

function domainOutcome(text: string): Outcome {
  if (text === '') return fail('the domain is empty');
  if (/\s/.test(text) || invisible.test(text))
    return fail('the domain contains spaces or invisible characters');
  // A trailing dot is the DNS root (`example.com.`); it names the same domain.
  const name = text.endsWith('.') ? text.slice(0, -1) : text;
  // Punycode for IDNs (`例子.中国` → `xn--fsqu00a.xn--fiqs8s`), so the stored form
  // is ASCII and an address and a domain rule compare equal however written.
  const ascii = domainToASCII(name);
  if (ascii === '') return fail('the domain is not a valid domain name');
  if (ascii.length > 253) return fail('the domain is too long');
  const labelsOf = ascii.split('.');
  if (labelsOf.length < 2) return fail('the domain needs a dot, e.g. example.com');
  if (!labelsOf.every((l) => dnsLabel.test(l))) return fail('the domain is not a valid domain name');
  const tld = labelsOf[labelsOf.length - 1] ?? '';
  if (!topLevelLabel.test(tld)) return fail('the domain does not end in a top-level domain');
  return ok(ascii);
}

function emailOutcome(raw: string): Outcome {
  const text = fold(raw).toLowerCase();
  if (text === '') return fail('it is empty');
  if (text.length > 320) return fail('it is too long');
  if (/\s/.test(text)) return fail('it contains spaces');
  if (invisible.test(text)) return fail('it contains control or invisible characters');
  const at = text.indexOf('@');
  if (at < 0) return fail('it has no @');
  if (text.indexOf('@', at + 1) >= 0) return fail('it has more than one @');
  const local = text.slice(0, at);
  if (local === '') return fail('the part before the @ is empty');
  if (local.length > 64) return fail('the part before the @ is longer than 64 characters');
  if (localSpecials.test(local)) return fail('the part before the @ contains characters not allowed there');
  const domain = domainOutcome(text.slice(at + 1));
  return domain.ok ? ok(`${local}@${domain.value}`) : domain;
}

/** Trimmed, NFKC, lower case, domain in punycode: ` Zhang.San@Example.COM ` → `zhang.san@example.com`. */
export function normalizeEmail(raw: string): string {
  return unwrap('email', emailOutcome(typeof raw === 'string' ? raw : ''));
}

const gmailDomains = new Set(['gmail.com', 'googlemail.com']);

/**
 * Provider-specific canonical mailbox, for spotting the same person behind
 * variants; not the stored form. Only Gmail ignores dots and `+tags`, and
 * googlemail.com is the same service: `Zhang.San+shop@googlemail.com` →
 * `zhangsan@gmail.com`. Other providers' addresses are returned normalised
 * but otherwise unchanged (for most, dots are significant).
 */
export function canonicalEmail(email: string): string {
  const normalized = normalizeEmail(email);
  const at = normalized.lastIndexOf('@');
  const domain = normalized.slice(at + 1);
  if (!gmailDomains.has(domain)) return normalized;
  const plus = normalized.indexOf('+');
  const local = normalized.slice(0, plus >= 0 && plus < at ? plus : at).replaceAll('.', '');
  // `+tag@gmail.com` and `...@gmail.com` have no mailbox name left; keep them as they are.
  return local === '' ? normalized : `${local}@gmail.com`;
}

function emailDomainOutcome(raw: string): Outcome {
  let text = fold(raw).toLowerCase();
  if (text.startsWith('@')) text = text.slice(1);
  if (text.includes('@')) return fail('it looks like an e-mail address; use the email type for one address');
  return domainOutcome(text);
}

/** `@Example.COM.` → `example.com`; IDNs in punycode. */
export function normalizeEmailDomain(raw: string): string {
  return unwrap('email_domain', emailDomainOutcome(typeof raw === 'string' ? raw : ''));
}

// ---------------------------------------------------------------------------
// user_id, device_id, open_id: opaque, case-sensitive

const opaqueMaxLength = 256;

function opaqueOutcome(raw: string): Outcome {
  const text = fold(raw);
  if (text === '') return fail('it is empty');
  if (invisible.test(text)) return fail('it contains control or invisible characters');
  // Counted in code points so that a Chinese or emoji id is not cut short.
  let length = 0;
  for (const _ of text) if (++length > opaqueMaxLength) return fail('it is longer than 256 characters');
  return ok(text);
}

/** Trimmed and NFKC-folded, case kept (WeChat open ids are case-sensitive). */
export function normalizeOpaqueId(type: 'user_id' | 'device_id' | 'open_id', raw: string): string {
  return unwrap(type, opaqueOutcome(typeof raw === 'string' ? raw : ''));
}

// ---------------------------------------------------------------------------
// IP addresses and CIDR ranges

export type IpVersion = 4 | 6;

/** An address as a number; IPv4-mapped IPv6 (`::ffff:1.2.3.4`) is reported as IPv4. */
export interface IpAddress {
  version: IpVersion;
  value: bigint;
}

/** A CIDR range with host bits cleared; a single address has prefix 32 or 128. */
export interface IpRange {
  version: IpVersion;
  network: bigint;
  prefix: number;
}

const bitsOf = (version: IpVersion): number => (version === 4 ? 32 : 128);
// `::ffff:a.b.c.d`: 80 zero bits, 16 one bits, then the IPv4 address.
const mappedMarker = 0xffffn;
const v4Mask = 0xffffffffn;

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    // Zero-padded octets (`010`) come from spreadsheets and mean decimal, not octal.
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

function parseHexGroups(text: string): bigint[] | undefined {
  if (text === '') return [];
  const groups: bigint[] = [];
  const parts = text.split(':');
  for (const [i, part] of parts.entries()) {
    if (i === parts.length - 1 && part.includes('.')) {
      // An embedded IPv4 tail (`::ffff:1.2.3.4`) fills the last two groups.
      const v4 = parseIpv4(part);
      if (v4 === undefined) return undefined;
      groups.push(v4 >> 16n, v4 & 0xffffn);
    } else if (/^[0-9a-f]{1,4}$/i.test(part)) {
      groups.push(BigInt(`0x${part}`));
    } else {
      return undefined;
    }
  }
  return groups;
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseHexGroups(halves[0] ?? '');
  const tail = halves.length === 2 ? parseHexGroups(halves[1] ?? '') : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  // Without `::` there must be exactly 8 groups; with it, at least one is elided.
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  let value = 0n;
  for (const group of [...head, ...Array<bigint>(missing).fill(0n), ...tail]) value = (value << 16n) | group;
  return value;
}

/** The address as written, IPv4-mapped IPv6 still IPv6. */
function parseWrittenAddress(text: string): IpAddress | undefined {
  if (text.includes(':')) {
    const value = parseIpv6(text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text);
    return value === undefined ? undefined : { version: 6, value };
  }
  const value = parseIpv4(text);
  return value === undefined ? undefined : { version: 4, value };
}

const isMapped = (address: IpAddress): boolean =>
  address.version === 6 && address.value >> 32n === mappedMarker;

/**
 * `1.2.3.4` → `{version: 4, value: 16909060n}`; `::ffff:1.2.3.4` gives the same.
 * Undefined for anything that is not a single address (CIDR ranges included).
 */
export function ipToBigInt(address: string): IpAddress | undefined {
  if (typeof address !== 'string') return undefined;
  const parsed = parseWrittenAddress(fold(address));
  // A dual-stack socket reports IPv4 clients as `::ffff:a.b.c.d`; match them as IPv4.
  return parsed && isMapped(parsed) ? { version: 4, value: parsed.value & v4Mask } : parsed;
}

/**
 * An address or CIDR range as `{version, network, prefix}` for range matching,
 * host bits cleared: `10.1.2.3/8` → `{4, 10.0.0.0 as bigint, 8}`; an address
 * alone has prefix 32 (128). Undefined if not valid.
 */
export function parseCidr(value: string): IpRange | undefined {
  if (typeof value !== 'string') return undefined;
  const text = fold(value);
  const slash = text.indexOf('/');
  const written = parseWrittenAddress(slash < 0 ? text : text.slice(0, slash));
  if (written === undefined) return undefined;
  let prefix = bitsOf(written.version);
  if (slash >= 0) {
    const digits = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(digits)) return undefined;
    prefix = Number(digits);
    if (prefix > bitsOf(written.version)) return undefined;
  }
  let address = written;
  // Within ::ffff:0:0/96 the range is an IPv4 range (`::ffff:10.0.0.0/104` is 10.0.0.0/8).
  if (isMapped(written) && prefix >= 96) {
    address = { version: 4, value: written.value & v4Mask };
    prefix -= 96;
  }
  const hostBits = BigInt(bitsOf(address.version) - prefix);
  return { version: address.version, network: (address.value >> hostBits) << hostBits, prefix };
}

/** Whether `address` lies in `range`; addresses of the other IP version never do. */
export function ipRangeContains(range: IpRange, address: IpAddress): boolean {
  if (range.version !== address.version) return false;
  const hostBits = BigInt(bitsOf(range.version) - range.prefix);
  return address.value >> hostBits === range.network >> hostBits;
}

function formatIpv6(value: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  // RFC 5952: compress the longest run of two or more zero groups, the first on a tie.
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** Canonical text of an address or range: dotted IPv4, RFC 5952 IPv6, `/prefix` only for a real range. */
export function formatIpRange(range: IpRange): string {
  const address =
    range.version === 4
      ? [24n, 16n, 8n, 0n].map((shift) => (range.network >> shift) & 0xffn).join('.')
      : formatIpv6(range.network);
  return range.prefix === bitsOf(range.version) ? address : `${address}/${range.prefix}`;
}

function ipOutcome(raw: string): Outcome {
  const text = fold(raw);
  if (text === '') return fail('it is empty');
  if (text.includes('%')) return fail('IPv6 zone ids (%eth0) are local to one host and cannot be used');
  const range = parseCidr(text);
  if (range === undefined) {
    return fail(
      text.includes('/')
        ? 'expected an IPv4 or IPv6 address with a prefix length, e.g. 10.0.0.0/8'
        : 'expected an IPv4 or IPv6 address, e.g. 203.0.113.7 or 2001:db8::1',
    );
  }
  return ok(formatIpRange(range));
}

/**
 * `010.001.002.003` → `10.1.2.3`, `2001:DB8:0:0:0:0:0:1` → `2001:db8::1`,
 * `::ffff:1.2.3.4` → `1.2.3.4`, `10.1.2.3/8` → `10.0.0.0/8`, `1.2.3.4/32` → `1.2.3.4`.
 */
export function normalizeIp(raw: string): string {
  return unwrap('ip', ipOutcome(typeof raw === 'string' ? raw : ''));
}

// ---------------------------------------------------------------------------
// Display

function maskMiddle(text: string): string {
  const chars = Array.from(text);
  // Too short to show both ends without showing everything.
  if (chars.length <= 4) return '****';
  return `${chars.slice(0, 2).join('')}***${chars.slice(-2).join('')}`;
}

function maskNationalNumber(digits: string): string {
  if (digits.length >= 9) return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
  if (digits.length >= 5) return `${digits.slice(0, 2)}${'*'.repeat(digits.length - 4)}${digits.slice(-2)}`;
  return '*'.repeat(digits.length);
}

/**
 * For screens and logs: phone `+86 138****8000`, e-mail `z***@example.com`,
 * anything else its first and last two characters (`op***3x`). Expects a
 * normalised identifier; anything unparsable falls back to the generic mask.
 */
export function maskIdentifier(id: Identifier): string {
  if (id.type === 'phone') {
    const phone = id.value.startsWith('+') ? parsePhoneNumberFromString(id.value) : undefined;
    if (phone) return `+${phone.countryCallingCode} ${maskNationalNumber(phone.nationalNumber)}`;
  } else if (id.type === 'email') {
    const at = id.value.lastIndexOf('@');
    if (at > 0) return `${Array.from(id.value)[0]}***${id.value.slice(at)}`;
  }
  return maskMiddle(id.value);
}
