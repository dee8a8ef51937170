/** Win-back calls as `src/winback/routes.ts` defines them; the types are the server's own. */
import type { BlocklistSettingsDocument } from '../../../src/blocklist/release-settings.js';
import type { CustomerCard } from '../../../src/identity/model.js';
import type {
  MilestoneKind,
  Outcome,
  PlanStep,
  StatsGroup,
  StatsInterval,
  StatsRow,
  WinbackCase,
} from '../../../src/winback/model.js';
import { api, type Page } from '../api';

export type {
  BlocklistSettingsDocument,
  MilestoneKind,
  Outcome,
  PlanStep,
  StatsGroup,
  StatsInterval,
  WinbackCase,
};

export const milestoneKinds: readonly MilestoneKind[] = ['contacted', 'responded', 'repurchased'];
export const outcomes: readonly Outcome[] = ['won_back', 'lost', 'no_response'];

export type WinbackListItem = WinbackCase & { customer?: CustomerCard | null };

export interface WinbackStats {
  from: string;
  to: string;
  groupBy: StatsGroup;
  interval: StatsInterval;
  rows: (StatsRow & { label: string })[];
  totals: (Omit<StatsRow, 'period'> & { label: string })[];
}

export interface WinbackFilter {
  status?: 'open' | 'closed';
  outcome?: Outcome;
  owner?: string;
  category?: string;
  entryId?: string;
  customerId?: string;
  overdue?: boolean;
}

export interface StartWinback {
  entryId: string;
  ownerId?: string | null;
  template?: string | null;
  locale?: 'zh-CN' | 'en';
  notes?: string | null;
  satisfactionBefore?: number | null;
}

export interface WinbackPatch {
  ownerId?: string | null;
  plan?: PlanStep[];
  script?: string | null;
  notes?: string | null;
  milestones?: { kind: MilestoneKind; dueAt?: string | null; done?: boolean }[];
  outcome?: Outcome | null;
  satisfactionBefore?: number | null;
  satisfactionAfter?: number | null;
}

const enc = encodeURIComponent;
const query = (q: Record<string, string | number | boolean | null | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};

export const winback = {
  list: (f: WinbackFilter, cursor: string | null, limit = 50) =>
    api.get<Page<WinbackListItem>>(`/winback${query({ ...f, cursor, limit })}`),
  get: (id: string) => api.get<WinbackCase>(`/winback/${enc(id)}`),
  start: (input: StartWinback) => api.post<WinbackCase>('/winback', input),
  update: (id: string, patch: WinbackPatch) => api.patch<WinbackCase>(`/winback/${enc(id)}`, patch),
  stats: (q: { from?: string; to?: string; groupBy: StatsGroup; interval: StatsInterval }) =>
    api.get<WinbackStats>(`/winback/stats${query(q)}`),
  /** Release reasons and win-back templates (`settings:read`). */
  blocklistSettings: () =>
    api.get<{ version: number; settings: BlocklistSettingsDocument }>('/settings/blocklist'),
};

export const winbackKeys = {
  all: ['winback'] as const,
  list: (f: WinbackFilter) => ['winback', 'list', f] as const,
  one: (id: string) => ['winback', 'case', id] as const,
  stats: (q: object) => ['winback', 'stats', q] as const,
  settings: ['settings', 'blocklist'] as const,
};
