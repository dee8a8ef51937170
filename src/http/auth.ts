import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuditContext } from '../access/audit.js';
import type { Principal } from '../access/model.js';
import type { Permission } from '../access/permissions.js';
import { type AccessService, SESSION_COOKIE } from '../access/service.js';
import { WardenError } from '../core/errors.js';

/**
 * What a route needs: a permission, `authenticated` (any signed-in caller) or
 * `public`. Every route under /api must say which, next to the route; the
 * server refuses to start otherwise.
 */
export type RouteAccess = Permission | 'authenticated' | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    /** Every route with the access it declared, for the route-walk test and the docs. */
    accessTable: RouteAccessEntry[];
  }
}

export interface RouteAccessEntry {
  method: string;
  url: string;
  access: RouteAccess | undefined;
}

export function auditContext(request: FastifyRequest): AuditContext {
  const p = request.principal;
  return {
    actor: p ? p.actor : { type: 'system', id: null, role: null },
    requestId: String(request.id),
  };
}

/** The caller; throws if absent. Only used behind an `access` that is not `public`. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new WardenError('UNAUTHENTICATED');
  return request.principal;
}

export function registerAuth(server: FastifyInstance, access: AccessService): void {
  server.decorateRequest('principal', null);
  const table: RouteAccessEntry[] = [];
  server.decorate('accessTable', table);

  server.addHook('onRoute', (route) => {
    const declared = (route.config as { access?: RouteAccess } | undefined)?.access;
    for (const method of [route.method].flat())
      table.push({ method: String(method), url: route.url, access: declared });
    if (route.url.startsWith('/api/') && declared === undefined) {
      throw new Error(`route ${String(route.method)} ${route.url} declares no access; add config.access`);
    }
  });

  // onRequest: before the body is read, so an anonymous caller learns nothing
  // from body validation and never makes us parse a large body.
  server.addHook('onRequest', async (request) => {
    const required = request.routeOptions.config?.access;
    if (required === undefined || required === 'public') {
      // Still resolve a session if present so public routes (login) can see it.
      if (required === 'public') request.principal = await resolve(request, access);
      return;
    }
    request.principal = await resolve(request, access);
    if (!request.principal) {
      throw new WardenError('UNAUTHENTICATED', 'sign in, or send Authorization: Bearer <API key>');
    }
    if (required !== 'authenticated' && !request.principal.permissions.has(required)) {
      throw new WardenError(
        'FORBIDDEN',
        `this needs the ${required} permission, which your ${request.principal.apiKey ? 'API key' : 'role'} does not have`,
        {
          extras: { permission: required },
        },
      );
    }
  });
}

async function resolve(request: FastifyRequest, access: AccessService): Promise<Principal | null> {
  const header = request.headers.authorization;
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m?.[1])
      throw new WardenError('UNAUTHENTICATED', 'the Authorization header must be "Bearer <API key>"');
    const p = await access.principalFromApiKey(m[1]);
    if (!p) throw new WardenError('UNAUTHENTICATED', 'the API key is unknown or revoked');
    return p;
  }
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (cookie) return access.principalFromSession(cookie);
  return null;
}
