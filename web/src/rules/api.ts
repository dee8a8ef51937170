/**
 * The rules' calls (`/api/v1/rules…`) and their types, as `src/rules/model.ts`,
 * `routes.ts` and `service.ts` define them.
 */
import { client, type paths, unwrap } from '../api/client';

export const leafKinds = [
  'keywords',
  'regex',
  'channel',
  'source',
  'identifierType',
  'tier',
  'messageCount',
  'duplicate',
  'spamScore',
  'sentiment',
  'timeOfDay',
] as const;
export type LeafKind = (typeof leafKinds)[number];

// The rule shapes are the server's own (type-only: nothing of the server is bundled).
import type { Condition, RuleAction, RuleMode, RuleStage } from '../../../src/rules/model.js';

export type { Condition, RuleAction, RuleMode, RuleStage };

export const actionTypes = [
  'reject',
  'drop',
  'mark_spam',
  'quarantine',
  'auto_reply',
  'tag',
  'route',
  'set_priority',
  'add_to_blocklist',
  'notify',
] as const;
export type ActionType = (typeof actionTypes)[number];

export const priorities = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof priorities)[number];

export interface Rule {
  id: string;
  name: string;
  stage: RuleStage;
  mode: RuleMode;
  enabled: boolean;
  priority: number;
  conditions: Condition;
  actions: RuleAction[];
  version: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface RuleDraft {
  name: string;
  stage: RuleStage;
  mode?: RuleMode;
  enabled?: boolean;
  priority?: number;
  conditions: Condition;
  actions: RuleAction[];
}

export interface RuleStats {
  ruleId: string;
  name: string;
  hits: number;
  enforced: number;
  shadow: number;
  marks: { spam: number; notSpam: number; invalid: number };
  /** Confirmed spam among the marked hits (spam / (spam + not spam)); null before any mark. */
  precision: number | null;
  /** Many false positives: at least 5 marked hits and under 70 % confirmed. */
  flagged: boolean;
}

export interface TrialSample {
  messageId: string;
  receivedAt: string;
  channel: string;
  decision: string;
  text: string;
  details: string[];
}

export interface TrialResult {
  scanned: number;
  matched: number;
  truncated: boolean;
  samples: TrialSample[];
}

const byId = (id: string) => ({ params: { path: { id } } });

type ServerRule = paths['/api/v1/rules/{id}']['get']['responses'][200]['content']['application/json'];
/**
 * The document leaves a rule's conditions and actions open (the rule compiler
 * checks them in depth); every other field is checked against it here.
 */
const asRule = (r: ServerRule): Rule => r as Rule;

export const rules = {
  list: (stage?: RuleStage): Promise<{ items: Rule[] }> =>
    unwrap(client.GET('/api/v1/rules', { params: { query: stage ? { stage } : {} } })).then((r) => ({
      items: r.items.map(asRule),
    })),
  get: (id: string): Promise<Rule> => unwrap(client.GET('/api/v1/rules/{id}', byId(id))).then(asRule),
  create: (draft: RuleDraft): Promise<Rule> =>
    unwrap(client.POST('/api/v1/rules', { body: draft })).then(asRule),
  update: (id: string, patch: Partial<RuleDraft>): Promise<Rule> =>
    unwrap(client.PATCH('/api/v1/rules/{id}', { ...byId(id), body: patch })).then(asRule),
  remove: (id: string): Promise<void> =>
    unwrap(client.DELETE('/api/v1/rules/{id}', byId(id))).then(() => undefined),
  stats: (id: string): Promise<RuleStats> => unwrap(client.GET('/api/v1/rules/{id}/stats', byId(id))),
  trial: (input: { rule: RuleDraft; from?: string; to?: string; samples?: number }): Promise<TrialResult> =>
    unwrap(client.POST('/api/v1/rules/trial', { body: input })),
};

export const ruleKeys = {
  all: ['rules'] as const,
  list: ['rules', 'list'] as const,
  rule: (id: string) => ['rules', 'rule', id] as const,
  stats: (id: string) => ['rules', 'stats', id] as const,
};
