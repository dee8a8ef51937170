import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Permission } from '../access/permissions.js';
import type { App } from '../app.js';
import { dueSoonMs } from '../complaints/model.js';
import { principalOf } from '../http/auth.js';
import { DaysQuery, daysOf } from '../http/schemas.js';
import { Overview, RuleFigures, WORKBENCH_ITEMS, Workbench } from './model.js';

/**
 * Figures across features for the dashboard and the workbench. Composes the
 * features' services; owns no table.
 */
export function analyticsRoutes(scope: FastifyInstance, app: App): void {
  const r = scope.withTypeProvider<TypeBoxTypeProvider>();

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
        querystring: DaysQuery,
        response: { 200: Overview },
      },
    },
    async (request) => {
      const days = daysOf(app.clock.now(), request.query);
      const blocks = await app.blocklist.analytics(days);
      return {
        days: days.count,
        screened: await app.messages.decisionsPerDay(days),
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
        querystring: DaysQuery,
        response: { 200: Type.Object({ days: Type.Integer(), rules: Type.Array(RuleFigures) }) },
      },
    },
    async (request) => {
      const days = daysOf(app.clock.now(), request.query);
      return { days: days.count, rules: await app.rules.hitsPerDay(days) };
    },
  );
}
