import { Badge } from 'antd';
import { needsNow, useWorkbench, type WorkbenchSection } from './api';

/**
 * A menu badge from the workbench's one call: `all` is what needs someone now
 * (overdue, unassigned P1/P2, approvals, reviews, surges); a section its own count.
 * Nothing shows while unknown or zero.
 */
export function WorkbenchNavCount({ section }: { section: WorkbenchSection | 'all' }) {
  const wb = useWorkbench();
  const n = section === 'all' ? needsNow(wb.data) : (wb.data?.[section]?.count ?? 0);
  return (
    <Badge
      count={n}
      overflowCount={999}
      size="small"
      style={{ marginInlineStart: 8, boxShadow: 'none' }}
      data-testid={`nav-count-${section}`}
    />
  );
}
