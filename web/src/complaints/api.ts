/**
 * Complaints' calls as `src/complaints/routes.ts` defines them: the queue, a
 * complaint with its timeline, the lifecycle patch, and the dashboard's figures.
 */

import type {
  ComplaintSummary as Complaint,
  ComplaintDetail,
  SeverityFactor,
  TimelineEvent,
} from '../../../src/complaints/model.js';
// The server's own lists and shapes, so the console cannot drift from the API.
import {
  type ComplaintStatus,
  complaintStatuses,
  openStatuses,
  type Priority,
  priorities,
} from '../../../src/complaints/model.js';
import { api, type Page, query } from '../api';

export type { Complaint, ComplaintDetail, SeverityFactor, TimelineEvent };
export { type ComplaintStatus, complaintStatuses, openStatuses, type Priority, priorities };

export const isOpen = (s: ComplaintStatus): boolean => openStatuses.includes(s);

export const categories = [
  'logistics',
  'after_sales',
  'product_quality',
  'billing_refund',
  'service_attitude',
  'technical',
  'other',
] as const;

/** Screening's channels plus `phone`, for a call logged by an agent. */
export const complaintChannels = ['sms', 'voice', 'email', 'chat', 'app', 'social', 'phone'] as const;

/**
 * The default routing's teams (src/complaints/settings.ts). The server has no
 * call listing the configured teams, so the filter offers these and takes any other by typing.
 */
export const knownTeams = [
  'logistics',
  'after-sales',
  'quality',
  'billing',
  'service-quality',
  'tech-support',
  'general',
  'senior',
] as const;

/**
 * The lifecycle's allowed moves, as the server's `canTransition` has them:
 * received → processing → resolved → closed; resolved/closed → reopened → processing.
 */
export const nextStatuses: Readonly<Record<ComplaintStatus, readonly ComplaintStatus[]>> = {
  received: ['processing'],
  processing: ['resolved'],
  resolved: ['closed', 'reopened'],
  closed: ['reopened'],
  reopened: ['processing'],
};

export interface ComplaintFilter {
  status?: ComplaintStatus | 'open';
  team?: string;
  priority?: Priority;
  channel?: string;
  category?: string;
  customerId?: string;
  /** `true`: only complaints from a blocked, limited or restricted sender; `false`: only the others. */
  fromBlockedSender?: 'true' | 'false';
  /** A user id, or `none` for the unassigned; the page turns "me" into the signed-in user's. */
  assignee?: string;
  /** `overdue`: past the SLA; `soon`: due within two hours (the workbench's lists). */
  due?: 'overdue' | 'soon';
}

export interface ComplaintInput {
  channel: string;
  from: { phone?: string; email?: string };
  text: string;
  category?: string | null;
  orderId?: string | null;
}

export interface ComplaintPatch {
  assigneeId?: string | null;
  status?: ComplaintStatus;
  note?: string;
}

export interface ComplaintAnalytics {
  days: number;
  total: number;
  perDay: {
    day: string;
    total: number;
    byCategory: Record<string, number>;
    byChannel: Record<string, number>;
    byPriority: Record<string, number>;
  }[];
  sla: { resolved: number; met: number; metPercent: number | null };
  topRiskWords: { word: string; count: number }[];
  repeatComplainants: { count: number; customerIds: string[] };
}

const enc = encodeURIComponent;

export const complaints = {
  list: (filter: ComplaintFilter, cursor: string | null, limit = 50) =>
    api.get<Page<Complaint>>(`/complaints${query({ ...filter, cursor, limit })}`),
  get: (id: string) => api.get<ComplaintDetail>(`/complaints/${enc(id)}`),
  /** A complaint logged by an agent (a call, a walk-in); joins the open one of the same customer and category. */
  create: (input: ComplaintInput) => api.post<ComplaintDetail>('/complaints', input),
  update: (id: string, patch: ComplaintPatch) => api.patch<ComplaintDetail>(`/complaints/${enc(id)}`, patch),
  /** All or none: an unknown id answers 404 and nothing is assigned. */
  assignMany: (ids: string[], assigneeId: string | null) =>
    api.post<{ items: Complaint[] }>('/complaints/assign', { ids, assigneeId }),
  /** Complaints per day of `timeZone`, the reader's. */
  analytics: (days: number, timeZone: string) =>
    api.get<ComplaintAnalytics>(`/analytics/complaints${query({ days, timeZone })}`),
  /** The categories in force: built-ins and the team's own, with labels (`GET /complaints/categories`). */
  categories: () => api.get<{ items: ComplaintCategoryInfo[] }>('/complaints/categories'),
};

export interface ComplaintCategoryInfo {
  key: string;
  builtIn: boolean;
  enabled: boolean;
  team: string;
  /** The team's label; null for a built-in it did not rename. */
  label: { 'zh-CN': string; en: string } | null;
}

export const complaintKeys = {
  all: ['complaints'] as const,
  list: (filter: ComplaintFilter) => ['complaints', 'list', filter] as const,
  one: (id: string) => ['complaints', 'one', id] as const,
  openCount: (priority?: Priority) => ['complaints', 'open-count', priority ?? 'all'] as const,
  analytics: (days: number, timeZone: string) => ['complaints', 'analytics', days, timeZone] as const,
  categories: ['complaints', 'categories'] as const,
};
