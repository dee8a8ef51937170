import type { CustomerCard } from '../../../src/identity/model.js';
/**
 * Screening's calls as `src/screening/routes.ts` defines them: screened
 * messages and marks, consents, the outbound check, and alerts.
 */
import { api, type Page, query } from '../api';
import type { CodedText } from '../coded-text';

export const decisions = ['allow', 'block', 'limit', 'restrict', 'drop', 'spam', 'quarantine'] as const;
export type Decision = (typeof decisions)[number];

export const marks = ['spam', 'not_spam', 'invalid'] as const;
export type Mark = (typeof marks)[number];

export interface ScreenReason {
  kind: string;
  id?: string;
  name?: string;
  detail: string;
  mode?: string;
  /** `detail` as a code and values (the console words it; `detail` is the fallback). */
  code?: string;
  params?: Record<string, unknown>;
}

export interface ScreenActions {
  autoReply: string | null;
  tags: string[];
  route: string | null;
  priority: string | null;
}

export interface StoredMessage {
  id: string;
  receivedAt: string;
  channel: string;
  source: string | null;
  customerId: string | null;
  from: { type: string; value: string }[];
  text: string;
  decision: string;
  reasons: ScreenReason[];
  actions: ScreenActions;
  externalId: string | null;
  sessionId: string | null;
  complaintId: string | null;
  mark: Mark | null;
  markedBy: string | null;
  markedAt: string | null;
  /** The customer as a person (name, masked contact, tier, key customer), when one owns the sender. */
  customer?: CustomerCard | null;
}

export interface MessageFilter {
  decision?: string;
  channel?: string;
  mark?: Mark | 'unmarked';
  ruleId?: string;
  customerId?: string;
  /** `type:value`, e.g. `phone:13800138000`. */
  identifier?: string;
  from?: string;
  to?: string;
}

export interface Consent {
  identifier: { type: string; value: string };
  purpose: string;
  status: 'opted_in' | 'opted_out';
  method: string;
  updatedAt: string;
}

export interface OutboundReason {
  kind: 'opt_out' | 'blocklist' | 'channel_restricted' | 'frequency_cap' | string;
  detail: string;
  entryId?: string;
}

export interface OutboundAnswer {
  allowed: boolean;
  reasons: OutboundReason[];
}

export interface Alert {
  id: string;
  kind: string;
  severity: 'info' | 'warning' | 'critical' | string;
  title: string;
  /** The title as a code and values, worded by the console (falls back to `title`). */
  message?: CodedText;
  detail: Record<string, unknown>;
  target: { type: string | null; id: string | null };
  status: 'open' | 'acked';
  createdAt: string;
  ackedAt: string | null;
  ackedBy: string | null;
}

export const alertKinds = [
  'auto_blocklist',
  'protected_customer',
  'review_due',
  'complaint_p1',
  'blocked_sender_complaint',
  'escalation',
  'surge',
  'rule_false_positives',
  'rule_notify',
  'redis_down',
  'winback_due',
] as const;

const enc = encodeURIComponent;

export const messages = {
  list: (filter: MessageFilter, cursor: string | null, limit = 50) =>
    api.get<Page<StoredMessage>>(`/messages${query({ ...filter, cursor, limit })}`),
  get: (id: string) => api.get<StoredMessage>(`/messages/${enc(id)}`),
  mark: (id: string, mark: Mark) => api.post<StoredMessage>(`/messages/${enc(id)}/marks`, { mark }),
};

export const consents = {
  get: (identifier: string) => api.get<{ items: Consent[] }>(`/consents${query({ identifier })}`),
  set: (identifier: string, status: Consent['status']) =>
    api.put<Consent>(`/consents${query({ identifier })}`, { status, method: 'console' }),
};

export const outbound = {
  // `count: false`: a look from the console is not a send, so it must not use up the frequency cap.
  check: (input: { to: Record<string, string>; channel: string; purpose: 'marketing' | 'transactional' }) =>
    api.post<OutboundAnswer>('/outbound/check', { ...input, count: false }),
};

export const alerts = {
  list: (filter: { status?: 'open' | 'acked'; kind?: string }, cursor: string | null, limit = 50) =>
    api.get<Page<Alert>>(`/alerts${query({ ...filter, cursor, limit })}`),
  ack: (id: string) => api.post<Alert>(`/alerts/${enc(id)}/ack`),
  /** All or none: an unknown id answers 404 and nothing is acknowledged. */
  ackMany: (ids: string[]) => api.post<{ items: Alert[] }>('/alerts/ack', { ids }),
};

export const screeningKeys = {
  messages: ['messages'] as const,
  messageList: (filter: MessageFilter) => ['messages', 'list', filter] as const,
  message: (id: string) => ['messages', 'one', id] as const,
  consents: (identifier: string) => ['consents', identifier] as const,
  alerts: ['alerts'] as const,
  alertList: (filter: { status?: string; kind?: string }) => ['alerts', 'list', filter] as const,
  openAlerts: ['alerts', 'open-count'] as const,
};
