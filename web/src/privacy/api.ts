/** Data protection calls as `src/privacy/routes.ts` defines them: erasure, subject export, retention, backups. */
import { client, unwrap } from '../api/client';

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

// Typed by the generated client: the interfaces above must agree with the routes' answers.
export const privacy = {
  erase: (customerId: string, reason: string): Promise<ErasureReport> =>
    unwrap(
      client.POST('/api/v1/customers/{id}/erase', { params: { path: { id: customerId } }, body: { reason } }),
    ),
  export: (customerId: string): Promise<unknown> =>
    unwrap(client.GET('/api/v1/customers/{id}/export', { params: { path: { id: customerId } } })),
  retention: (): Promise<{ kinds: RetentionPlan[] }> => unwrap(client.GET('/api/v1/retention/preview')),
  backups: (): Promise<BackupStatus> => unwrap(client.GET('/api/v1/backups')),
  backupNow: (): Promise<BackupFile> => unwrap(client.POST('/api/v1/backups')),
};

export const privacyKeys = {
  retention: ['privacy', 'retention'] as const,
  backups: ['privacy', 'backups'] as const,
};
