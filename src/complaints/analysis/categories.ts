/**
 * Where a complaint is routed (DESIGN.md "Complaint"); `other` when it reads as one but fits none.
 * In a file of its own, free of imports, so the console can share the type.
 */
export type ComplaintCategory =
  | 'logistics'
  | 'after_sales'
  | 'product_quality'
  | 'billing_refund'
  | 'service_attitude'
  | 'technical'
  | 'other';
