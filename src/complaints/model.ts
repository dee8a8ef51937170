import type { CustomerCard } from '../identity/model.js';
import type { ComplaintCategory } from './analysis/categories.js';

export type { ComplaintCategory };

/** P1 is the most urgent. */
export const priorities = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof priorities)[number];

export const complaintStatuses = ['received', 'processing', 'resolved', 'closed', 'reopened'] as const;
export type ComplaintStatus = (typeof complaintStatuses)[number];

/** Statuses in which a complaint still waits on the team (SLA applies, new messages join it). */
export const openStatuses: readonly ComplaintStatus[] = ['received', 'processing', 'reopened'];

/** One reason a complaint scored what it did, e.g. `{name: 'risk_words', points: 20, detail: '投诉, 12315'}`. */
export interface SeverityFactor {
  name: string;
  points: number;
  detail: string;
}

export interface ComplaintSummary {
  id: string;
  customerId: string | null;
  channel: string;
  channels: string[];
  category: ComplaintCategory;
  sentiment: number;
  riskWords: string[];
  severity: number;
  factors: SeverityFactor[];
  priority: Priority;
  team: string;
  queue: string;
  assigneeId: string | null;
  status: ComplaintStatus;
  orderId: string | null;
  text: string;
  messageCount: number;
  locale: 'zh-CN' | 'en';
  slaDueAt: string;
  escalatedAt: string | null;
  resolvedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Short human reference the customer sees, e.g. `TS-20261205-0042`; null on complaints older than references. */
  reference: string | null;
  /** A message of it came from a sender the blocklist blocked, limited or restricted. */
  fromBlockedSender: boolean;
  /** The customer as a person (name, masked contact, tier), on lists and the detail. */
  customer?: CustomerCard | null;
  /** The assignee's name. */
  assigneeName?: string | null;
}

export interface TimelineEvent {
  at: string;
  kind: string;
  actor: { type: string; id: string | null };
  detail: Record<string, unknown>;
  note: string | null;
}

export interface ComplaintDetail extends ComplaintSummary {
  timeline: TimelineEvent[];
}

/**
 * Allowed status moves. `reopened` is reachable from resolved and closed and
 * goes back to processing; everything else moves one step forward.
 */
const transitions: Readonly<Record<ComplaintStatus, readonly ComplaintStatus[]>> = {
  received: ['processing'],
  processing: ['resolved'],
  resolved: ['closed', 'reopened'],
  closed: ['reopened'],
  reopened: ['processing'],
};

export const canTransition = (from: ComplaintStatus, to: ComplaintStatus): boolean =>
  transitions[from].includes(to);

export const isOpen = (status: ComplaintStatus): boolean => openStatuses.includes(status);

/** One step more urgent; P1 stays P1. */
export const raisePriority = (p: Priority): Priority =>
  priorities[Math.max(0, priorities.indexOf(p) - 1)] ?? 'P1';

/** The more urgent of two priorities. */
export const mostUrgent = (a: Priority, b: Priority): Priority =>
  priorities.indexOf(a) <= priorities.indexOf(b) ? a : b;

/** "Near its SLA" on the workbench and the queue's `due=soon` filter: due within the next two hours. */
export const dueSoonMs = 2 * 3_600_000;
