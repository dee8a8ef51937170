import type { FastifyInstance } from 'fastify';
import { accessRoutes } from '../access/routes.js';
import { analyticsRoutes } from '../analytics/routes.js';
import type { App } from '../app.js';
import { blocklistRoutes } from '../blocklist/routes.js';
import { blocklistTransferRoutes } from '../blocklist/transfer-routes.js';
import { analyzeRoutes } from '../complaints/analyze-routes.js';
import { complaintRoutes } from '../complaints/routes.js';
import { customerRoutes } from '../identity/routes.js';
import { privacyRoutes } from '../privacy/routes.js';
import { ruleRoutes } from '../rules/routes.js';
import { screeningRoutes } from '../screening/routes.js';
import { settingsRoutes } from '../settings/routes.js';
import { winbackRoutes } from '../winback/routes.js';

export type RouteModule = (scope: FastifyInstance, app: App) => void | Promise<void>;

/** Each feature's routes, registered under /api/v1 in their own encapsulated scope. */
export const routeModules: RouteModule[] = [
  accessRoutes,
  customerRoutes,
  blocklistRoutes,
  blocklistTransferRoutes,
  screeningRoutes,
  ruleRoutes,
  analyzeRoutes,
  complaintRoutes,
  privacyRoutes,
  settingsRoutes,
  winbackRoutes,
  analyticsRoutes,
];
