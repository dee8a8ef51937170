import { type Static, Type } from '@sinclair/typebox';
import { CustomerCardSchema, Nullable } from '../http/schemas.js';

/** The shapes of the workbench and the cross-feature figures; the console types come from these. */
/** How many items each workbench section lists; the count says how many there are. */
export const WORKBENCH_ITEMS = 5;

const Counts = Type.Record(Type.String(), Type.Integer());

const Section = <T extends ReturnType<typeof Type.Object>>(item: T, description: string) =>
  Type.Optional(
    Type.Object(
      { count: Type.Integer({ minimum: 0 }), items: Type.Array(item, { maxItems: WORKBENCH_ITEMS }) },
      { description: `${description}. Omitted when the caller may not read it.` },
    ),
  );

const ComplaintItem = Type.Object({
  id: Type.String(),
  reference: Nullable(Type.String({ description: 'e.g. TS-20261205-0042' })),
  priority: Type.String(),
  category: Type.String(),
  status: Type.String(),
  severity: Type.Integer(),
  slaDueAt: Type.String(),
  assigneeId: Nullable(Type.String()),
  assigneeName: Nullable(Type.String()),
  customer: Nullable(CustomerCardSchema),
});
const EntryItem = Type.Object({
  id: Type.String(),
  level: Type.Integer(),
  category: Type.String(),
  source: Type.String(),
  customer: Nullable(CustomerCardSchema),
  identifier: Nullable(Type.String({ description: 'Masked: +86 138****8000' })),
  createdAt: Type.String(),
  reviewAt: Nullable(Type.String()),
});
const AlertItem = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  severity: Type.String(),
  title: Type.String(),
  target: Type.Object({ type: Nullable(Type.String()), id: Nullable(Type.String()) }),
  createdAt: Type.String(),
});

export const Workbench = Type.Object({
  overdue: Section(ComplaintItem, 'Open complaints past their SLA (complaints:read)'),
  dueSoon: Section(ComplaintItem, 'Open complaints due within the next two hours (complaints:read)'),
  unassignedUrgent: Section(ComplaintItem, 'Open unassigned P1 and P2 complaints (complaints:read)'),
  pendingApprovals: Section(EntryItem, 'Blocklist entries waiting for approval (blocklist:read)'),
  reviewsDue: Section(EntryItem, 'Blocklist entries in force whose review is due (blocklist:read)'),
  openAlerts: Section(AlertItem, 'Unacknowledged alerts, newest first (alerts:read)'),
  openSurges: Section(AlertItem, 'Unacknowledged complaint surge alerts (alerts:read)'),
});

export const Overview = Type.Object({
  days: Type.Integer(),
  screened: Type.Array(
    Type.Object({
      day: Type.String({ description: 'Day in the asked time zone (UTC by default), YYYY-MM-DD' }),
      total: Type.Integer(),
      byDecision: Counts,
    }),
    { description: 'Screened messages per day by decision (allow, block, limit, …)' },
  ),
  complaints: Type.Array(
    Type.Object({ day: Type.String(), opened: Type.Integer(), resolved: Type.Integer() }),
  ),
  blocks: Type.Array(Type.Object({ day: Type.String(), added: Type.Integer(), released: Type.Integer() })),
  openAlerts: Type.Integer({ description: 'Unacknowledged alerts now' }),
});

export const RuleFigures = Type.Object({
  ruleId: Type.String(),
  name: Type.String(),
  mode: Type.String({ description: 'The rule’s mode now' }),
  enabled: Type.Boolean(),
  hits: Type.Integer(),
  enforced: Type.Integer(),
  shadow: Type.Integer(),
  marks: Type.Object({ spam: Type.Integer(), notSpam: Type.Integer(), invalid: Type.Integer() }),
  precision: Nullable(
    Type.Number({ description: 'Spam marks ÷ (spam + not-spam marks) among its hits; null before any mark' }),
  ),
  perDay: Type.Array(Type.Object({ day: Type.String(), enforced: Type.Integer(), shadow: Type.Integer() })),
});

export type WorkbenchView = Static<typeof Workbench>;
export type OverviewFigures = Static<typeof Overview>;
export type RuleFiguresView = Static<typeof RuleFigures>;
