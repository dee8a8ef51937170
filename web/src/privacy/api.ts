/** Data protection calls as `src/privacy/routes.ts` defines them: erasure, subject export, retention, backups. */
import { api } from '../api';

export interface ErasureReport {
  customerId: string;
  erasedAt: string;
  identifiers: number;
  entries: number;
  messages: number;
  complaints: number;
  consents: number;
  notifications: number;
  winbackCases: number;
}

export type RetentionKind = 'messages' | 'entries' | 'complaints' | 'auditReads';

export interface RetentionPlan {
  kind: RetentionKind;
  days: number | null;
  before: string | null;
  count: number;
}

export interface BackupFile {
  name: string;
  path: string;
  bytes: number;
  at: string;
}

export interface BackupStatus {
  supported: boolean;
  schedule: string;
  keep: number;
  dir: string;
  last: BackupFile | null;
  backups: BackupFile[];
  lastError: { at: string; message: string } | null;
  nextDueAt: string | null;
}

const enc = encodeURIComponent;

export const privacy = {
  erase: (customerId: string, reason: string) =>
    api.post<ErasureReport>(`/customers/${enc(customerId)}/erase`, { reason }),
  export: (customerId: string) => api.get<unknown>(`/customers/${enc(customerId)}/export`),
  retention: () => api.get<{ kinds: RetentionPlan[] }>('/retention/preview'),
  backups: () => api.get<BackupStatus>('/backups'),
  backupNow: () => api.post<BackupFile>('/backups'),
};

export const privacyKeys = {
  retention: ['privacy', 'retention'] as const,
  backups: ['privacy', 'backups'] as const,
};
