import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Permission } from '../access/permissions.js';
import type { App } from '../app.js';
import { dueSoonMs } from '../complaints/model.js';
import { principalOf } from '../http/auth.js';
import { CustomerCardSchema, Nullable, Strict } from '../http/schemas.js';

const DAY = 86_400_000;
/** How many items each workbench section lists; the count says how many there are. */
const WORKBENCH_ITEMS = 5;

const Days = Strict({
  days: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 366, description: 'UTC days up to and including today; 30' }),
  ),
});
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

const Workbench = Type.Object({
  overdue: Section(ComplaintItem, 'Open complaints past their SLA (complaints:read)'),
  dueSoon: Section(ComplaintItem, 'Open complaints due within the next two hours (complaints:read)'),
  unassignedUrgent: Section(ComplaintItem, 'Open unassigned P1 and P2 complaints (complaints:read)'),
  pendingApprovals: Section(EntryItem, 'Blocklist entries waiting for approval (blocklist:read)'),
  reviewsDue: Section(EntryItem, 'Blocklist entries in force whose review is due (blocklist:read)'),
  openAlerts: Section(AlertItem, 'Unacknowledged alerts, newest first (alerts:read)'),
  openSurges: Section(AlertItem, 'Unacknowledged complaint surge alerts (alerts:read)'),
});

const Overview = Type.Object({
  days: Type.Integer(),
  screened: Type.Array(
    Type.Object({
      day: Type.String({ description: 'UTC day, YYYY-MM-DD' }),
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

const RuleFigures = Type.Object({
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

/**
 * Figures across features for the dashboard and the workbench. Composes the
 * features' services; owns no table.
 */
export function analyticsRoutes(scope: FastifyInstance, app: App): void {
  const r = scope.withTypeProvider<TypeBoxTypeProvider>();
  const sinceFor = (days: number) => Math.floor(app.clock.now() / DAY) * DAY - (days - 1) * DAY;

  r.get(
    '/workbench',
    {
      // Any signed-in caller: each section needs its own read permission and is left out without it.
      config: { access: 'authenticated' },
      schema: {
        tags: ['analytics'],
        summary: 'What needs someone now: counts and the first few of each list the caller may read',
        response: { 200: Workbench },
      },
    },
    async (request) => {
      const may = (p: Permission) => principalOf(request).permissions.has(p);
      return {
        ...(may('complaints:read') ? await app.complaints.workbench(WORKBENCH_ITEMS, dueSoonMs) : {}),
        ...(may('blocklist:read') ? await app.blocklist.workbench(WORKBENCH_ITEMS) : {}),
        ...(may('alerts:read') ? await app.alerts.workbench(WORKBENCH_ITEMS) : {}),
      };
    },
  );

  r.get(
    '/analytics/overview',
    {
      config: { access: 'analytics:read' },
      schema: {
        tags: ['analytics'],
        summary:
          'Per day: screened messages by decision, complaints opened and resolved, blocks added and released; open alerts',
        querystring: Days,
        response: { 200: Overview },
      },
    },
    async (request) => {
      const days = request.query.days ?? 30;
      const blocks = await app.blocklist.analytics(days);
      return {
        days,
        screened: await app.messages.decisionsPerDay(sinceFor(days), days),
        complaints: await app.complaints.openedResolvedPerDay(days),
        blocks: blocks.perDay,
        openAlerts: (await app.alerts.workbench(0)).openAlerts.count,
      };
    },
  );

  r.get(
    '/analytics/rules',
    {
      config: { access: 'analytics:read' },
      schema: {
        tags: ['analytics'],
        summary: 'Per rule: hits per day, shadow and enforced apart; agents’ marks and precision',
        querystring: Days,
        response: { 200: Type.Object({ days: Type.Integer(), rules: Type.Array(RuleFigures) }) },
      },
    },
    async (request) => {
      const days = request.query.days ?? 30;
      return { days, rules: await app.rules.hitsPerDay(sinceFor(days), days) };
    },
  );
}
