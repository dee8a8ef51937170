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
  overview: (days: number): Promise<OverviewFigures> =>
    unwrap(client.GET('/api/v1/analytics/overview', { params: { query: { days } } })),
  rules: (days: number): Promise<{ days: number; rules: RuleFiguresView[] }> =>
    unwrap(client.GET('/api/v1/analytics/rules', { params: { query: { days } } })),
};

export const workbenchKeys = {
  all: ['workbench'] as const,
  overview: (days: number) => ['analytics', 'overview', days] as const,
  rules: (days: number) => ['analytics', 'rules', days] as const,
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
