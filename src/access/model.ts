import type { Actor } from './audit.js';
import type { Permission, Role } from './permissions.js';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: string | null;
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface ApiKeyInfo {
  id: string;
  name: string;
  role: Role;
  scopes: Permission[];
  prefix: string;
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Who is calling, resolved from a session cookie or an API key. */
export interface Principal {
  actor: Actor;
  permissions: ReadonlySet<Permission>;
  user: User | null;
  apiKey: ApiKeyInfo | null;
}
