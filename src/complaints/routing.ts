import type { ComplaintCategory, Priority } from './model.js';
import type { ComplaintSettings } from './settings.js';

export interface Route {
  /** The team that owns the category. */
  team: string;
  /** Where it waits: the senior queue for senior tiers, else the team's own. */
  queue: string;
}

/** Category → team; a senior-tier customer's complaint goes to the senior queue. Pure. */
export function routeComplaint(
  category: ComplaintCategory,
  tier: string | null,
  r: ComplaintSettings['routing'],
): Route {
  const team = r.teams[category] ?? r.teams.other;
  const senior = tier !== null && r.seniorTiers.includes(tier);
  return { team, queue: senior ? r.seniorQueue : team };
}

/** The SLA span of a priority in ms. */
export const slaMs = (priority: Priority, r: ComplaintSettings['routing']): number =>
  r.slaHours[priority] * 3_600_000;

/** When a complaint of this priority, received at `from`, is due. */
export const slaDueAt = (priority: Priority, from: number, r: ComplaintSettings['routing']): number =>
  from + slaMs(priority, r);
