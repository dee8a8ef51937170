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
import type { Page } from '../api';
import { client, unwrap } from '../api/client';
import { settingsApi } from '../settings/api';

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

// Typed by the generated client: the interfaces above must agree with the routes' answers and bodies.
export const winback = {
  list: (f: WinbackFilter, cursor: string | null, limit = 50): Promise<Page<WinbackListItem>> =>
    unwrap(
      client.GET('/api/v1/winback', {
        params: { query: { ...withoutEmpty(f), ...(cursor ? { cursor } : {}), limit } },
      }),
    ),
  get: (id: string): Promise<WinbackCase> =>
    unwrap(client.GET('/api/v1/winback/{id}', { params: { path: { id } } })),
  start: (input: StartWinback): Promise<WinbackCase> =>
    unwrap(client.POST('/api/v1/winback', { body: input })),
  update: (id: string, patch: WinbackPatch): Promise<WinbackCase> =>
    unwrap(client.PATCH('/api/v1/winback/{id}', { params: { path: { id } }, body: patch })),
  stats: (q: {
    from?: string;
    to?: string;
    groupBy: StatsGroup;
    interval: StatsInterval;
  }): Promise<WinbackStats> =>
    unwrap(client.GET('/api/v1/winback/stats', { params: { query: withoutEmpty(q) } })),
  /** Release reasons and win-back templates (`settings:read`). */
  blocklistSettings: settingsApi.blocklist,
};

/** The filter without empty choices (an empty select sends nothing). */
function withoutEmpty<T extends object>(f: T): T {
  return Object.fromEntries(
    Object.entries(f).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  ) as T;
}

export const winbackKeys = {
  all: ['winback'] as const,
  list: (f: WinbackFilter) => ['winback', 'list', f] as const,
  one: (id: string) => ['winback', 'case', id] as const,
  stats: (q: object) => ['winback', 'stats', q] as const,
  settings: ['settings', 'blocklist'] as const,
};
