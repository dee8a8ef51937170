import type { Identifier } from '../identity/model.js';

/** Condition leaves of DESIGN.md, combined with all / any / not. */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { keywords: { list: string[] } }
  | { regex: { pattern: string; flags?: string } }
  | { channel: { in: string[] } }
  | { source: { in: string[] } }
  | { identifierType: { in: string[] } }
  | { tier: { in: string[] } }
  | { messageCount: { gt: number; windowSeconds: number } }
  | { duplicate: { windowSeconds: number; scope: 'sender' | 'all'; near?: boolean; minCount?: number } }
  | { spamScore: { gte: number } }
  | { sentiment: { lte: number } }
  | { timeOfDay: { from: string; to: string; timeZone?: string } };

export type RuleAction =
  | { type: 'reject' }
  | { type: 'drop' }
  | { type: 'mark_spam' }
  | { type: 'quarantine' }
  | { type: 'auto_reply'; text: string; textEn?: string }
  | { type: 'tag'; value: string }
  | { type: 'route'; team: string }
  | { type: 'set_priority'; priority: 'P1' | 'P2' | 'P3' | 'P4' }
  | {
      type: 'add_to_blocklist';
      level: 1 | 2 | 3;
      category: string;
      durationSeconds?: number | null;
      status?: 'pending' | 'active';
      limit?: { max: number; windowSeconds: number };
      allowedChannels?: string[];
    }
  | { type: 'notify'; channel?: string; message?: string };

export type RuleStage = 'filter' | 'watch';
export type RuleMode = 'enforce' | 'shadow';

export interface Rule {
  id: string;
  name: string;
  stage: RuleStage;
  mode: RuleMode;
  enabled: boolean;
  priority: number; // higher runs first
  conditions: Condition;
  actions: RuleAction[];
  /** Monotonic version, bumped on each change; the compiled set records which it holds. */
  version: number;
}

/**
 * Everything a rule may look at for one message. Expensive facts (spam score,
 * sentiment, fingerprints) are lazy: computed only if a rule asks.
 */
export interface RuleInput {
  channel: string;
  source: string | null;
  /** Output of normalizeText(text): what keywords and duplicates match on. */
  normalized: string;
  /** The text as received, for regular expressions. */
  text: string;
  identifiers: readonly Identifier[];
  customerTier: string | null;
  /** Counter key of the sender (customer id, else its first identifier). */
  senderKey: string;
  now: number;
  /**
   * Messages from this sender within each window (seconds) the rule set
   * declares in `needs.windows`, this message included. The pipeline fills it
   * from the counters (memory or Redis), so rule evaluation stays pure.
   */
  messageCounts: ReadonlyMap<number, number>;
  /** Earlier copies seen for each duplicate spec in `needs.duplicates`, keyed by duplicateKey(spec). */
  duplicates: ReadonlyMap<string, number>;
  spamScore(): number;
  sentiment(): number;
}

export interface DuplicateSpec {
  scope: 'sender' | 'all';
  windowSeconds: number;
  near: boolean;
}

export const duplicateKey = (d: DuplicateSpec) =>
  `${d.scope}:${d.windowSeconds}:${d.near ? 'near' : 'exact'}`;

/** What the pipeline must measure before evaluating a compiled rule set. */
export interface RuleNeeds {
  windows: number[];
  /** Per window (seconds), the count at which to stop counting (largest `gt` + 1). */
  countCaps: Readonly<Record<number, number>>;
  duplicates: DuplicateSpec[];
  spamScore: boolean;
  sentiment: boolean;
}

/** One rule that matched, and why. */
export interface RuleMatch {
  ruleId: string;
  ruleName: string;
  stage: RuleStage;
  mode: RuleMode;
  actions: RuleAction[];
  /** Human-readable reasons: which keywords, which counter and its value, … */
  details: string[];
}

/** What screening needs of a compiled rule set (src/rules/compiler.ts builds one). */
export interface CompiledRules {
  readonly needs: RuleNeeds;
  evaluate(input: RuleInput): readonly RuleMatch[];
}
