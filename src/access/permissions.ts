/**
 * Permissions are what routes declare; roles are bundles of them. An API key
 * has a role and optionally narrower scopes (e.g. only `screen` for a channel
 * integration): its permissions are the role's, intersected with the scopes.
 */
export const permissions = [
  'screen',
  'outbound:check',
  'analyze',
  'customers:read',
  'customers:write',
  'blocklist:read',
  'blocklist:write',
  'blocklist:import',
  'blocklist:export',
  'categories:write',
  'rules:read',
  'rules:write',
  'messages:read',
  'messages:mark',
  'consents:read',
  'consents:write',
  'complaints:read',
  'complaints:write',
  'alerts:read',
  'alerts:ack',
  'analytics:read',
  'audit:read',
  'users:read',
  'users:write',
  'apikeys:read',
  'apikeys:write',
  'settings:write',
  'customers:export',
  'customers:erase',
  'retention:read',
  'backups:read',
  'backups:write',
  'settings:read',
  /** Who complaints can be assigned to (id, name, role): for dispatch, without user administration. */
  'users:assignable',
  /** Win-back cases for released customers: read them and their figures, or open and work them. */
  'winback:read',
  'winback:write',
] as const;

export type Permission = (typeof permissions)[number];

export const roles = ['agent', 'supervisor', 'admin', 'auditor'] as const;
export type Role = (typeof roles)[number];

const agent: Permission[] = [
  'screen',
  'outbound:check',
  'analyze',
  'customers:read',
  'blocklist:read',
  'rules:read',
  'messages:read',
  'messages:mark',
  'consents:read',
  'complaints:read',
  'complaints:write',
  'alerts:read',
  'alerts:ack',
  'analytics:read',
];

const supervisor: Permission[] = [
  ...agent,
  'customers:write',
  'blocklist:write',
  'blocklist:import',
  'blocklist:export',
  'rules:write',
  'consents:write',
  'settings:read',
  // A supervisor dispatches complaints to agents, so needs to see who they are (not manage them).
  'users:assignable',
  'winback:read',
  'winback:write',
];

const auditor: Permission[] = [
  'customers:read',
  'blocklist:read',
  'blocklist:export',
  'rules:read',
  'messages:read',
  'consents:read',
  'complaints:read',
  'alerts:read',
  'analytics:read',
  'audit:read',
  'users:read',
  'apikeys:read',
  'customers:export',
  'retention:read',
  'backups:read',
  'settings:read',
];

export const rolePermissions: Record<Role, ReadonlySet<Permission>> = {
  agent: new Set(agent),
  supervisor: new Set(supervisor),
  admin: new Set(permissions),
  auditor: new Set(auditor),
};

export const isRole = (r: string): r is Role => (roles as readonly string[]).includes(r);
export const isPermission = (p: string): p is Permission => (permissions as readonly string[]).includes(p);

/** The effective permission set of a role narrowed by scopes (empty scopes = no narrowing). */
export function effectivePermissions(role: Role, scopes: readonly Permission[]): ReadonlySet<Permission> {
  const base = rolePermissions[role];
  if (scopes.length === 0) return base;
  return new Set(scopes.filter((s) => base.has(s)));
}

/** Everything: what a local operator (the CLI, first-start setup) may grant. */
export const everyPermission: ReadonlySet<Permission> = rolePermissions.admin;

/** The scopes that are not permissions of `role`: a key may only narrow its role. */
export function scopesOutsideRole(role: Role, scopes: readonly Permission[]): Permission[] {
  const base = rolePermissions[role];
  return scopes.filter((s) => !base.has(s));
}

/**
 * The permissions in `granted` that `grantor` does not hold itself, in table
 * order; empty when the grant is allowed. The one rule behind every user and
 * key change: nobody hands out, or takes over, more than they have.
 */
export function grantsBeyond(
  grantor: ReadonlySet<Permission>,
  granted: ReadonlySet<Permission>,
): Permission[] {
  return permissions.filter((p) => granted.has(p) && !grantor.has(p));
}
