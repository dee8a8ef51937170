import type { Identifier } from '../identity/model.js';

export type BlocklistLevel = 1 | 2 | 3;

/** Stored state; `scheduled`, `active`, `expired` are derived from times (see deriveStatus). */
export type StoredEntryState = 'pending' | 'approved' | 'rejected' | 'released';
export type BlocklistStatus = 'pending' | 'scheduled' | 'active' | 'expired' | 'released' | 'rejected';

export const channels = ['sms', 'voice', 'email', 'chat', 'app', 'social'] as const;
export type Channel = (typeof channels)[number];

export interface RateLimit {
  max: number;
  windowSeconds: number;
}

/**
 * What the screening policy needs of an entry: no personal data beyond the
 * normalised target, which lives only in memory.
 */
export interface PolicyEntry {
  id: string;
  level: BlocklistLevel;
  /** Exactly one of customerId / identifier is set. */
  customerId: string | null;
  identifier: Identifier | null;
  category: string;
  state: StoredEntryState;
  startsAt: number | null; // epoch ms
  expiresAt: number | null; // epoch ms
  limit: RateLimit | null; // level 2
  allowedChannels: string[] | null; // level 3
  exemptions: PolicyExemption[];
  /**
   * Blind index of an identifier whose value was erased (a tombstone): the
   * entry has no `identifier` but still holds for a sender whose identifier
   * has this index. Absent on ordinary entries.
   */
  identifierIndex?: string;
}

export interface PolicyExemption {
  id: string;
  /** A window [from, until) in epoch ms, or a session. */
  from: number | null;
  until: number | null;
  sessionId: string | null;
  channel: string | null;
  revokedAt: number | null;
}

export type PolicyDecision = 'block' | 'limit' | 'restrict' | 'allow';

/**
 * The stored `target_key` of an entry: `i:<blind index>` for an identifier,
 * `c:<customer id>` for a customer. One live entry per target and level.
 */
export function targetKeyOf(blindIndex: string | null, customerId: string | null): string {
  return blindIndex !== null ? `i:${blindIndex}` : `c:${customerId}`;
}
