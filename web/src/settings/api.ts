/**
 * Settings calls as `src/settings/routes.ts` defines them, through the typed
 * client (paths, bodies and answers checked against the document); the
 * document types are the server's own, so the page cannot drift from the API.
 */

import type { BlocklistSettingsDocument } from '../../../src/blocklist/release-settings.js';
import {
  type ComplaintSettingsDocument,
  type CustomerTemplate,
  customerTemplates,
} from '../../../src/complaints/settings-document.js';
import { type SignalKind, signalKinds } from '../../../src/complaints/signal-kinds.js';
import type { OptOutSettingsDocument } from '../../../src/screening/opt-out-document.js';
import { api } from '../api';
import { client, unwrap } from '../api/client';

export type {
  BlocklistSettingsDocument,
  ComplaintSettingsDocument,
  CustomerTemplate,
  OptOutSettingsDocument,
  SignalKind,
};
// The server's own lists (light modules, no analyser behind them).
export { customerTemplates, signalKinds };

export interface SettingsEnvelope<T> {
  section: string;
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
  settings: T;
}

/** Placeholders each customer template may use (`src/notify/templates.ts`). */
export const templatePlaceholders: Record<CustomerTemplate, readonly string[]> = {
  'complaint.received': ['ref', 'sla'],
  'complaint.processing': ['ref'],
  'complaint.resolved': ['ref'],
  'complaint.auto_reply': ['ref', 'category', 'answer'],
};

export const settingsKeys = {
  complaints: ['settings', 'complaints'] as const,
  optOut: ['settings', 'opt-out'] as const,
  blocklist: ['settings', 'blocklist'] as const,
};

export const settingsApi = {
  // Complaint settings stay on the untyped door: the document lets a category be left out or
  // added (its schema), where ComplaintSettingsDocument holds every built-in one; to reconcile.
  complaints: () => api.get<SettingsEnvelope<ComplaintSettingsDocument>>('/settings/complaints'),
  saveComplaints: (version: number, settings: ComplaintSettingsDocument) =>
    api.put<SettingsEnvelope<ComplaintSettingsDocument>>('/settings/complaints', { version, settings }),
  optOut: (): Promise<SettingsEnvelope<OptOutSettingsDocument>> =>
    unwrap(client.GET('/api/v1/settings/opt-out')),
  saveOptOut: (
    version: number,
    settings: OptOutSettingsDocument,
  ): Promise<SettingsEnvelope<OptOutSettingsDocument>> =>
    unwrap(client.PUT('/api/v1/settings/opt-out', { body: { version, settings } })),
  blocklist: (): Promise<SettingsEnvelope<BlocklistSettingsDocument>> =>
    unwrap(client.GET('/api/v1/settings/blocklist')),
  saveBlocklist: (
    version: number,
    settings: BlocklistSettingsDocument,
  ): Promise<SettingsEnvelope<BlocklistSettingsDocument>> =>
    unwrap(client.PUT('/api/v1/settings/blocklist', { body: { version, settings } })),
};
