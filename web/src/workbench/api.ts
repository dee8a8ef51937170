/**
 * The workbench and the cross-feature figures as `src/analytics/routes.ts`
 * defines them; the shapes are the server's own.
 */
import { useQuery } from '@tanstack/react-query';
import type { OverviewFigures, RuleFiguresView, WorkbenchView } from '../../../src/analytics/model.js';
import { client, unwrap } from '../api/client';

export type { OverviewFigures, RuleFiguresView, WorkbenchView };
export type WorkbenchSection = keyof WorkbenchView;

export const workbench = {
  get: (): Promise<WorkbenchView> => unwrap(client.GET('/api/v1/workbench')),
  /** Per-day figures count the days of `timeZone`, the reader's (useTimeZone). */
  overview: (days: number, timeZone: string): Promise<OverviewFigures> =>
    unwrap(client.GET('/api/v1/analytics/overview', { params: { query: { days, timeZone } } })),
  rules: (days: number, timeZone: string): Promise<{ days: number; rules: RuleFiguresView[] }> =>
    unwrap(client.GET('/api/v1/analytics/rules', { params: { query: { days, timeZone } } })),
};

export const workbenchKeys = {
  all: ['workbench'] as const,
  overview: (days: number, timeZone: string) => ['analytics', 'overview', days, timeZone] as const,
  rules: (days: number, timeZone: string) => ['analytics', 'rules', days, timeZone] as const,
};

/** The workbench's counts and first items, polled every 30 s while the console is open (one cheap call). */
export function useWorkbench() {
  return useQuery({ queryKey: workbenchKeys.all, queryFn: workbench.get, refetchInterval: 30_000 });
}

/** "Needs me now": what the workbench's badge in the menu counts. */
export function needsNow(w: WorkbenchView | undefined): number {
  if (!w) return 0;
  return (
    (w.overdue?.count ?? 0) +
    (w.unassignedUrgent?.count ?? 0) +
    (w.pendingApprovals?.count ?? 0) +
    (w.reviewsDue?.count ?? 0) +
    (w.openSurges?.count ?? 0)
  );
}
