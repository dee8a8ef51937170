import type { Identifier } from '../identity/model.js';

export type ScreeningDecision = 'allow' | 'block' | 'limit' | 'restrict' | 'drop' | 'spam' | 'quarantine';

/** Strongest first: when several things decide, the first in this list wins. */
export const decisionOrder: readonly ScreeningDecision[] = [
  'block',
  'restrict',
  'limit',
  'drop',
  'quarantine',
  'spam',
  'allow',
];

export interface ScreenInput {
  channel: string;
  source?: string | null | undefined;
  /** Identifier type → raw value, e.g. `{ phone: '+86 138 0013 8000' }`. */
  from: Record<string, string>;
  text: string;
  sessionId?: string | null | undefined;
  receivedAt?: number | undefined;
  externalId?: string | null | undefined;
}

export interface ScreenReason {
  kind: 'blocklist' | 'rule' | 'opt_out' | 'opt_in' | 'limit';
  id?: string;
  name?: string;
  detail: string;
  /** `shadow` for rules that would have acted; they do not change the decision. */
  mode?: 'enforce' | 'shadow';
}

export interface ScreenActions {
  autoReply: string | null;
  tags: string[];
  route: string | null;
  priority: string | null;
}

export interface ScreenResult {
  messageId: string;
  decision: ScreeningDecision;
  reasons: ScreenReason[];
  actions: ScreenActions;
  customer: { id: string; tier: string } | null;
  complaint: { id: string; severity: number; priority: string } | null;
  /**
   * True once the message's record is durable. False when recording was not
   * asked for, or when the database could not take it (the decision, made in
   * memory, still stands; the message is not in the history, its violations
   * are not counted, and no complaint is made from it).
   */
  recorded: boolean;
  /** Identifiers as normalised, for callers that want them (not in the HTTP answer). */
  identifiers: Identifier[];
}
