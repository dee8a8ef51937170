/** Identifier types of DESIGN.md. Order matters nowhere; the list is the contract. */
export const identifierTypes = [
  'phone',
  'email',
  'user_id',
  'device_id',
  'open_id',
  'ip',
  'email_domain',
  'phone_prefix',
] as const;

export type IdentifierType = (typeof identifierTypes)[number];

export interface Identifier {
  type: IdentifierType;
  value: string;
}

export const customerTiers = ['standard', 'silver', 'gold', 'vip'] as const;
export type CustomerTier = string; // configurable; the four above are the defaults

export const isIdentifierType = (t: string): t is IdentifierType =>
  (identifierTypes as readonly string[]).includes(t);

/**
 * What a list shows of a customer instead of an id: name, masked phone (or
 * e-mail), tier, and whether they count as a key customer (VIP or high value).
 */
export interface CustomerCard {
  id: string;
  name: string | null;
  /** Masked: `+86 138****8000`; the first phone, else the first e-mail. */
  contact: string | null;
  tier: string;
  keyCustomer: boolean;
}
