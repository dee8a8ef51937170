import { describe, expect, it } from 'vitest';
import { type ComplaintStatus, canTransition, mostUrgent, raisePriority } from './model.js';
import { routeComplaint, slaDueAt } from './routing.js';
import { defaultComplaintSettings } from './settings.js';

const r = defaultComplaintSettings.routing;
const T = Date.parse('2026-11-23T00:00:00Z');
const H = 3_600_000;

describe('routeComplaint', () => {
  it.each([
    ['logistics', null, 'logistics', 'logistics'],
    ['after_sales', null, 'after-sales', 'after-sales'],
    ['product_quality', 'standard', 'quality', 'quality'],
    ['billing_refund', null, 'billing', 'billing'],
    ['service_attitude', null, 'service-quality', 'service-quality'],
    ['technical', null, 'tech-support', 'tech-support'],
    ['other', null, 'general', 'general'],
    ['logistics', 'vip', 'logistics', 'senior'],
    ['billing_refund', 'svip', 'billing', 'senior'],
    ['other', 'gold', 'general', 'general'],
  ] as const)('%s from tier %s → team %s, queue %s', (category, tier, team, queue) => {
    expect(routeComplaint(category, tier, r)).toEqual({ team, queue });
  });

  it('follows configured teams and senior tiers', () => {
    const custom = { ...r, teams: { ...r.teams, logistics: 'warehouse' }, seniorTiers: ['gold'] };
    expect(routeComplaint('logistics', 'gold', custom)).toEqual({ team: 'warehouse', queue: 'senior' });
    expect(routeComplaint('logistics', 'vip', custom)).toEqual({ team: 'warehouse', queue: 'warehouse' });
  });
});

describe('slaDueAt', () => {
  it.each([
    ['P1', 2],
    ['P2', 8],
    ['P3', 24],
    ['P4', 72],
  ] as const)('%s is due in %i h', (priority, hours) => {
    expect(slaDueAt(priority, T, r)).toBe(T + hours * H);
  });
});

describe('priorities', () => {
  it.each([
    ['P4', 'P3'],
    ['P3', 'P2'],
    ['P2', 'P1'],
    ['P1', 'P1'],
  ] as const)('escalating %s gives %s', (from, to) => expect(raisePriority(from)).toBe(to));
  it('picks the more urgent', () => {
    expect(mostUrgent('P3', 'P2')).toBe('P2');
    expect(mostUrgent('P1', 'P4')).toBe('P1');
  });
});

describe('lifecycle', () => {
  const allowed: [ComplaintStatus, ComplaintStatus][] = [
    ['received', 'processing'],
    ['processing', 'resolved'],
    ['resolved', 'closed'],
    ['resolved', 'reopened'],
    ['closed', 'reopened'],
    ['reopened', 'processing'],
  ];
  const refused: [ComplaintStatus, ComplaintStatus][] = [
    ['received', 'resolved'],
    ['received', 'closed'],
    ['received', 'reopened'],
    ['processing', 'closed'],
    ['processing', 'received'],
    ['processing', 'reopened'],
    ['closed', 'processing'],
    ['closed', 'resolved'],
    ['reopened', 'closed'],
  ];
  it.each(allowed)('%s → %s is allowed', (from, to) => expect(canTransition(from, to)).toBe(true));
  it.each(refused)('%s → %s is refused', (from, to) => expect(canTransition(from, to)).toBe(false));
});
