import fc from 'fast-check';

/**
 * fast-check arbitraries from the JSON Schema subset Warden's OpenAPI document
 * uses (what TypeBox emits): $ref into components, const/enum, anyOf/oneOf,
 * string (pattern, format date-time/email, lengths), integer/number (bounds),
 * boolean, null, array (items, bounds, uniqueItems), object (properties,
 * required). Strings and arrays are kept short: the contract test wants many
 * shapes, not big values.
 */
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  default?: unknown;
  [key: string]: unknown;
};

export type Resolver = (ref: string) => JsonSchema;

/** `#/components/schemas/X` → the schema, within one document. */
export function resolverFor(doc: { components?: { schemas?: Record<string, JsonSchema> } }): Resolver {
  return (ref) => {
    const name = ref.replace(/^#\/components\/schemas\//, '');
    const found = doc.components?.schemas?.[name];
    if (!found) throw new Error(`unresolved $ref ${ref}`);
    return found;
  };
}

const SHORT = 24;

function stringArbitrary(s: JsonSchema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = Math.max(min, Math.min(s.maxLength ?? SHORT, min + SHORT));
  const inLength = (v: string) => [...v].length >= min && [...v].length <= (s.maxLength ?? Infinity);
  if (s.format === 'date-time')
    return fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2099-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString());
  if (s.format === 'email') return fc.emailAddress().filter(inLength);
  if (s.pattern) return fc.stringMatching(new RegExp(s.pattern, 'u')).filter(inLength);
  return fc.string({ minLength: min, maxLength: max, unit: 'grapheme' });
}

function numberArbitrary(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  let min =
    s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (integer ? 1 : 1e-9) : -1e6);
  let max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - (integer ? 1 : 1e-9) : 1e6);
  if (integer) {
    min = Math.ceil(min);
    max = Math.floor(max);
    return fc.integer({
      min: Math.max(min, Number.MIN_SAFE_INTEGER),
      max: Math.min(max, Number.MAX_SAFE_INTEGER),
    });
  }
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

export function arbitraryFor(schema: JsonSchema, resolve: Resolver, depth = 0): fc.Arbitrary<unknown> {
  if (schema.$ref) return arbitraryFor(resolve(schema.$ref), resolve, depth);
  const not = schema.not as JsonSchema | undefined;
  if (not) {
    if (!not.enum) throw new Error('only `not: {enum}` is supported');
    const { not: _, ...rest } = schema;
    const excluded = new Set(not.enum.map((v) => JSON.stringify(v)));
    return arbitraryFor(rest, resolve, depth).filter((v) => !excluded.has(JSON.stringify(v)));
  }
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return fc.oneof(...union.map((s) => arbitraryFor(s, resolve, depth + 1)));
  if (schema.allOf) throw new Error('allOf is not used by the document; teach schema-arbitrary.ts if it is');
  const type = Array.isArray(schema.type)
    ? schema.type
    : schema.type
      ? [schema.type]
      : schema.properties
        ? ['object']
        : [];
  if (type.length > 1)
    return fc.oneof(...type.map((t) => arbitraryFor({ ...schema, type: t }, resolve, depth)));
  switch (type[0]) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const item = schema.items ? arbitraryFor(schema.items, resolve, depth + 1) : fc.jsonValue();
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 4, depth > 2 ? 2 : 4));
      return schema.uniqueItems
        ? fc.uniqueArray(item, { minLength, maxLength, selector: (v) => JSON.stringify(v) })
        : fc.array(item, { minLength, maxLength });
    }
    case 'object': {
      const props = schema.properties ?? {};
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) record[k] = arbitraryFor(v, resolve, depth + 1);
      return fc.record(record, { requiredKeys: (schema.required ?? []).filter((k) => k in props) });
    }
    default:
      // No constraint at all: any JSON value.
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/**
 * Values a schema does NOT allow, for negative cases: a wrong type, a string
 * past its bounds or off its pattern, a number out of range, an unknown
 * enum member. The caller keeps only those Ajv confirms are invalid.
 */
export function invalidCandidates(schema: JsonSchema, resolve: Resolver): unknown[] {
  if (schema.$ref) return invalidCandidates(resolve(schema.$ref), resolve);
  const out: unknown[] = [{ unexpected: true }, [], 'x', 7.5, true, null];
  if (schema.enum || schema.const !== undefined) out.push('not-a-member');
  if (typeof schema.maxLength === 'number') out.push('y'.repeat(schema.maxLength + 1));
  if (typeof schema.minLength === 'number' && schema.minLength > 0) out.push('');
  if (schema.pattern) out.push(' not matching ', '../../etc');
  if ((schema.not as JsonSchema | undefined)?.enum) out.push(...((schema.not as JsonSchema).enum ?? []));
  if (typeof schema.maximum === 'number') out.push(schema.maximum + 1);
  if (typeof schema.minimum === 'number') out.push(schema.minimum - 1);
  if (schema.format === 'date-time') out.push('2026-13-45T99:00:00Z', 'yesterday');
  return out;
}
