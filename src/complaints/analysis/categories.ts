/**
 * The categories Warden ships with (DESIGN.md "Complaint"); `other` when a
 * complaint reads as one but fits none. In a file of its own, free of
 * imports, so the console can share the type.
 */
export type BuiltInCategory =
  | 'logistics'
  | 'after_sales'
  | 'product_quality'
  | 'billing_refund'
  | 'service_attitude'
  | 'technical'
  | 'other';

/**
 * Where a complaint is routed: a built-in category, or the key of one a team
 * added in settings (`^[a-z][a-z0-9_]{1,39}$`, e.g. `insurance_claim`).
 */
export type ComplaintCategory = BuiltInCategory | (string & {});
