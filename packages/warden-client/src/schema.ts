/**
 * Generated from openapi.json by `npm run openapi` (openapi-typescript). Do not edit:
 * change the route's schema, then run `npm run openapi`.
 */

export interface paths {
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with e-mail and password; sets an HttpOnly session cookie */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: {
                                id: string;
                                email: string;
                                name: string;
                                role: "agent" | "supervisor" | "admin" | "auditor";
                                locale: string | null;
                                disabled: boolean;
                                createdAt: string;
                                lastLoginAt: string | null;
                            };
                            expiresAt: string;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required; `INVALID_CREDENTIALS`: E-mail or password is wrong */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `LOGIN_THROTTLED`: Too many failed logins; try again later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the session */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Signed out; the session cookie is cleared */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who am I: the signed-in user or API key, and its permissions */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: {
                                id: string;
                                email: string;
                                name: string;
                                role: "agent" | "supervisor" | "admin" | "auditor";
                                locale: string | null;
                                disabled: boolean;
                                createdAt: string;
                                lastLoginAt: string | null;
                            } | null;
                            apiKey: {
                                id: string;
                                name: string;
                                role: "agent" | "supervisor" | "admin" | "auditor";
                                scopes: string[];
                                prefix: string;
                                createdBy: string | null;
                                createdAt: string;
                                lastUsedAt: string | null;
                                revokedAt: string | null;
                            } | null;
                            permissions: string[];
                        };
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the first admin still has to be created */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            needsSetup: boolean;
                        };
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create the first admin with the one-time setup token printed by `warden serve` */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        token: string;
                        email: string;
                        name: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: {
                                id: string;
                                email: string;
                                name: string;
                                role: "agent" | "supervisor" | "admin" | "auditor";
                                locale: string | null;
                                disabled: boolean;
                                createdAt: string;
                                lastLoginAt: string | null;
                            };
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                email: string;
                                name: string;
                                role: "agent" | "supervisor" | "admin" | "auditor";
                                locale: string | null;
                                disabled: boolean;
                                createdAt: string;
                                lastLoginAt: string | null;
                            }[];
                        };
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a user
         * @description The new role may hold no permission the caller lacks (403 GRANT_EXCEEDS_OWN, listing them in `permissions`).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        name: string;
                        role: "agent" | "supervisor" | "admin" | "auditor";
                        password: string;
                        locale?: ("zh-CN" | "en") | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            email: string;
                            name: string;
                            role: "agent" | "supervisor" | "admin" | "auditor";
                            locale: string | null;
                            disabled: boolean;
                            createdAt: string;
                            lastLoginAt: string | null;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/assignable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** People complaints can be assigned to (enabled users whose role works complaints): id, name, role */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                name: string;
                                role: "agent" | "supervisor" | "admin" | "auditor";
                            }[];
                        };
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a user: role, name, disabled, password
         * @description The caller must hold every permission of the user as they are and of a new role (403 GRANT_EXCEEDS_OWN). The last active admin cannot be disabled or demoted (409 LAST_ADMIN).
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        role?: "agent" | "supervisor" | "admin" | "auditor";
                        name?: string;
                        disabled?: boolean;
                        password?: string;
                        locale?: ("zh-CN" | "en") | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            email: string;
                            name: string;
                            role: "agent" | "supervisor" | "admin" | "auditor";
                            locale: string | null;
                            disabled: boolean;
                            createdAt: string;
                            lastLoginAt: string | null;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `NOT_FOUND`: No such resource */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List API keys (never the secret) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                name: string;
                                role: "agent" | "supervisor" | "admin" | "auditor";
                                scopes: string[];
                                prefix: string;
                                createdBy: string | null;
                                createdAt: string;
                                lastUsedAt: string | null;
                                revokedAt: string | null;
                            }[];
                        };
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create an API key; the secret is shown in this answer only
         * @description The key's permissions are role ∩ scopes (no scopes: the whole role). A scope outside the role is a 400 SCOPE_OUTSIDE_ROLE naming it in `scopes`; permissions the caller does not hold are a 403 GRANT_EXCEEDS_OWN.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        role: "agent" | "supervisor" | "admin" | "auditor";
                        scopes?: ("screen" | "outbound:check" | "analyze" | "customers:read" | "customers:write" | "blocklist:read" | "blocklist:write" | "blocklist:import" | "blocklist:export" | "categories:write" | "rules:read" | "rules:write" | "messages:read" | "messages:mark" | "consents:read" | "consents:write" | "complaints:read" | "complaints:write" | "alerts:read" | "alerts:ack" | "analytics:read" | "audit:read" | "users:read" | "users:write" | "apikeys:read" | "apikeys:write" | "settings:write" | "customers:export" | "customers:erase" | "retention:read" | "backups:read" | "backups:write" | "settings:read" | "users:assignable" | "winback:read" | "winback:write")[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: string;
                            apiKey: {
                                id: string;
                                name: string;
                                role: "agent" | "supervisor" | "admin" | "auditor";
                                scopes: string[];
                                prefix: string;
                                createdBy: string | null;
                                createdAt: string;
                                lastUsedAt: string | null;
                                revokedAt: string | null;
                            };
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description Only a caller holding every permission of the key may revoke it (403 GRANT_EXCEEDS_OWN).
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            role: "agent" | "supervisor" | "admin" | "auditor";
                            scopes: string[];
                            prefix: string;
                            createdBy: string | null;
                            createdAt: string;
                            lastUsedAt: string | null;
                            revokedAt: string | null;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `NOT_FOUND`: No such resource */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The audit log, newest first
         * @description Each record names its actor (`actor.name`: the user or API key) and, where it can be found, its subject (`target.label`: a user, key or rule name, a complaint reference, a customer name with masked contact — customers only for a caller with customers:read, and that read is itself recorded as `audit.list`; a blocklist entry’s masked identifier or customer with its `target.category`, for a caller with blocklist:read; an alert’s title with `target.labelCode` to word it, for a caller with alerts:read).
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description the `nextCursor` of the previous page */
                    cursor?: string;
                    action?: string;
                    actorId?: string;
                    targetType?: string;
                    targetId?: string;
                    from?: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description Position in the chain; the list cursor is the last `seq` of a page */
                                seq: number;
                                id: string;
                                /** Format: date-time */
                                at: string;
                                actor: {
                                    type: string;
                                    id: string | null;
                                    role: string | null;
                                    /** @description The user's or API key's name */
                                    name?: string;
                                };
                                /** @description A stable code, e.g. `blocklist.add`, `rule.update`, `customer.read` */
                                action: string;
                                target: {
                                    type: string | null;
                                    id: string | null;
                                    /** @description The subject in words, where it can be found */
                                    label?: string;
                                    /** @description The same thing as the English text beside it, as a code and values */
                                    labelCode?: {
                                        /** @description Stable code, e.g. `rule.message_count`, `blocklist.rule_added`, `alert.surge`, `delivery.not_configured`; `text` when the words are a person's own (then `params.text`) */
                                        code: string;
                                        /** @description The values the code is worded with */
                                        params: {
                                            [key: string]: unknown;
                                        };
                                    };
                                    /** @description A blocklist entry’s category key (`label` is its masked identifier or customer) */
                                    category?: string;
                                };
                                requestId: string | null;
                                /** @description What changed or was read (no personal data) */
                                summary: {
                                    [key: string]: unknown;
                                };
                                hash: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Check the hash chain; reports the first broken link */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ok: boolean;
                            /** @description Rows checked before the first broken link (all when ok) */
                            checked: number;
                            head: {
                                seq: number;
                                hash: string;
                            } | null;
                            firstBroken: {
                                seq: number;
                                reason: string;
                            } | null;
                        };
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{externalId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Create or replace a customer by your own (external) id */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    externalId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string | null;
                        tier?: string;
                        lifetimeValue?: number;
                        protected?: boolean;
                        attributes?: {
                            [key: string]: unknown;
                        };
                        identifiers?: {
                            type: "phone" | "email" | "user_id" | "device_id" | "open_id" | "ip" | "email_domain" | "phone_prefix";
                            value: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            externalId: string | null;
                            name: string | null;
                            tier: string;
                            lifetimeValue: number;
                            protected: boolean;
                            attributes: {
                                [key: string]: unknown;
                            };
                            identifiers: {
                                type: "phone" | "email" | "user_id" | "device_id" | "open_id" | "ip" | "email_domain" | "phone_prefix";
                                value: string;
                            }[];
                            createdAt: string;
                            updatedAt: string;
                            erasedAt: string | null;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            externalId: string | null;
                            name: string | null;
                            tier: string;
                            lifetimeValue: number;
                            protected: boolean;
                            attributes: {
                                [key: string]: unknown;
                            };
                            identifiers: {
                                type: "phone" | "email" | "user_id" | "device_id" | "open_id" | "ip" | "email_domain" | "phone_prefix";
                                value: string;
                            }[];
                            createdAt: string;
                            updatedAt: string;
                            erasedAt: string | null;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `NOT_FOUND`: No such resource */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Look a customer up by identifier (`identifier=phone:138 0013 8000`), or list customers */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description the `nextCursor` of the previous page */
                    cursor?: string;
                    identifier?: string;
                    tier?: string;
                    protected?: boolean;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                externalId: string | null;
                                name: string | null;
                                tier: string;
                                lifetimeValue: number;
                                protected: boolean;
                                attributes: {
                                    [key: string]: unknown;
                                };
                                identifiers: {
                                    type: "phone" | "email" | "user_id" | "device_id" | "open_id" | "ip" | "email_domain" | "phone_prefix";
                                    value: string;
                                }[];
                                createdAt: string;
                                updatedAt: string;
                                erasedAt: string | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create a customer (the console's "new customer"). An identifier of another customer answers 409 IDENTIFIER_CONFLICT, an external id of another 409 EXTERNAL_ID_TAKEN */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string | null;
                        tier?: string;
                        lifetimeValue?: number;
                        protected?: boolean;
                        attributes?: {
                            [key: string]: unknown;
                        };
                        identifiers?: {
                            type: "phone" | "email" | "user_id" | "device_id" | "open_id" | "ip" | "email_domain" | "phone_prefix";
                            value: string;
                        }[];
                        externalId?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            externalId: string | null;
                            name: string | null;
                            tier: string;
                            lifetimeValue: number;
                            protected: boolean;
                            attributes: {
                                [key: string]: unknown;
                            };
                            identifiers: {
                                type: "phone" | "email" | "user_id" | "device_id" | "open_id" | "ip" | "email_domain" | "phone_prefix";
                                value: string;
                            }[];
                            createdAt: string;
                            updatedAt: string;
                            erasedAt: string | null;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The 360 view: a customer with identifiers, blocklist entries, consent, recent messages and complaints (the read is audited) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            externalId: string | null;
                            name: string | null;
                            tier: string;
                            lifetimeValue: number;
                            protected: boolean;
                            attributes: {
                                [key: string]: unknown;
                            };
                            identifiers: {
                                type: "phone" | "email" | "user_id" | "device_id" | "open_id" | "ip" | "email_domain" | "phone_prefix";
                                value: string;
                            }[];
                            createdAt: string;
                            updatedAt: string;
                            erasedAt: string | null;
                        } & {
                            blocklist: {
                                id: string;
                                target: string;
                                level: number;
                                category: string;
                                status: string;
                                expiresAt: string | null;
                            }[];
                            consent: {
                                identifier: {
                                    type: "phone" | "email" | "user_id" | "device_id" | "open_id" | "ip" | "email_domain" | "phone_prefix";
                                    value: string;
                                };
                                purpose: string;
                                status: "opted_in" | "opted_out";
                                method: string;
                                updatedAt: string;
                            }[];
                            recentMessages: {
                                id: string;
                                receivedAt: string;
                                channel: string;
                                decision: string;
                                text: string;
                                complaintId: string | null;
                            }[];
                            complaints: {
                                items: {
                                    id: string;
                                    customerId: string | null;
                                    channel: string;
                                    channels: string[];
                                    category: string;
                                    sentiment: number;
                                    riskWords: string[];
                                    severity: number;
                                    factors: {
                                        name: string;
                                        points: number;
                                        detail: string;
                                    }[];
                                    priority: "P1" | "P2" | "P3" | "P4";
                                    team: string;
                                    queue: string;
                                    assigneeId: string | null;
                                    status: "received" | "processing" | "resolved" | "closed" | "reopened";
                                    orderId: string | null;
                                    text: string;
                                    messageCount: number;
                                    locale: string;
                                    slaDueAt: string;
                                    escalatedAt: string | null;
                                    resolvedAt: string | null;
                                    createdAt: string;
                                    updatedAt: string;
                                    reference: string | null;
                                    /** @description a message of it came from a blocked, rate-limited or channel-restricted sender */
                                    fromBlockedSender: boolean;
                                    customer?: {
                                        id: string;
                                        name: string | null;
                                        contact: string | null;
                                        tier: string;
                                        /** @description VIP tier, marked protected, or lifetime value above the threshold */
                                        keyCustomer: boolean;
                                    } | null;
                                    assigneeName?: string | null;
                                }[];
                                countsByChannel: {
                                    [key: string]: number;
                                };
                                open: number;
                            };
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `NOT_FOUND`: No such resource */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a customer: only the fields given (`identifiers`, when given, replaces them all; `name: null` clears it). The change is audited and in force on every server */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string | null;
                        tier?: string;
                        lifetimeValue?: number;
                        protected?: boolean;
                        attributes?: {
                            [key: string]: unknown;
                        };
                        identifiers?: {
                            type: "phone" | "email" | "user_id" | "device_id" | "open_id" | "ip" | "email_domain" | "phone_prefix";
                            value: string;
                        }[];
                        externalId?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            externalId: string | null;
                            name: string | null;
                            tier: string;
                            lifetimeValue: number;
                            protected: boolean;
                            attributes: {
                                [key: string]: unknown;
                            };
                            identifiers: {
                                type: "phone" | "email" | "user_id" | "device_id" | "open_id" | "ip" | "email_domain" | "phone_prefix";
                                value: string;
                            }[];
                            createdAt: string;
                            updatedAt: string;
                            erasedAt: string | null;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `NOT_FOUND`: No such resource */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/blocklist": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search entries, newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description the `nextCursor` of the previous page */
                    cursor?: string;
                    level?: 1 | 2 | 3;
                    category?: string;
                    status?: "pending" | "scheduled" | "active" | "expired" | "released" | "rejected" | "review_due";
                    /** @description `manual`, `import`, `rule` (any rule) or `rule:<id>` */
                    source?: string;
                    /** @description owner user id, or `me` */
                    owner?: string;
                    /** @description type:value, e.g. phone:13800138000 */
                    identifier?: string;
                    customerId?: string;
                    /** @description words in the reason */
                    q?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                customerId: string | null;
                                identifier: {
                                    type: string;
                                    value: string;
                                } | null;
                                level: number;
                                limit: {
                                    max: number;
                                    windowSeconds: number;
                                } | null;
                                allowedChannels: string[] | null;
                                category: string;
                                reason: string;
                                /** @description The same thing as the English text beside it, as a code and values */
                                reasonCode: {
                                    /** @description Stable code, e.g. `rule.message_count`, `blocklist.rule_added`, `alert.surge`, `delivery.not_configured`; `text` when the words are a person's own (then `params.text`) */
                                    code: string;
                                    /** @description The values the code is worded with */
                                    params: {
                                        [key: string]: unknown;
                                    };
                                };
                                source: string;
                                ownerId: string | null;
                                createdBy: string | null;
                                status: string;
                                reviewDue: boolean;
                                startsAt: string | null;
                                expiresAt: string | null;
                                reviewAt: string | null;
                                releasedAt: string | null;
                                createdAt: string;
                                updatedAt: string;
                                exemptions: {
                                    id: string;
                                    from: string | null;
                                    until: string | null;
                                    sessionId: string | null;
                                    channel: string | null;
                                    reason: string | null;
                                    createdBy: string | null;
                                    createdAt: string;
                                    revokedAt: string | null;
                                    active: boolean;
                                }[];
                                customer?: {
                                    id: string;
                                    name: string | null;
                                    contact: string | null;
                                    tier: string;
                                    /** @description VIP tier, marked protected, or lifetime value above the threshold */
                                    keyCustomer: boolean;
                                } | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Add an entry for an identifier (incl. phone_prefix, email_domain, ip CIDR) or a customer
         * @description A key customer (protected, a protected tier, or lifetime value at or above the threshold) answers 428 CONFIRMATION_REQUIRED unless `"confirm": true`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        identifier?: {
                            type: "phone" | "email" | "user_id" | "device_id" | "open_id" | "ip" | "email_domain" | "phone_prefix";
                            value: string;
                        };
                        customerId?: string;
                        level?: 1 | 2 | 3;
                        limit?: {
                            max: number;
                            windowSeconds: number;
                        } | null;
                        allowedChannels?: ("sms" | "voice" | "email" | "chat" | "app" | "social")[] | null;
                        category: string;
                        reason: string;
                        startsAt?: string | null;
                        expiresAt?: string | null;
                        reviewAt?: string | null;
                        ownerId?: string | null;
                        status?: "active" | "pending";
                        confirm?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            customerId: string | null;
                            identifier: {
                                type: string;
                                value: string;
                            } | null;
                            level: number;
                            limit: {
                                max: number;
                                windowSeconds: number;
                            } | null;
                            allowedChannels: string[] | null;
                            category: string;
                            reason: string;
                            /** @description The same thing as the English text beside it, as a code and values */
                            reasonCode: {
                                /** @description Stable code, e.g. `rule.message_count`, `blocklist.rule_added`, `alert.surge`, `delivery.not_configured`; `text` when the words are a person's own (then `params.text`) */
                                code: string;
                                /** @description The values the code is worded with */
                                params: {
                                    [key: string]: unknown;
                                };
                            };
                            source: string;
                            ownerId: string | null;
                            createdBy: string | null;
                            status: string;
                            reviewDue: boolean;
                            startsAt: string | null;
                            expiresAt: string | null;
                            reviewAt: string | null;
                            releasedAt: string | null;
                            createdAt: string;
                            updatedAt: string;
                            exemptions: {
                                id: string;
                                from: string | null;
                                until: string | null;
                                sessionId: string | null;
                                channel: string | null;
                                reason: string | null;
                                createdBy: string | null;
                                createdAt: string;
                                revokedAt: string | null;
                                active: boolean;
                            }[];
                            customer?: {
                                id: string;
                                name: string | null;
                                contact: string | null;
                                tier: string;
                                /** @description VIP tier, marked protected, or lifetime value above the threshold */
                                keyCustomer: boolean;
                            } | null;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/blocklist/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Is this identifier blocked, and how (from the in-memory policy index) */
        get: {
            parameters: {
                query: {
                    identifier: string;
                    channel?: "sms" | "voice" | "email" | "chat" | "app" | "social";
                    sessionId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            decision: "allow" | "block" | "limit" | "restrict";
                            entry: {
                                id: string;
                                customerId: string | null;
                                identifier: {
                                    type: string;
                                    value: string;
                                } | null;
                                level: number;
                                limit: {
                                    max: number;
                                    windowSeconds: number;
                                } | null;
                                allowedChannels: string[] | null;
                                category: string;
                                reason: string;
                                /** @description The same thing as the English text beside it, as a code and values */
                                reasonCode: {
                                    /** @description Stable code, e.g. `rule.message_count`, `blocklist.rule_added`, `alert.surge`, `delivery.not_configured`; `text` when the words are a person's own (then `params.text`) */
                                    code: string;
                                    /** @description The values the code is worded with */
                                    params: {
                                        [key: string]: unknown;
                                    };
                                };
                                source: string;
                                ownerId: string | null;
                                createdBy: string | null;
                                status: string;
                                reviewDue: boolean;
                                startsAt: string | null;
                                expiresAt: string | null;
                                reviewAt: string | null;
                                releasedAt: string | null;
                                createdAt: string;
                                updatedAt: string;
                                exemptions: {
                                    id: string;
                                    from: string | null;
                                    until: string | null;
                                    sessionId: string | null;
                                    channel: string | null;
                                    reason: string | null;
                                    createdBy: string | null;
                                    createdAt: string;
                                    revokedAt: string | null;
                                    active: boolean;
                                }[];
                                customer?: {
                                    id: string;
                                    name: string | null;
                                    contact: string | null;
                                    tier: string;
                                    /** @description VIP tier, marked protected, or lifetime value above the threshold */
                                    keyCustomer: boolean;
                                } | null;
                            } | null;
                            /** @description Rate-limit (level 2) entries that apply, whether or not over their limit */
                            limits: {
                                id: string;
                                limit: {
                                    max: number;
                                    windowSeconds: number;
                                } | null;
                            }[];
                            customerId: string | null;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/blocklist/reminders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Open review reminders (`mine=true` for the caller’s own) */
        get: {
            parameters: {
                query?: {
                    mine?: boolean;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                entryId: string;
                                ownerId: string | null;
                                /** Format: date-time */
                                dueAt: string;
                                /** Format: date-time */
                                createdAt: string;
                                doneAt: string | null;
                                entry: {
                                    category: string;
                                    level: number;
                                    /** @description Masked identifier, or `customer <id>` */
                                    target: string;
                                };
                            }[];
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/blocklist/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Categories and their policies */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                key: string;
                                labels: {
                                    "zh-CN": string;
                                    en: string;
                                };
                                defaultLevel: number;
                                defaultLimit: {
                                    max: number;
                                    windowSeconds: number;
                                } | null;
                                reviewDays: number | null;
                                builtin: boolean;
                            }[];
                        };
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Add a category */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        key: string;
                        labels: {
                            "zh-CN": string;
                            en: string;
                        };
                        defaultLevel: 1 | 2 | 3;
                        defaultLimit?: {
                            max: number;
                            windowSeconds: number;
                        } | null;
                        reviewDays?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: string;
                            labels: {
                                "zh-CN": string;
                                en: string;
                            };
                            defaultLevel: number;
                            defaultLimit: {
                                max: number;
                                windowSeconds: number;
                            } | null;
                            reviewDays: number | null;
                            builtin: boolean;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/blocklist/categories/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a category’s labels or policies */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    key: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        labels?: {
                            "zh-CN": string;
                            en: string;
                        };
                        defaultLevel?: 1 | 2 | 3;
                        defaultLimit?: {
                            max: number;
                            windowSeconds: number;
                        } | null;
                        reviewDays?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: string;
                            labels: {
                                "zh-CN": string;
                                en: string;
                            };
                            defaultLevel: number;
                            defaultLimit: {
                                max: number;
                                windowSeconds: number;
                            } | null;
                            reviewDays: number | null;
                            builtin: boolean;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `NOT_FOUND`: No such resource */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/blocklist/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An entry with its full history (created, changed, violations, exemptions, reviews, release) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            customerId: string | null;
                            identifier: {
                                type: string;
                                value: string;
                            } | null;
                            level: number;
                            limit: {
                                max: number;
                                windowSeconds: number;
                            } | null;
                            allowedChannels: string[] | null;
                            category: string;
                            reason: string;
                            /** @description The same thing as the English text beside it, as a code and values */
                            reasonCode: {
                                /** @description Stable code, e.g. `rule.message_count`, `blocklist.rule_added`, `alert.surge`, `delivery.not_configured`; `text` when the words are a person's own (then `params.text`) */
                                code: string;
                                /** @description The values the code is worded with */
                                params: {
                                    [key: string]: unknown;
                                };
                            };
                            source: string;
                            ownerId: string | null;
                            createdBy: string | null;
                            status: string;
                            reviewDue: boolean;
                            startsAt: string | null;
                            expiresAt: string | null;
                            reviewAt: string | null;
                            releasedAt: string | null;
                            createdAt: string;
                            updatedAt: string;
                            exemptions: {
                                id: string;
                                from: string | null;
                                until: string | null;
                                sessionId: string | null;
                                channel: string | null;
                                reason: string | null;
                                createdBy: string | null;
                                createdAt: string;
                                revokedAt: string | null;
                                active: boolean;
                            }[];
                            customer?: {
                                id: string;
                                name: string | null;
                                contact: string | null;
                                tier: string;
                                /** @description VIP tier, marked protected, or lifetime value above the threshold */
                                keyCustomer: boolean;
                            } | null;
                        } & {
                            history: {
                                id: string;
                                at: string;
                                kind: string;
                                actor: {
                                    type: string;
                                    id: string | null;
                                };
                                detail: {
                                    [key: string]: unknown;
                                };
                                note: string | null;
                            }[];
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `NOT_FOUND`: No such resource */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change an entry */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        level?: 1 | 2 | 3;
                        limit?: {
                            max: number;
                            windowSeconds: number;
                        } | null;
                        allowedChannels?: ("sms" | "voice" | "email" | "chat" | "app" | "social")[] | null;
                        category?: string;
                        reason?: string;
                        startsAt?: string | null;
                        expiresAt?: string | null;
                        reviewAt?: string | null;
                        ownerId?: string | null;
                        confirm?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            customerId: string | null;
                            identifier: {
                                type: string;
                                value: string;
                            } | null;
                            level: number;
                            limit: {
                                max: number;
                                windowSeconds: number;
                            } | null;
                            allowedChannels: string[] | null;
                            category: string;
                            reason: string;
                            /** @description The same thing as the English text beside it, as a code and values */
                            reasonCode: {
                                /** @description Stable code, e.g. `rule.message_count`, `blocklist.rule_added`, `alert.surge`, `delivery.not_configured`; `text` when the words are a person's own (then `params.text`) */
                                code: string;
                                /** @description The values the code is worded with */
                                params: {
                                    [key: string]: unknown;
                                };
                            };
                            source: string;
                            ownerId: string | null;
                            createdBy: string | null;
                            status: string;
                            reviewDue: boolean;
                            startsAt: string | null;
                            expiresAt: string | null;
                            reviewAt: string | null;
                            releasedAt: string | null;
                            createdAt: string;
                            updatedAt: string;
                            exemptions: {
                                id: string;
                                from: string | null;
                                until: string | null;
                                sessionId: string | null;
                                channel: string | null;
                                reason: string | null;
                                createdBy: string | null;
                                createdAt: string;
                                revokedAt: string | null;
                                active: boolean;
                            }[];
                            customer?: {
                                id: string;
                                name: string | null;
                                contact: string | null;
                                tier: string;
                                /** @description VIP tier, marked protected, or lifetime value above the threshold */
                                keyCustomer: boolean;
                            } | null;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `NOT_FOUND`: No such resource */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/blocklist/{id}/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Release an entry (kept with its history)
         * @description The reason is a `reasonCode` from the release reasons in `/settings/blocklist` (with optional `text`; `other` requires `text`), or a free-text `reason` as before. An unknown code answers 400 UNKNOWN_RELEASE_REASON with `validCodes`. When the category has the release notice on, the customer is told through the outbox.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason?: string;
                        /** @description a release reason key from /settings/blocklist, or `other` (with `text`) */
                        reasonCode?: string;
                        text?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            customerId: string | null;
                            identifier: {
                                type: string;
                                value: string;
                            } | null;
                            level: number;
                            limit: {
                                max: number;
                                windowSeconds: number;
                            } | null;
                            allowedChannels: string[] | null;
                            category: string;
                            reason: string;
                            /** @description The same thing as the English text beside it, as a code and values */
                            reasonCode: {
                                /** @description Stable code, e.g. `rule.message_count`, `blocklist.rule_added`, `alert.surge`, `delivery.not_configured`; `text` when the words are a person's own (then `params.text`) */
                                code: string;
                                /** @description The values the code is worded with */
                                params: {
                                    [key: string]: unknown;
                                };
                            };
                            source: string;
                            ownerId: string | null;
                            createdBy: string | null;
                            status: string;
                            reviewDue: boolean;
                            startsAt: string | null;
                            expiresAt: string | null;
                            reviewAt: string | null;
                            releasedAt: string | null;
                            createdAt: string;
                            updatedAt: string;
                            exemptions: {
                                id: string;
                                from: string | null;
                                until: string | null;
                                sessionId: string | null;
                                channel: string | null;
                                reason: string | null;
                                createdBy: string | null;
                                createdAt: string;
                                revokedAt: string | null;
                                active: boolean;
                            }[];
                            customer?: {
                                id: string;
                                name: string | null;
                                contact: string | null;
                                tier: string;
                                /** @description VIP tier, marked protected, or lifetime value above the threshold */
                                keyCustomer: boolean;
                            } | null;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `NOT_FOUND`: No such resource */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/blocklist/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve an entry a rule proposed */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            customerId: string | null;
                            identifier: {
                                type: string;
                                value: string;
                            } | null;
                            level: number;
                            limit: {
                                max: number;
                                windowSeconds: number;
                            } | null;
                            allowedChannels: string[] | null;
                            category: string;
                            reason: string;
                            /** @description The same thing as the English text beside it, as a code and values */
                            reasonCode: {
                                /** @description Stable code, e.g. `rule.message_count`, `blocklist.rule_added`, `alert.surge`, `delivery.not_configured`; `text` when the words are a person's own (then `params.text`) */
                                code: string;
                                /** @description The values the code is worded with */
                                params: {
                                    [key: string]: unknown;
                                };
                            };
                            source: string;
                            ownerId: string | null;
                            createdBy: string | null;
                            status: string;
                            reviewDue: boolean;
                            startsAt: string | null;
                            expiresAt: string | null;
                            reviewAt: string | null;
                            releasedAt: string | null;
                            createdAt: string;
                            updatedAt: string;
                            exemptions: {
                                id: string;
                                from: string | null;
                                until: string | null;
                                sessionId: string | null;
                                channel: string | null;
                                reason: string | null;
                                createdBy: string | null;
                                createdAt: string;
                                revokedAt: string | null;
                                active: boolean;
                            }[];
                            customer?: {
                                id: string;
                                name: string | null;
                                contact: string | null;
                                tier: string;
                                /** @description VIP tier, marked protected, or lifetime value above the threshold */
                                keyCustomer: boolean;
                            } | null;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `NOT_FOUND`: No such resource */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/blocklist/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject an entry a rule proposed */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            customerId: string | null;
                            identifier: {
                                type: string;
                                value: string;
                            } | null;
                            level: number;
                            limit: {
                                max: number;
                                windowSeconds: number;
                            } | null;
                            allowedChannels: string[] | null;
                            category: string;
                            reason: string;
                            /** @description The same thing as the English text beside it, as a code and values */
                            reasonCode: {
                                /** @description Stable code, e.g. `rule.message_count`, `blocklist.rule_added`, `alert.surge`, `delivery.not_configured`; `text` when the words are a person's own (then `params.text`) */
                                code: string;
                                /** @description The values the code is worded with */
                                params: {
                                    [key: string]: unknown;
                                };
                            };
                            source: string;
                            ownerId: string | null;
                            createdBy: string | null;
                            status: string;
                            reviewDue: boolean;
                            startsAt: string | null;
                            expiresAt: string | null;
                            reviewAt: string | null;
                            releasedAt: string | null;
                            createdAt: string;
                            updatedAt: string;
                            exemptions: {
                                id: string;
                                from: string | null;
                                until: string | null;
                                sessionId: string | null;
                                channel: string | null;
                                reason: string | null;
                                createdBy: string | null;
                                createdAt: string;
                                revokedAt: string | null;
                                active: boolean;
                            }[];
                            customer?: {
                                id: string;
                                name: string | null;
                                contact: string | null;
                                tier: string;
                                /** @description VIP tier, marked protected, or lifetime value above the threshold */
                                keyCustomer: boolean;
                            } | null;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `NOT_FOUND`: No such resource */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/blocklist/{id}/exemptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Temporary release: for a window (from, until) or one sessionId, optionally one channel
         * @description The reason is optional: a `reasonCode` from `/settings/blocklist` (with optional `text`; `other` requires `text`) or a free-text `reason`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        from?: string | null;
                        until?: string | null;
                        sessionId?: string | null;
                        channel?: ("sms" | "voice" | "email" | "chat" | "app" | "social") | null;
                        reason?: string | null;
                        /** @description a release reason key from /settings/blocklist, or `other` (with `text`) */
                        reasonCode?: string;
                        text?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            from: string | null;
                            until: string | null;
                            sessionId: string | null;
                            channel: string | null;
                            reason: string | null;
                            createdBy: string | null;
                            createdAt: string;
                            revokedAt: string | null;
                            active: boolean;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `NOT_FOUND`: No such resource */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/blocklist/{id}/exemptions/{eid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** End a temporary release now */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    eid: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            from: string | null;
                            until: string | null;
                            sessionId: string | null;
                            channel: string | null;
                            reason: string | null;
                            createdBy: string | null;
                            createdAt: string;
                            revokedAt: string | null;
                            active: boolean;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `NOT_FOUND`: No such resource */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/blocklist/{id}/reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a review: keep, change (with changes) or release, with a note */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        decision: "keep" | "change" | "release";
                        note: string;
                        changes?: {
                            level?: 1 | 2 | 3;
                            limit?: {
                                max: number;
                                windowSeconds: number;
                            } | null;
                            allowedChannels?: ("sms" | "voice" | "email" | "chat" | "app" | "social")[] | null;
                            category?: string;
                            reason?: string;
                            startsAt?: string | null;
                            expiresAt?: string | null;
                            reviewAt?: string | null;
                            ownerId?: string | null;
                            confirm?: boolean;
                        };
                        nextReviewAt?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            customerId: string | null;
                            identifier: {
                                type: string;
                                value: string;
                            } | null;
                            level: number;
                            limit: {
                                max: number;
                                windowSeconds: number;
                            } | null;
                            allowedChannels: string[] | null;
                            category: string;
                            reason: string;
                            /** @description The same thing as the English text beside it, as a code and values */
                            reasonCode: {
                                /** @description Stable code, e.g. `rule.message_count`, `blocklist.rule_added`, `alert.surge`, `delivery.not_configured`; `text` when the words are a person's own (then `params.text`) */
                                code: string;
                                /** @description The values the code is worded with */
                                params: {
                                    [key: string]: unknown;
                                };
                            };
                            source: string;
                            ownerId: string | null;
                            createdBy: string | null;
                            status: string;
                            reviewDue: boolean;
                            startsAt: string | null;
                            expiresAt: string | null;
                            reviewAt: string | null;
                            releasedAt: string | null;
                            createdAt: string;
                            updatedAt: string;
                            exemptions: {
                                id: string;
                                from: string | null;
                                until: string | null;
                                sessionId: string | null;
                                channel: string | null;
                                reason: string | null;
                                createdBy: string | null;
                                createdAt: string;
                                revokedAt: string | null;
                                active: boolean;
                            }[];
                            customer?: {
                                id: string;
                                name: string | null;
                                contact: string | null;
                                tier: string;
                                /** @description VIP tier, marked protected, or lifetime value above the threshold */
                                keyCustomer: boolean;
                            } | null;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `NOT_FOUND`: No such resource */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/blocklist": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Counts by level, category, status, source; additions and releases per day */
        get: {
            parameters: {
                query?: {
                    /** @description Days up to and including today; 30 */
                    days?: number;
                    /**
                     * @description IANA time zone whose calendar days are counted, e.g. `Asia/Shanghai` (a message at 17:30 UTC counts on the next day there); UTC when left out. An unknown zone: 400 `INVALID_TIME_ZONE`.
                     * @example Asia/Shanghai
                     */
                    timeZone?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Entries by level (`1`, `2`, `3`) */
                            byLevel: {
                                [key: string]: number;
                            };
                            /** @description Entries by category key */
                            byCategory: {
                                [key: string]: number;
                            };
                            /** @description Entries by status (`pending`, `scheduled`, `active`, `expired`, `released`, `rejected`) */
                            byStatus: {
                                [key: string]: number;
                            };
                            reviewDue: number;
                            /** @description Entries by source (`manual`, `import`, `rule`, …) */
                            bySource: {
                                [key: string]: number;
                            };
                            perDay: {
                                /** Format: date */
                                day: string;
                                added: number;
                                released: number;
                            }[];
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/blocklist/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import entries from a CSV or XLSX file (multipart field `file`)
         * @description Columns (header row, English or Chinese, case- and space-insensitive): exactly one target per row — phone/手机号/手机/电话, email/邮箱, user_id/用户ID, device_id/设备ID, open_id/OpenID, ip/IP, email_domain/邮箱域名, phone_prefix/号段, customer_id/客户ID; then category/分类 (key or label, required), reason/原因 (required), level/级别 (default: the category’s), limit_max/限制次数 and limit_window_seconds/限制窗口 (level 2; default: the category’s), allowed_channels/允许渠道 (level 3, separated by , or 、), starts_at/生效时间, expires_at/到期时间, review_at/复核时间, owner/负责人 (user id), status and source (as exported; released/rejected/expired rows are skipped; the other export columns are ignored). Category, level and channel cells take keys, Chinese or English labels and common words (骚扰, 诈骗, 广告, 投诉; 一级/1级; 短信, 电话, 邮件). Times are ISO 8601 or `YYYY-MM-DD[ HH:mm[:ss]]`, read in Asia/Shanghai (UTC+8) unless an offset is given. CSV or TSV (comma or tab, found from the header) in UTF-8 (with or without BOM), GBK/GB18030 or UTF-16 (found from the content); XLSX reads the first sheet; a legacy .xls must be saved as .xlsx or CSV first. Limits: 100 cells a row, 64 KiB a CSV row; an XLSX may unpack to 512 MiB (shared strings 64 MiB, 1000000 strings, 128 KiB a cell, 1000 parts).
         *
         *     A file with any bad row imports nothing (422 IMPORT_INVALID with the report) unless `skipInvalid=true`; `dryRun=true` writes nothing and reports what a real run would do (created, updated, unchanged, rejected, with lines). A file over a limit is 400 IMPORT_FILE_LIMIT, a damaged one 400 IMPORT_FILE_INVALID, neither read into memory. Rows for key customers are bad rows ("needs confirmation") unless `confirm=true`. Importing the same file again changes nothing (rows already in force count as `unchanged`).
         *
         *     Timing: the request waits up to 5 s (or `wait` seconds) for the job. If it ends in time the answer is 200 with the finished job (or 422); otherwise 202 with the running job and a Location header — poll `GET /imports/{id}` for `percent` and the report. Up to 200 MB.
         */
        post: {
            parameters: {
                query?: {
                    dryRun?: boolean;
                    skipInvalid?: boolean;
                    confirm?: boolean;
                    /** @description seconds to wait; default 5 */
                    wait?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            status: "queued" | "running" | "succeeded" | "failed";
                            phase: "queued" | "validating" | "writing" | "done";
                            fileName: string;
                            format: ("csv" | "xlsx") | null;
                            encoding: ("utf-8" | "gb18030" | "utf-16le" | "utf-16be") | null;
                            dryRun: boolean;
                            skipInvalid: boolean;
                            totalRows: number | null;
                            processedRows: number;
                            percent: number;
                            report: {
                                valid: number;
                                invalid: number;
                                /** @description exported rows that no longer apply (status released, rejected, expired) */
                                skipped: number;
                                created: number;
                                updated: number;
                                unchanged: number;
                                /** @description the first 1000 bad rows: line (header = 1) and reason (with its code and values), never the value */
                                errors: {
                                    line: number;
                                    reason: string;
                                    /** @description `reason` as a stable code, e.g. `import.category_unknown`; `text` when none */
                                    code?: string;
                                    params?: {
                                        [key: string]: unknown;
                                    };
                                }[];
                                errorCount: number;
                                /** @description lines per outcome (the first 1000 of each); on a dry run, what a real run would do */
                                lines: {
                                    created: number[];
                                    updated: number[];
                                    unchanged: number[];
                                };
                            };
                            error: string | null;
                            createdAt: string;
                            finishedAt: string | null;
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            status: "queued" | "running" | "succeeded" | "failed";
                            phase: "queued" | "validating" | "writing" | "done";
                            fileName: string;
                            format: ("csv" | "xlsx") | null;
                            encoding: ("utf-8" | "gb18030" | "utf-16le" | "utf-16be") | null;
                            dryRun: boolean;
                            skipInvalid: boolean;
                            totalRows: number | null;
                            processedRows: number;
                            percent: number;
                            report: {
                                valid: number;
                                invalid: number;
                                /** @description exported rows that no longer apply (status released, rejected, expired) */
                                skipped: number;
                                created: number;
                                updated: number;
                                unchanged: number;
                                /** @description the first 1000 bad rows: line (header = 1) and reason (with its code and values), never the value */
                                errors: {
                                    line: number;
                                    reason: string;
                                    /** @description `reason` as a stable code, e.g. `import.category_unknown`; `text` when none */
                                    code?: string;
                                    params?: {
                                        [key: string]: unknown;
                                    };
                                }[];
                                errorCount: number;
                                /** @description lines per outcome (the first 1000 of each); on a dry run, what a real run would do */
                                lines: {
                                    created: number[];
                                    updated: number[];
                                    unchanged: number[];
                                };
                            };
                            error: string | null;
                            createdAt: string;
                            finishedAt: string | null;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An import job: status, progress (percent) and report */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            status: "queued" | "running" | "succeeded" | "failed";
                            phase: "queued" | "validating" | "writing" | "done";
                            fileName: string;
                            format: ("csv" | "xlsx") | null;
                            encoding: ("utf-8" | "gb18030" | "utf-16le" | "utf-16be") | null;
                            dryRun: boolean;
                            skipInvalid: boolean;
                            totalRows: number | null;
                            processedRows: number;
                            percent: number;
                            report: {
                                valid: number;
                                invalid: number;
                                /** @description exported rows that no longer apply (status released, rejected, expired) */
                                skipped: number;
                                created: number;
                                updated: number;
                                unchanged: number;
                                /** @description the first 1000 bad rows: line (header = 1) and reason (with its code and values), never the value */
                                errors: {
                                    line: number;
                                    reason: string;
                                    /** @description `reason` as a stable code, e.g. `import.category_unknown`; `text` when none */
                                    code?: string;
                                    params?: {
                                        [key: string]: unknown;
                                    };
                                }[];
                                errorCount: number;
                                /** @description lines per outcome (the first 1000 of each); on a dry run, what a real run would do */
                                lines: {
                                    created: number[];
                                    updated: number[];
                                    unchanged: number[];
                                };
                            };
                            error: string | null;
                            createdAt: string;
                            finishedAt: string | null;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `NOT_FOUND`: No such resource */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/blocklist/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export entries as CSV or XLSX (streamed), with the import’s column names
         * @description The import's columns plus source_name (a rule's name), created_at, created_by, released_at and release_reason (ignored by the import, so an export imports back as a no-op). CSV: a cell a spreadsheet could run as a formula (after any leading whitespace — spaces, U+3000, line breaks — an =, +, - or @; or a leading tab or CR) gets a leading `'`, which the import strips; E.164 phone numbers therefore appear as `'+86…`. XLSX: such cells are text cells in the Text format, with no visible quote.
         */
        get: {
            parameters: {
                query?: {
                    format?: "csv" | "xlsx";
                    status?: "pending" | "scheduled" | "active" | "expired" | "released" | "rejected" | "review_due";
                    category?: string;
                    level?: 1 | 2 | 3;
                    source?: string;
                    /** @description owner user id, or `me` */
                    owner?: string;
                    /** @description type:value, e.g. phone:13800138000 */
                    identifier?: string;
                    customerId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The entries, streamed as the format asks */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/screen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Screen one inbound message
         * @description Answers after the message is durably recorded (`recorded: true`); when the database cannot take the record, the decision made in memory is still answered, with `recorded: false`. A message that opts out or in is answered 503 RECORD_UNAVAILABLE instead when its consent cannot be saved. `decision` is allow, block, limit, restrict, drop, spam or quarantine; every reason is listed.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        channel: "sms" | "voice" | "email" | "chat" | "app" | "social";
                        source?: string | null;
                        /** @description Identifier type → value, e.g. {"phone": "+86 138 0013 8000"} */
                        from: {
                            phone?: string;
                            email?: string;
                            user_id?: string;
                            device_id?: string;
                            open_id?: string;
                            ip?: string;
                        };
                        text: string;
                        sessionId?: string | null;
                        /** Format: date-time */
                        receivedAt?: string;
                        externalId?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            messageId: string;
                            decision: string;
                            reasons: {
                                kind: string;
                                id?: string;
                                name?: string;
                                detail: string;
                                mode?: string;
                                /** @description `detail` as a stable code (`screen.rule` with `params.details`, `blocklist.full_block`, `blocklist.over_limit`, `screen.opt_out` …); `text` when it has none */
                                code?: string;
                                /** @description The values `code` is worded with */
                                params?: {
                                    [key: string]: unknown;
                                };
                            }[];
                            actions: {
                                autoReply: string | null;
                                tags: string[];
                                route: string | null;
                                priority: string | null;
                            };
                            customer: {
                                id: string;
                                tier: string;
                            } | null;
                            complaint: {
                                id: string;
                                severity: number;
                                priority: string;
                            } | null;
                            /** @description True once the message is durably recorded. False during a database outage: the decision still holds, but the message is not in the history and no complaint was made from it. */
                            recorded: boolean;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/screen/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Screen up to 1,000 messages in order
         * @description Each message is screened in order (counters see the earlier ones). A message with a bad identifier gets an `error` item instead of a result; the others are screened.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        messages: {
                            channel: "sms" | "voice" | "email" | "chat" | "app" | "social";
                            source?: string | null;
                            /** @description Identifier type → value, e.g. {"phone": "+86 138 0013 8000"} */
                            from: {
                                phone?: string;
                                email?: string;
                                user_id?: string;
                                device_id?: string;
                                open_id?: string;
                                ip?: string;
                            };
                            text: string;
                            sessionId?: string | null;
                            /** Format: date-time */
                            receivedAt?: string;
                            externalId?: string | null;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description One per message, in order */
                            results: ({
                                messageId: string;
                                decision: string;
                                reasons: {
                                    kind: string;
                                    id?: string;
                                    name?: string;
                                    detail: string;
                                    mode?: string;
                                    /** @description `detail` as a stable code (`screen.rule` with `params.details`, `blocklist.full_block`, `blocklist.over_limit`, `screen.opt_out` …); `text` when it has none */
                                    code?: string;
                                    /** @description The values `code` is worded with */
                                    params?: {
                                        [key: string]: unknown;
                                    };
                                }[];
                                actions: {
                                    autoReply: string | null;
                                    tags: string[];
                                    route: string | null;
                                    priority: string | null;
                                };
                                customer: {
                                    id: string;
                                    tier: string;
                                } | null;
                                complaint: {
                                    id: string;
                                    severity: number;
                                    priority: string;
                                } | null;
                                /** @description True once the message is durably recorded. False during a database outage: the decision still holds, but the message is not in the history and no complaint was made from it. */
                                recorded: boolean;
                            } | {
                                error: {
                                    /**
                                     * @description Stable error code; see the response descriptions for which each status carries
                                     * @enum {string}
                                     */
                                    code: "VALIDATION_FAILED" | "MALFORMED_JSON" | "UNSUPPORTED_MEDIA_TYPE" | "PAYLOAD_TOO_LARGE" | "NOT_FOUND" | "ROUTE_NOT_FOUND" | "METHOD_NOT_ALLOWED" | "RATE_LIMITED" | "INTERNAL" | "SERVICE_UNAVAILABLE" | "INVALID_TIME_ZONE" | "DATABASE_UNAVAILABLE" | "UNAUTHENTICATED" | "INVALID_CREDENTIALS" | "LOGIN_THROTTLED" | "FORBIDDEN" | "USER_EXISTS" | "USER_NOT_FOUND" | "API_KEY_NOT_FOUND" | "SETUP_TOKEN_INVALID" | "WEAK_PASSWORD" | "SCOPE_OUTSIDE_ROLE" | "GRANT_EXCEEDS_OWN" | "LAST_ADMIN" | "INVALID_IDENTIFIER" | "IDENTIFIER_CONFLICT" | "CUSTOMER_NOT_FOUND" | "CUSTOMER_ERASED" | "EXTERNAL_ID_TAKEN" | "BLOCKLIST_ENTRY_NOT_FOUND" | "BLOCKLIST_ENTRY_EXISTS" | "BLOCKLIST_ENTRY_CLOSED" | "BLOCKLIST_ENTRY_NOT_PENDING" | "EXEMPTION_NOT_FOUND" | "UNKNOWN_CATEGORY" | "CATEGORY_EXISTS" | "CONFIRMATION_REQUIRED" | "IMPORT_NOT_FOUND" | "IMPORT_INVALID" | "IMPORT_FILE_INVALID" | "IMPORT_UNSUPPORTED_FORMAT" | "IMPORT_FILE_LIMIT" | "UNKNOWN_RELEASE_REASON" | "RULE_NOT_FOUND" | "REGEX_UNSAFE" | "RECORD_UNAVAILABLE" | "COMPLAINT_NOT_FOUND" | "COMPLAINT_TRANSITION_INVALID" | "WINBACK_CASE_NOT_FOUND" | "WINBACK_ENTRY_NOT_RELEASED" | "WINBACK_CASE_EXISTS" | "BACKUP_UNSUPPORTED" | "COMPLAINT_CATEGORY_BUILTIN" | "UNKNOWN_COMPLAINT_CATEGORY" | "SETTINGS_VERSION_CONFLICT" | "AUDIT_CHAIN_BROKEN";
                                    detail: string;
                                    errors: {
                                        field: string;
                                        message: string;
                                    }[];
                                };
                            })[];
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/outbound/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * May we send this (purpose, channel) to this recipient?
         * @description Marketing is refused to opted-out, level-1 blocked or channel-restricted recipients and beyond the per-recipient frequency cap. A check is not a send: asking changes nothing, and the cap counts only sends reported to Warden — `"send": true` here records one when the answer is allowed (`sent: true` in the answer), or report it afterwards with `POST /outbound/sent`. Transactional messages are always allowed but the reasons still list what applies.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Identifier type → value, e.g. {"phone": "+86 138 0013 8000"} */
                        to: {
                            phone?: string;
                            email?: string;
                            user_id?: string;
                            device_id?: string;
                            open_id?: string;
                            ip?: string;
                        };
                        channel: "sms" | "voice" | "email" | "chat" | "app" | "social";
                        purpose: "marketing" | "transactional";
                        /** @description the message goes out if allowed: count it against the cap (default false) */
                        send?: boolean;
                        /**
                         * @deprecated
                         * @description deprecated name of `send`
                         */
                        count?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allowed: boolean;
                            reasons: {
                                kind: string;
                                detail: string;
                                entryId?: string;
                            }[];
                            /** @description a send was recorded against the cap */
                            sent: boolean;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/outbound/sent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Report a message as sent, so it counts against the marketing cap
         * @description For a team that checks first and sends later (or sends without a check): a marketing send counts against the recipient’s frequency cap from now on; a transactional one is not counted.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Identifier type → value, e.g. {"phone": "+86 138 0013 8000"} */
                        to: {
                            phone?: string;
                            email?: string;
                            user_id?: string;
                            device_id?: string;
                            open_id?: string;
                            ip?: string;
                        };
                        channel: "sms" | "voice" | "email" | "chat" | "app" | "social";
                        purpose: "marketing" | "transactional";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            counted: boolean;
                            sentInWindow: number;
                            cap: {
                                max: number;
                                windowSeconds: number;
                            };
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/consents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Consent records of an identifier */
        get: {
            parameters: {
                query: {
                    identifier: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                identifier: {
                                    type: "phone" | "email" | "user_id" | "device_id" | "open_id" | "ip" | "email_domain" | "phone_prefix";
                                    value: string;
                                };
                                /** @enum {string} */
                                purpose: "marketing";
                                status: "opted_in" | "opted_out";
                                /** @description How it was given: `inbound_keyword` is a STOP / 退订 reply */
                                method: "inbound_keyword" | "console" | "api" | "import";
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /** Set marketing consent for an identifier */
        put: {
            parameters: {
                query: {
                    identifier: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        purpose?: "marketing";
                        status: "opted_in" | "opted_out";
                        method?: "console" | "api" | "import";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            identifier: {
                                type: "phone" | "email" | "user_id" | "device_id" | "open_id" | "ip" | "email_domain" | "phone_prefix";
                                value: string;
                            };
                            /** @enum {string} */
                            purpose: "marketing";
                            status: "opted_in" | "opted_out";
                            /** @description How it was given: `inbound_keyword` is a STOP / 退订 reply */
                            method: "inbound_keyword" | "console" | "api" | "import";
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Screened messages, newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description the `nextCursor` of the previous page */
                    cursor?: string;
                    decision?: string;
                    channel?: "sms" | "voice" | "email" | "chat" | "app" | "social";
                    customerId?: string;
                    identifier?: string;
                    ruleId?: string;
                    mark?: "spam" | "not_spam" | "invalid" | "unmarked";
                    from?: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                receivedAt: string;
                                channel: string;
                                source: string | null;
                                customerId: string | null;
                                from: {
                                    type: string;
                                    value: string;
                                }[];
                                text: string;
                                decision: string;
                                reasons: {
                                    kind: string;
                                    id?: string;
                                    name?: string;
                                    detail: string;
                                    mode?: string;
                                    /** @description `detail` as a stable code (`screen.rule` with `params.details`, `blocklist.full_block`, `blocklist.over_limit`, `screen.opt_out` …); `text` when it has none */
                                    code?: string;
                                    /** @description The values `code` is worded with */
                                    params?: {
                                        [key: string]: unknown;
                                    };
                                }[];
                                actions: {
                                    autoReply: string | null;
                                    tags: string[];
                                    route: string | null;
                                    priority: string | null;
                                };
                                externalId: string | null;
                                sessionId: string | null;
                                complaintId: string | null;
                                mark: string | null;
                                markedBy: string | null;
                                markedAt: string | null;
                                customer?: {
                                    id: string;
                                    name: string | null;
                                    contact: string | null;
                                    tier: string;
                                    /** @description VIP tier, marked protected, or lifetime value above the threshold */
                                    keyCustomer: boolean;
                                } | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/messages/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One screened message */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            receivedAt: string;
                            channel: string;
                            source: string | null;
                            customerId: string | null;
                            from: {
                                type: string;
                                value: string;
                            }[];
                            text: string;
                            decision: string;
                            reasons: {
                                kind: string;
                                id?: string;
                                name?: string;
                                detail: string;
                                mode?: string;
                                /** @description `detail` as a stable code (`screen.rule` with `params.details`, `blocklist.full_block`, `blocklist.over_limit`, `screen.opt_out` …); `text` when it has none */
                                code?: string;
                                /** @description The values `code` is worded with */
                                params?: {
                                    [key: string]: unknown;
                                };
                            }[];
                            actions: {
                                autoReply: string | null;
                                tags: string[];
                                route: string | null;
                                priority: string | null;
                            };
                            externalId: string | null;
                            sessionId: string | null;
                            complaintId: string | null;
                            mark: string | null;
                            markedBy: string | null;
                            markedAt: string | null;
                            customer?: {
                                id: string;
                                name: string | null;
                                contact: string | null;
                                tier: string;
                                /** @description VIP tier, marked protected, or lifetime value above the threshold */
                                keyCustomer: boolean;
                            } | null;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `NOT_FOUND`: No such resource */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/messages/{id}/marks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** An agent's mark: spam, not_spam or invalid (teaches the spam model) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        mark: "spam" | "not_spam" | "invalid";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            receivedAt: string;
                            channel: string;
                            source: string | null;
                            customerId: string | null;
                            from: {
                                type: string;
                                value: string;
                            }[];
                            text: string;
                            decision: string;
                            reasons: {
                                kind: string;
                                id?: string;
                                name?: string;
                                detail: string;
                                mode?: string;
                                /** @description `detail` as a stable code (`screen.rule` with `params.details`, `blocklist.full_block`, `blocklist.over_limit`, `screen.opt_out` …); `text` when it has none */
                                code?: string;
                                /** @description The values `code` is worded with */
                                params?: {
                                    [key: string]: unknown;
                                };
                            }[];
                            actions: {
                                autoReply: string | null;
                                tags: string[];
                                route: string | null;
                                priority: string | null;
                            };
                            externalId: string | null;
                            sessionId: string | null;
                            complaintId: string | null;
                            mark: string | null;
                            markedBy: string | null;
                            markedAt: string | null;
                            customer?: {
                                id: string;
                                name: string | null;
                                contact: string | null;
                                tier: string;
                                /** @description VIP tier, marked protected, or lifetime value above the threshold */
                                keyCustomer: boolean;
                            } | null;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `NOT_FOUND`: No such resource */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Alerts, newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    cursor?: string;
                    status?: "open" | "acked";
                    kind?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: ({
                                id: string;
                                kind: string;
                                severity: string;
                                /** @description In English, for API users; `message` is the same as a code */
                                title: string;
                                /** @description The same thing as the English text beside it, as a code and values */
                                message: {
                                    /** @description Stable code, e.g. `rule.message_count`, `blocklist.rule_added`, `alert.surge`, `delivery.not_configured`; `text` when the words are a person's own (then `params.text`) */
                                    code: string;
                                    /** @description The values the code is worded with */
                                    params: {
                                        [key: string]: unknown;
                                    };
                                };
                                detail: {
                                    [key: string]: unknown;
                                };
                                target: {
                                    type: string | null;
                                    id: string | null;
                                };
                                status: string;
                                createdAt: string;
                                ackedAt: string | null;
                                ackedBy: string | null;
                            } & {
                                [key: string]: unknown;
                            })[];
                            nextCursor: string | null;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alerts/ack": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Acknowledge several alerts at once, all or none (an unknown id answers 404 and changes nothing) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        ids: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: ({
                                id: string;
                                kind: string;
                                severity: string;
                                /** @description In English, for API users; `message` is the same as a code */
                                title: string;
                                /** @description The same thing as the English text beside it, as a code and values */
                                message: {
                                    /** @description Stable code, e.g. `rule.message_count`, `blocklist.rule_added`, `alert.surge`, `delivery.not_configured`; `text` when the words are a person's own (then `params.text`) */
                                    code: string;
                                    /** @description The values the code is worded with */
                                    params: {
                                        [key: string]: unknown;
                                    };
                                };
                                detail: {
                                    [key: string]: unknown;
                                };
                                target: {
                                    type: string | null;
                                    id: string | null;
                                };
                                status: string;
                                createdAt: string;
                                ackedAt: string | null;
                                ackedBy: string | null;
                            } & {
                                [key: string]: unknown;
                            })[];
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `NOT_FOUND`: No such resource */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alerts/{id}/ack": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Acknowledge an alert */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            kind: string;
                            severity: string;
                            /** @description In English, for API users; `message` is the same as a code */
                            title: string;
                            /** @description The same thing as the English text beside it, as a code and values */
                            message: {
                                /** @description Stable code, e.g. `rule.message_count`, `blocklist.rule_added`, `alert.surge`, `delivery.not_configured`; `text` when the words are a person's own (then `params.text`) */
                                code: string;
                                /** @description The values the code is worded with */
                                params: {
                                    [key: string]: unknown;
                                };
                            };
                            detail: {
                                [key: string]: unknown;
                            };
                            target: {
                                type: string | null;
                                id: string | null;
                            };
                            status: string;
                            createdAt: string;
                            ackedAt: string | null;
                            ackedBy: string | null;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `NOT_FOUND`: No such resource */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Filter and watch rules, highest priority first */
        get: {
            parameters: {
                query?: {
                    stage?: "filter" | "watch";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                name: string;
                                stage: "filter" | "watch";
                                /** @description `shadow` (the default for a new rule) records hits without acting; `enforce` acts */
                                mode: "enforce" | "shadow";
                                enabled: boolean;
                                /** @description Higher runs first */
                                priority: number;
                                /** @description A condition tree: all / any / not over the leaves of DESIGN.md */
                                conditions: {
                                    [key: string]: unknown;
                                };
                                actions: ({
                                    type: "reject" | "drop" | "mark_spam" | "quarantine" | "auto_reply" | "tag" | "route" | "set_priority" | "add_to_blocklist" | "notify";
                                } & {
                                    [key: string]: unknown;
                                })[];
                                /** @description Bumped on each change */
                                version: number;
                                createdBy: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create a rule (takes effect on the next message) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        stage: "filter" | "watch";
                        /** @description `shadow` (the default for a new rule) records hits without acting; `enforce` acts */
                        mode?: "enforce" | "shadow";
                        enabled?: boolean;
                        priority?: number;
                        /** @description A condition tree: all / any / not over the leaves of DESIGN.md */
                        conditions: {
                            [key: string]: unknown;
                        };
                        actions: ({
                            type: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            stage: "filter" | "watch";
                            /** @description `shadow` (the default for a new rule) records hits without acting; `enforce` acts */
                            mode: "enforce" | "shadow";
                            enabled: boolean;
                            /** @description Higher runs first */
                            priority: number;
                            /** @description A condition tree: all / any / not over the leaves of DESIGN.md */
                            conditions: {
                                [key: string]: unknown;
                            };
                            actions: ({
                                type: "reject" | "drop" | "mark_spam" | "quarantine" | "auto_reply" | "tag" | "route" | "set_priority" | "add_to_blocklist" | "notify";
                            } & {
                                [key: string]: unknown;
                            })[];
                            /** @description Bumped on each change */
                            version: number;
                            createdBy: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rules/trial": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Try a draft over stored messages of a period: how many and which would match */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        rule: {
                            name: string;
                            stage: "filter" | "watch";
                            /** @description `shadow` (the default for a new rule) records hits without acting; `enforce` acts */
                            mode?: "enforce" | "shadow";
                            enabled?: boolean;
                            priority?: number;
                            /** @description A condition tree: all / any / not over the leaves of DESIGN.md */
                            conditions: {
                                [key: string]: unknown;
                            };
                            actions: ({
                                type: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        };
                        /** Format: date-time */
                        from?: string;
                        /** Format: date-time */
                        to?: string;
                        samples?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            scanned: number;
                            matched: number;
                            /** @description The scan stopped at its limit before the end of the period */
                            truncated: boolean;
                            samples: {
                                messageId: string;
                                /** Format: date-time */
                                receivedAt: string;
                                channel: string;
                                decision: string;
                                text: string;
                                details: string[];
                            }[];
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One rule */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            stage: "filter" | "watch";
                            /** @description `shadow` (the default for a new rule) records hits without acting; `enforce` acts */
                            mode: "enforce" | "shadow";
                            enabled: boolean;
                            /** @description Higher runs first */
                            priority: number;
                            /** @description A condition tree: all / any / not over the leaves of DESIGN.md */
                            conditions: {
                                [key: string]: unknown;
                            };
                            actions: ({
                                type: "reject" | "drop" | "mark_spam" | "quarantine" | "auto_reply" | "tag" | "route" | "set_priority" | "add_to_blocklist" | "notify";
                            } & {
                                [key: string]: unknown;
                            })[];
                            /** @description Bumped on each change */
                            version: number;
                            createdBy: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `NOT_FOUND`: No such resource */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a rule (its hits stay in the statistics) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `NOT_FOUND`: No such resource */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a rule (e.g. switch shadow ↔ enforce, enable/disable) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        stage?: "filter" | "watch";
                        /** @description `shadow` (the default for a new rule) records hits without acting; `enforce` acts */
                        mode?: "enforce" | "shadow";
                        enabled?: boolean;
                        priority?: number;
                        /** @description A condition tree: all / any / not over the leaves of DESIGN.md */
                        conditions?: {
                            [key: string]: unknown;
                        };
                        actions?: ({
                            type: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            stage: "filter" | "watch";
                            /** @description `shadow` (the default for a new rule) records hits without acting; `enforce` acts */
                            mode: "enforce" | "shadow";
                            enabled: boolean;
                            /** @description Higher runs first */
                            priority: number;
                            /** @description A condition tree: all / any / not over the leaves of DESIGN.md */
                            conditions: {
                                [key: string]: unknown;
                            };
                            actions: ({
                                type: "reject" | "drop" | "mark_spam" | "quarantine" | "auto_reply" | "tag" | "route" | "set_priority" | "add_to_blocklist" | "notify";
                            } & {
                                [key: string]: unknown;
                            })[];
                            /** @description Bumped on each change */
                            version: number;
                            createdBy: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `NOT_FOUND`: No such resource */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/rules/{id}/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Hits (enforced vs shadow) and precision from agents’ marks */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    to?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ruleId: string;
                            name: string;
                            hits: number;
                            enforced: number;
                            shadow: number;
                            marks: {
                                spam: number;
                                notSpam: number;
                                invalid: number;
                            };
                            precision: number | null;
                            /** @description Many false positives: ≥ 5 marked hits and precision under 0.7 */
                            flagged: boolean;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `NOT_FOUND`: No such resource */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analyze": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sentiment, risk words, complaint intent, category and spam score of a text; records nothing */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        text: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            sentiment: number;
                            riskWords: string[];
                            /** @description complaint signals found, by kind (threat, safety, regulator, media, legal, complaint, demand, refund, fault, service, dissatisfaction) */
                            signals: {
                                kind: string;
                                word: string;
                            }[];
                            complaint: boolean;
                            category: string | null;
                            spamScore: number;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analyze/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The same for up to 1,000 texts, answered in order */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        texts: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            results: {
                                sentiment: number;
                                riskWords: string[];
                                /** @description complaint signals found, by kind (threat, safety, regulator, media, legal, complaint, demand, refund, fault, service, dissatisfaction) */
                                signals: {
                                    kind: string;
                                    word: string;
                                }[];
                                complaint: boolean;
                                category: string | null;
                                spamScore: number;
                            }[];
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/complaints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The queue: by priority, then severity (high first), then age (oldest first) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description the `nextCursor` of the previous page: priority, severity, creation time (ms) and id of its last complaint */
                    cursor?: string;
                    status?: ("received" | "processing" | "resolved" | "closed" | "reopened") | "open";
                    team?: string;
                    queue?: string;
                    priority?: "P1" | "P2" | "P3" | "P4";
                    channel?: "sms" | "voice" | "email" | "chat" | "app" | "social" | "phone";
                    /** @description a built-in category (logistics, after_sales, …, other) or the key of one added in settings */
                    category?: string;
                    customerId?: string;
                    /** @description true: only complaints with a message from a blocked, rate-limited or channel-restricted sender; false: only the others */
                    fromBlockedSender?: boolean;
                    /** @description A user id; `none` for the unassigned; `me` for the signed-in user */
                    assignee?: string;
                    /** @description `overdue`: past its SLA; `soon`: due within the next two hours; open complaints unless `status` says otherwise */
                    due?: "overdue" | "soon";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                customerId: string | null;
                                channel: string;
                                channels: string[];
                                category: string;
                                sentiment: number;
                                riskWords: string[];
                                severity: number;
                                factors: {
                                    name: string;
                                    points: number;
                                    detail: string;
                                }[];
                                priority: "P1" | "P2" | "P3" | "P4";
                                team: string;
                                queue: string;
                                assigneeId: string | null;
                                status: "received" | "processing" | "resolved" | "closed" | "reopened";
                                orderId: string | null;
                                text: string;
                                messageCount: number;
                                locale: string;
                                slaDueAt: string;
                                escalatedAt: string | null;
                                resolvedAt: string | null;
                                createdAt: string;
                                updatedAt: string;
                                reference: string | null;
                                /** @description a message of it came from a blocked, rate-limited or channel-restricted sender */
                                fromBlockedSender: boolean;
                                customer?: {
                                    id: string;
                                    name: string | null;
                                    contact: string | null;
                                    tier: string;
                                    /** @description VIP tier, marked protected, or lifetime value above the threshold */
                                    keyCustomer: boolean;
                                } | null;
                                assigneeName?: string | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Log a complaint directly (e.g. a call); joins the open one of the same customer and category */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        channel: "sms" | "voice" | "email" | "chat" | "app" | "social" | "phone";
                        /** @description Identifier type → value, e.g. {"phone": "+86 138 0013 8000"} */
                        from: {
                            phone?: string;
                            email?: string;
                            user_id?: string;
                            device_id?: string;
                            open_id?: string;
                            ip?: string;
                        };
                        text: string;
                        category?: string | null;
                        orderId?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            customerId: string | null;
                            channel: string;
                            channels: string[];
                            category: string;
                            sentiment: number;
                            riskWords: string[];
                            severity: number;
                            factors: {
                                name: string;
                                points: number;
                                detail: string;
                            }[];
                            priority: "P1" | "P2" | "P3" | "P4";
                            team: string;
                            queue: string;
                            assigneeId: string | null;
                            status: "received" | "processing" | "resolved" | "closed" | "reopened";
                            orderId: string | null;
                            text: string;
                            messageCount: number;
                            locale: string;
                            slaDueAt: string;
                            escalatedAt: string | null;
                            resolvedAt: string | null;
                            createdAt: string;
                            updatedAt: string;
                            reference: string | null;
                            /** @description a message of it came from a blocked, rate-limited or channel-restricted sender */
                            fromBlockedSender: boolean;
                            customer?: {
                                id: string;
                                name: string | null;
                                contact: string | null;
                                tier: string;
                                /** @description VIP tier, marked protected, or lifetime value above the threshold */
                                keyCustomer: boolean;
                            } | null;
                            assigneeName?: string | null;
                        } & {
                            timeline: {
                                at: string;
                                kind: string;
                                actor: {
                                    type: string;
                                    id: string | null;
                                };
                                detail: {
                                    [key: string]: unknown;
                                };
                                note: string | null;
                            }[];
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/complaints/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Complaint categories in force: the built-ins and the team's own, with labels and teams */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                key: string;
                                builtIn: boolean;
                                enabled: boolean;
                                team: string;
                                label: {
                                    "zh-CN": string;
                                    en: string;
                                } | null;
                            }[];
                        };
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/complaints/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Assign several complaints to one person (or unassign them with null), all or none
         * @description An unknown complaint or user answers 404 and changes nothing. Each complaint gets its own event and audit entry.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        ids: string[];
                        assigneeId: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                customerId: string | null;
                                channel: string;
                                channels: string[];
                                category: string;
                                sentiment: number;
                                riskWords: string[];
                                severity: number;
                                factors: {
                                    name: string;
                                    points: number;
                                    detail: string;
                                }[];
                                priority: "P1" | "P2" | "P3" | "P4";
                                team: string;
                                queue: string;
                                assigneeId: string | null;
                                status: "received" | "processing" | "resolved" | "closed" | "reopened";
                                orderId: string | null;
                                text: string;
                                messageCount: number;
                                locale: string;
                                slaDueAt: string;
                                escalatedAt: string | null;
                                resolvedAt: string | null;
                                createdAt: string;
                                updatedAt: string;
                                reference: string | null;
                                /** @description a message of it came from a blocked, rate-limited or channel-restricted sender */
                                fromBlockedSender: boolean;
                                customer?: {
                                    id: string;
                                    name: string | null;
                                    contact: string | null;
                                    tier: string;
                                    /** @description VIP tier, marked protected, or lifetime value above the threshold */
                                    keyCustomer: boolean;
                                } | null;
                                assigneeName?: string | null;
                            }[];
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `COMPLAINT_NOT_FOUND`: No such complaint; `USER_NOT_FOUND`: No such user */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/complaints/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A complaint with its severity factors and timeline (events and notifications) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            customerId: string | null;
                            channel: string;
                            channels: string[];
                            category: string;
                            sentiment: number;
                            riskWords: string[];
                            severity: number;
                            factors: {
                                name: string;
                                points: number;
                                detail: string;
                            }[];
                            priority: "P1" | "P2" | "P3" | "P4";
                            team: string;
                            queue: string;
                            assigneeId: string | null;
                            status: "received" | "processing" | "resolved" | "closed" | "reopened";
                            orderId: string | null;
                            text: string;
                            messageCount: number;
                            locale: string;
                            slaDueAt: string;
                            escalatedAt: string | null;
                            resolvedAt: string | null;
                            createdAt: string;
                            updatedAt: string;
                            reference: string | null;
                            /** @description a message of it came from a blocked, rate-limited or channel-restricted sender */
                            fromBlockedSender: boolean;
                            customer?: {
                                id: string;
                                name: string | null;
                                contact: string | null;
                                tier: string;
                                /** @description VIP tier, marked protected, or lifetime value above the threshold */
                                keyCustomer: boolean;
                            } | null;
                            assigneeName?: string | null;
                        } & {
                            timeline: {
                                at: string;
                                kind: string;
                                actor: {
                                    type: string;
                                    id: string | null;
                                };
                                detail: {
                                    [key: string]: unknown;
                                };
                                note: string | null;
                            }[];
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `NOT_FOUND`: No such resource */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Assign, move status (received → processing → resolved → closed; reopened), add a note
         * @description A status move the lifecycle does not allow answers 409 COMPLAINT_TRANSITION_INVALID. Moving to processing or resolved notifies the customer.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        assigneeId?: string | null;
                        status?: "received" | "processing" | "resolved" | "closed" | "reopened";
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            customerId: string | null;
                            channel: string;
                            channels: string[];
                            category: string;
                            sentiment: number;
                            riskWords: string[];
                            severity: number;
                            factors: {
                                name: string;
                                points: number;
                                detail: string;
                            }[];
                            priority: "P1" | "P2" | "P3" | "P4";
                            team: string;
                            queue: string;
                            assigneeId: string | null;
                            status: "received" | "processing" | "resolved" | "closed" | "reopened";
                            orderId: string | null;
                            text: string;
                            messageCount: number;
                            locale: string;
                            slaDueAt: string;
                            escalatedAt: string | null;
                            resolvedAt: string | null;
                            createdAt: string;
                            updatedAt: string;
                            reference: string | null;
                            /** @description a message of it came from a blocked, rate-limited or channel-restricted sender */
                            fromBlockedSender: boolean;
                            customer?: {
                                id: string;
                                name: string | null;
                                contact: string | null;
                                tier: string;
                                /** @description VIP tier, marked protected, or lifetime value above the threshold */
                                keyCustomer: boolean;
                            } | null;
                            assigneeName?: string | null;
                        } & {
                            timeline: {
                                at: string;
                                kind: string;
                                actor: {
                                    type: string;
                                    id: string | null;
                                };
                                detail: {
                                    [key: string]: unknown;
                                };
                                note: string | null;
                            }[];
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `NOT_FOUND`: No such resource */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/analytics/complaints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Complaints per day by category, channel and priority; SLA met; top risk words; repeat complainants */
        get: {
            parameters: {
                query?: {
                    /** @description Days up to and including today; 30 */
                    days?: number;
                    /**
                     * @description IANA time zone whose calendar days are counted, e.g. `Asia/Shanghai` (a message at 17:30 UTC counts on the next day there); UTC when left out. An unknown zone: 400 `INVALID_TIME_ZONE`.
                     * @example Asia/Shanghai
                     */
                    timeZone?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            days: number;
                            total: number;
                            perDay: {
                                day: string;
                                total: number;
                                byCategory: {
                                    [key: string]: number;
                                };
                                byChannel: {
                                    [key: string]: number;
                                };
                                byPriority: {
                                    [key: string]: number;
                                };
                            }[];
                            sla: {
                                resolved: number;
                                met: number;
                                metPercent: number | null;
                            };
                            topRiskWords: {
                                word: string;
                                count: number;
                            }[];
                            repeatComplainants: {
                                count: number;
                                customerIds: string[];
                            };
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/erase": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Erase a customer's personal data: name, attributes, identifier values, message and complaint texts. Blind indexes stay, so blocks and opt-outs keep holding. Audited with the reason. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            customerId: string;
                            erasedAt: string;
                            /** @description identifiers whose values were removed (their blind indexes stay) */
                            identifiers: number;
                            /** @description blocklist entries whose target value was removed; they still hold */
                            entries: number;
                            messages: number;
                            complaints: number;
                            consents: number;
                            notifications: number;
                            /** @description win-back cases whose script and notes were removed */
                            winbackCases: number;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `NOT_FOUND`: No such resource */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Everything held about a customer (subject access): profile, identifiers, blocklist entries with history, messages, complaints with timelines, win-back cases, consents. Audited. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            exportedAt: string;
                            customer: {
                                id: string;
                                externalId: string | null;
                                name: string | null;
                                tier: string;
                                lifetimeValue: number;
                                protected: boolean;
                                attributes: {
                                    [key: string]: unknown;
                                };
                                identifiers: {
                                    type: "phone" | "email" | "user_id" | "device_id" | "open_id" | "ip" | "email_domain" | "phone_prefix";
                                    value: string;
                                }[];
                                createdAt: string;
                                updatedAt: string;
                                erasedAt: string | null;
                            };
                            blocklist: unknown[];
                            messages: unknown[];
                            complaints: unknown[];
                            /** @description win-back cases, with script and notes */
                            winback: unknown[];
                            consents: {
                                identifierType: string;
                                identifier: string;
                                purpose: string;
                                status: string;
                                method: string;
                                updatedAt: string;
                            }[];
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `NOT_FOUND`: No such resource */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/retention/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Dry run of retention: how many rows of each kind the next daily run would delete */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            kinds: {
                                kind: "messages" | "entries" | "complaints" | "auditReads";
                                days: number | null;
                                before: string | null;
                                /** @description rows the next run would delete (audit reads: empty) */
                                count: number;
                            }[];
                        };
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/backups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Backup status: schedule, the backups kept (newest first), the last error */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description false on PostgreSQL: use pg_dump */
                            supported: boolean;
                            /** @description `off`, `hourly` or `daily@HH` (UTC) */
                            schedule: string;
                            keep: number;
                            dir: string;
                            last: {
                                name: string;
                                path: string;
                                bytes: number;
                                at: string;
                            } | null;
                            backups: {
                                name: string;
                                path: string;
                                bytes: number;
                                at: string;
                            }[];
                            lastError: {
                                at: string;
                                message: string;
                            } | null;
                            nextDueAt: string | null;
                        };
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Take a backup now (SQLite online backup while the service runs; 409 on PostgreSQL) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            name: string;
                            path: string;
                            bytes: number;
                            at: string;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settings/complaints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Complaint settings in force, with their version */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            section: string;
                            /** @description 0 until the first change; each change adds one */
                            version: number;
                            updatedAt: string | null;
                            updatedBy: string | null;
                            /** @description Risk words per signal kind, categories (team and words), routing and SLA hours, severity weights, first answers and customer notification templates. */
                            settings: {
                                riskWords: {
                                    add: {
                                        threat: string[];
                                        safety: string[];
                                        regulator: string[];
                                        media: string[];
                                        legal: string[];
                                        complaint: string[];
                                        demand: string[];
                                        refund: string[];
                                        fault: string[];
                                        service: string[];
                                        dissatisfaction: string[];
                                    };
                                    remove: string[];
                                };
                                /** @description Per category its team, words, enabled and label. Add one of your own under a new key (a-z, 0-9, _; with a zh-CN and en label); remove it by leaving it out. */
                                categories: {
                                    logistics?: {
                                        team: string;
                                        words: string[];
                                        /** @description false: its words place nothing; default true */
                                        enabled?: boolean;
                                        label?: {
                                            "zh-CN": string;
                                            en: string;
                                        };
                                    };
                                    after_sales?: {
                                        team: string;
                                        words: string[];
                                        /** @description false: its words place nothing; default true */
                                        enabled?: boolean;
                                        label?: {
                                            "zh-CN": string;
                                            en: string;
                                        };
                                    };
                                    product_quality?: {
                                        team: string;
                                        words: string[];
                                        /** @description false: its words place nothing; default true */
                                        enabled?: boolean;
                                        label?: {
                                            "zh-CN": string;
                                            en: string;
                                        };
                                    };
                                    billing_refund?: {
                                        team: string;
                                        words: string[];
                                        /** @description false: its words place nothing; default true */
                                        enabled?: boolean;
                                        label?: {
                                            "zh-CN": string;
                                            en: string;
                                        };
                                    };
                                    service_attitude?: {
                                        team: string;
                                        words: string[];
                                        /** @description false: its words place nothing; default true */
                                        enabled?: boolean;
                                        label?: {
                                            "zh-CN": string;
                                            en: string;
                                        };
                                    };
                                    technical?: {
                                        team: string;
                                        words: string[];
                                        /** @description false: its words place nothing; default true */
                                        enabled?: boolean;
                                        label?: {
                                            "zh-CN": string;
                                            en: string;
                                        };
                                    };
                                    other?: {
                                        team: string;
                                        words: string[];
                                        /** @description false: its words place nothing; default true */
                                        enabled?: boolean;
                                        label?: {
                                            "zh-CN": string;
                                            en: string;
                                        };
                                    };
                                } & {
                                    [key: string]: {
                                        team: string;
                                        words: string[];
                                        /** @description false: its words place nothing; default true */
                                        enabled?: boolean;
                                        label: {
                                            "zh-CN": string;
                                            en: string;
                                        };
                                    };
                                };
                                routing: {
                                    seniorTiers: string[];
                                    seniorQueue: string;
                                    slaHours: {
                                        P1: number;
                                        P2: number;
                                        P3: number;
                                        P4: number;
                                    };
                                };
                                severity: {
                                    base: number;
                                    sentiment: {
                                        negativeAt: number;
                                        negativePoints: number;
                                        strongAt: number;
                                        strongPoints: number;
                                    };
                                    riskWords: {
                                        each: number;
                                        cap: number;
                                    };
                                    signals?: {
                                        threat?: number;
                                        safety?: number;
                                        regulator?: number;
                                        media?: number;
                                        legal?: number;
                                        complaint?: number;
                                        demand?: number;
                                        refund?: number;
                                        fault?: number;
                                        service?: number;
                                        dissatisfaction?: number;
                                    };
                                    signalCap?: number;
                                    tiers: {
                                        [key: string]: number;
                                    };
                                    frequency: {
                                        windowDays: number;
                                        atLeast: number;
                                        points: number;
                                        eachMore: number;
                                        cap: number;
                                    };
                                    multiChannel: {
                                        windowDays: number;
                                        atLeast: number;
                                        points: number;
                                    };
                                    waiting: {
                                        halfPoints: number;
                                        overduePoints: number;
                                    };
                                    thresholds: {
                                        P1: number;
                                        P2: number;
                                        P3: number;
                                    };
                                };
                                /** @description First answers per category; a team's own category without one gets other's */
                                autoReplies: {
                                    logistics: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                    after_sales: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                    product_quality: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                    billing_refund: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                    service_attitude: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                    technical: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                    other: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                } & {
                                    [key: string]: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                };
                                notifications: {
                                    referencePrefix: string;
                                    referenceTimeZone: string;
                                    templates: {
                                        "complaint.received": {
                                            "zh-CN": {
                                                subject: string;
                                                text: string;
                                            };
                                            en: {
                                                subject: string;
                                                text: string;
                                            };
                                        };
                                        "complaint.processing": {
                                            "zh-CN": {
                                                subject: string;
                                                text: string;
                                            };
                                            en: {
                                                subject: string;
                                                text: string;
                                            };
                                        };
                                        "complaint.resolved": {
                                            "zh-CN": {
                                                subject: string;
                                                text: string;
                                            };
                                            en: {
                                                subject: string;
                                                text: string;
                                            };
                                        };
                                        "complaint.auto_reply": {
                                            "zh-CN": {
                                                subject: string;
                                                text: string;
                                            };
                                            en: {
                                                subject: string;
                                                text: string;
                                            };
                                        };
                                    };
                                };
                            };
                        };
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /**
         * Replace the complaint settings
         * @description Risk words per signal kind (`add`, `remove`), categories with their team and words, routing and SLA hours per priority, severity weights, first answers per category and customer notification templates (placeholders as in the defaults; `{ref}` is the reference number, e.g. `TS-20261205-0042`). In force on this server when the answer comes, on the others within moments. Audited with every changed field, before and after. With `version`, a change made since answers 409 SETTINGS_VERSION_CONFLICT.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the version this change was made from; a newer stored one answers 409 */
                        version?: number;
                        /** @description Risk words per signal kind, categories (team and words), routing and SLA hours, severity weights, first answers and customer notification templates. */
                        settings: {
                            riskWords: {
                                add: {
                                    threat: string[];
                                    safety: string[];
                                    regulator: string[];
                                    media: string[];
                                    legal: string[];
                                    complaint: string[];
                                    demand: string[];
                                    refund: string[];
                                    fault: string[];
                                    service: string[];
                                    dissatisfaction: string[];
                                };
                                remove: string[];
                            };
                            /** @description Per category its team, words, enabled and label. Add one of your own under a new key (a-z, 0-9, _; with a zh-CN and en label); remove it by leaving it out. */
                            categories: {
                                logistics?: {
                                    team: string;
                                    words: string[];
                                    /** @description false: its words place nothing; default true */
                                    enabled?: boolean;
                                    label?: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                };
                                after_sales?: {
                                    team: string;
                                    words: string[];
                                    /** @description false: its words place nothing; default true */
                                    enabled?: boolean;
                                    label?: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                };
                                product_quality?: {
                                    team: string;
                                    words: string[];
                                    /** @description false: its words place nothing; default true */
                                    enabled?: boolean;
                                    label?: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                };
                                billing_refund?: {
                                    team: string;
                                    words: string[];
                                    /** @description false: its words place nothing; default true */
                                    enabled?: boolean;
                                    label?: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                };
                                service_attitude?: {
                                    team: string;
                                    words: string[];
                                    /** @description false: its words place nothing; default true */
                                    enabled?: boolean;
                                    label?: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                };
                                technical?: {
                                    team: string;
                                    words: string[];
                                    /** @description false: its words place nothing; default true */
                                    enabled?: boolean;
                                    label?: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                };
                                other?: {
                                    team: string;
                                    words: string[];
                                    /** @description false: its words place nothing; default true */
                                    enabled?: boolean;
                                    label?: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                };
                            } & {
                                [key: string]: {
                                    team: string;
                                    words: string[];
                                    /** @description false: its words place nothing; default true */
                                    enabled?: boolean;
                                    label: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                };
                            };
                            routing: {
                                seniorTiers: string[];
                                seniorQueue: string;
                                slaHours: {
                                    P1: number;
                                    P2: number;
                                    P3: number;
                                    P4: number;
                                };
                            };
                            severity: {
                                base: number;
                                sentiment: {
                                    negativeAt: number;
                                    negativePoints: number;
                                    strongAt: number;
                                    strongPoints: number;
                                };
                                riskWords: {
                                    each: number;
                                    cap: number;
                                };
                                signals?: {
                                    threat?: number;
                                    safety?: number;
                                    regulator?: number;
                                    media?: number;
                                    legal?: number;
                                    complaint?: number;
                                    demand?: number;
                                    refund?: number;
                                    fault?: number;
                                    service?: number;
                                    dissatisfaction?: number;
                                };
                                signalCap?: number;
                                tiers: {
                                    [key: string]: number;
                                };
                                frequency: {
                                    windowDays: number;
                                    atLeast: number;
                                    points: number;
                                    eachMore: number;
                                    cap: number;
                                };
                                multiChannel: {
                                    windowDays: number;
                                    atLeast: number;
                                    points: number;
                                };
                                waiting: {
                                    halfPoints: number;
                                    overduePoints: number;
                                };
                                thresholds: {
                                    P1: number;
                                    P2: number;
                                    P3: number;
                                };
                            };
                            /** @description First answers per category; a team's own category without one gets other's */
                            autoReplies: {
                                logistics: {
                                    "zh-CN": string;
                                    en: string;
                                };
                                after_sales: {
                                    "zh-CN": string;
                                    en: string;
                                };
                                product_quality: {
                                    "zh-CN": string;
                                    en: string;
                                };
                                billing_refund: {
                                    "zh-CN": string;
                                    en: string;
                                };
                                service_attitude: {
                                    "zh-CN": string;
                                    en: string;
                                };
                                technical: {
                                    "zh-CN": string;
                                    en: string;
                                };
                                other: {
                                    "zh-CN": string;
                                    en: string;
                                };
                            } & {
                                [key: string]: {
                                    "zh-CN": string;
                                    en: string;
                                };
                            };
                            notifications: {
                                referencePrefix: string;
                                referenceTimeZone: string;
                                templates: {
                                    "complaint.received": {
                                        "zh-CN": {
                                            subject: string;
                                            text: string;
                                        };
                                        en: {
                                            subject: string;
                                            text: string;
                                        };
                                    };
                                    "complaint.processing": {
                                        "zh-CN": {
                                            subject: string;
                                            text: string;
                                        };
                                        en: {
                                            subject: string;
                                            text: string;
                                        };
                                    };
                                    "complaint.resolved": {
                                        "zh-CN": {
                                            subject: string;
                                            text: string;
                                        };
                                        en: {
                                            subject: string;
                                            text: string;
                                        };
                                    };
                                    "complaint.auto_reply": {
                                        "zh-CN": {
                                            subject: string;
                                            text: string;
                                        };
                                        en: {
                                            subject: string;
                                            text: string;
                                        };
                                    };
                                };
                            };
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            section: string;
                            /** @description 0 until the first change; each change adds one */
                            version: number;
                            updatedAt: string | null;
                            updatedBy: string | null;
                            /** @description Risk words per signal kind, categories (team and words), routing and SLA hours, severity weights, first answers and customer notification templates. */
                            settings: {
                                riskWords: {
                                    add: {
                                        threat: string[];
                                        safety: string[];
                                        regulator: string[];
                                        media: string[];
                                        legal: string[];
                                        complaint: string[];
                                        demand: string[];
                                        refund: string[];
                                        fault: string[];
                                        service: string[];
                                        dissatisfaction: string[];
                                    };
                                    remove: string[];
                                };
                                /** @description Per category its team, words, enabled and label. Add one of your own under a new key (a-z, 0-9, _; with a zh-CN and en label); remove it by leaving it out. */
                                categories: {
                                    logistics?: {
                                        team: string;
                                        words: string[];
                                        /** @description false: its words place nothing; default true */
                                        enabled?: boolean;
                                        label?: {
                                            "zh-CN": string;
                                            en: string;
                                        };
                                    };
                                    after_sales?: {
                                        team: string;
                                        words: string[];
                                        /** @description false: its words place nothing; default true */
                                        enabled?: boolean;
                                        label?: {
                                            "zh-CN": string;
                                            en: string;
                                        };
                                    };
                                    product_quality?: {
                                        team: string;
                                        words: string[];
                                        /** @description false: its words place nothing; default true */
                                        enabled?: boolean;
                                        label?: {
                                            "zh-CN": string;
                                            en: string;
                                        };
                                    };
                                    billing_refund?: {
                                        team: string;
                                        words: string[];
                                        /** @description false: its words place nothing; default true */
                                        enabled?: boolean;
                                        label?: {
                                            "zh-CN": string;
                                            en: string;
                                        };
                                    };
                                    service_attitude?: {
                                        team: string;
                                        words: string[];
                                        /** @description false: its words place nothing; default true */
                                        enabled?: boolean;
                                        label?: {
                                            "zh-CN": string;
                                            en: string;
                                        };
                                    };
                                    technical?: {
                                        team: string;
                                        words: string[];
                                        /** @description false: its words place nothing; default true */
                                        enabled?: boolean;
                                        label?: {
                                            "zh-CN": string;
                                            en: string;
                                        };
                                    };
                                    other?: {
                                        team: string;
                                        words: string[];
                                        /** @description false: its words place nothing; default true */
                                        enabled?: boolean;
                                        label?: {
                                            "zh-CN": string;
                                            en: string;
                                        };
                                    };
                                } & {
                                    [key: string]: {
                                        team: string;
                                        words: string[];
                                        /** @description false: its words place nothing; default true */
                                        enabled?: boolean;
                                        label: {
                                            "zh-CN": string;
                                            en: string;
                                        };
                                    };
                                };
                                routing: {
                                    seniorTiers: string[];
                                    seniorQueue: string;
                                    slaHours: {
                                        P1: number;
                                        P2: number;
                                        P3: number;
                                        P4: number;
                                    };
                                };
                                severity: {
                                    base: number;
                                    sentiment: {
                                        negativeAt: number;
                                        negativePoints: number;
                                        strongAt: number;
                                        strongPoints: number;
                                    };
                                    riskWords: {
                                        each: number;
                                        cap: number;
                                    };
                                    signals?: {
                                        threat?: number;
                                        safety?: number;
                                        regulator?: number;
                                        media?: number;
                                        legal?: number;
                                        complaint?: number;
                                        demand?: number;
                                        refund?: number;
                                        fault?: number;
                                        service?: number;
                                        dissatisfaction?: number;
                                    };
                                    signalCap?: number;
                                    tiers: {
                                        [key: string]: number;
                                    };
                                    frequency: {
                                        windowDays: number;
                                        atLeast: number;
                                        points: number;
                                        eachMore: number;
                                        cap: number;
                                    };
                                    multiChannel: {
                                        windowDays: number;
                                        atLeast: number;
                                        points: number;
                                    };
                                    waiting: {
                                        halfPoints: number;
                                        overduePoints: number;
                                    };
                                    thresholds: {
                                        P1: number;
                                        P2: number;
                                        P3: number;
                                    };
                                };
                                /** @description First answers per category; a team's own category without one gets other's */
                                autoReplies: {
                                    logistics: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                    after_sales: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                    product_quality: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                    billing_refund: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                    service_attitude: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                    technical: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                    other: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                } & {
                                    [key: string]: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                };
                                notifications: {
                                    referencePrefix: string;
                                    referenceTimeZone: string;
                                    templates: {
                                        "complaint.received": {
                                            "zh-CN": {
                                                subject: string;
                                                text: string;
                                            };
                                            en: {
                                                subject: string;
                                                text: string;
                                            };
                                        };
                                        "complaint.processing": {
                                            "zh-CN": {
                                                subject: string;
                                                text: string;
                                            };
                                            en: {
                                                subject: string;
                                                text: string;
                                            };
                                        };
                                        "complaint.resolved": {
                                            "zh-CN": {
                                                subject: string;
                                                text: string;
                                            };
                                            en: {
                                                subject: string;
                                                text: string;
                                            };
                                        };
                                        "complaint.auto_reply": {
                                            "zh-CN": {
                                                subject: string;
                                                text: string;
                                            };
                                            en: {
                                                subject: string;
                                                text: string;
                                            };
                                        };
                                    };
                                };
                            };
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SETTINGS_VERSION_CONFLICT`: The settings were changed by someone else since you loaded them */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settings/complaints/defaults": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The complaint settings Warden starts with (to compare, or to go back to) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Risk words per signal kind, categories (team and words), routing and SLA hours, severity weights, first answers and customer notification templates. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            riskWords: {
                                add: {
                                    threat: string[];
                                    safety: string[];
                                    regulator: string[];
                                    media: string[];
                                    legal: string[];
                                    complaint: string[];
                                    demand: string[];
                                    refund: string[];
                                    fault: string[];
                                    service: string[];
                                    dissatisfaction: string[];
                                };
                                remove: string[];
                            };
                            /** @description Per category its team, words, enabled and label. Add one of your own under a new key (a-z, 0-9, _; with a zh-CN and en label); remove it by leaving it out. */
                            categories: {
                                logistics?: {
                                    team: string;
                                    words: string[];
                                    /** @description false: its words place nothing; default true */
                                    enabled?: boolean;
                                    label?: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                };
                                after_sales?: {
                                    team: string;
                                    words: string[];
                                    /** @description false: its words place nothing; default true */
                                    enabled?: boolean;
                                    label?: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                };
                                product_quality?: {
                                    team: string;
                                    words: string[];
                                    /** @description false: its words place nothing; default true */
                                    enabled?: boolean;
                                    label?: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                };
                                billing_refund?: {
                                    team: string;
                                    words: string[];
                                    /** @description false: its words place nothing; default true */
                                    enabled?: boolean;
                                    label?: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                };
                                service_attitude?: {
                                    team: string;
                                    words: string[];
                                    /** @description false: its words place nothing; default true */
                                    enabled?: boolean;
                                    label?: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                };
                                technical?: {
                                    team: string;
                                    words: string[];
                                    /** @description false: its words place nothing; default true */
                                    enabled?: boolean;
                                    label?: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                };
                                other?: {
                                    team: string;
                                    words: string[];
                                    /** @description false: its words place nothing; default true */
                                    enabled?: boolean;
                                    label?: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                };
                            } & {
                                [key: string]: {
                                    team: string;
                                    words: string[];
                                    /** @description false: its words place nothing; default true */
                                    enabled?: boolean;
                                    label: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                };
                            };
                            routing: {
                                seniorTiers: string[];
                                seniorQueue: string;
                                slaHours: {
                                    P1: number;
                                    P2: number;
                                    P3: number;
                                    P4: number;
                                };
                            };
                            severity: {
                                base: number;
                                sentiment: {
                                    negativeAt: number;
                                    negativePoints: number;
                                    strongAt: number;
                                    strongPoints: number;
                                };
                                riskWords: {
                                    each: number;
                                    cap: number;
                                };
                                signals?: {
                                    threat?: number;
                                    safety?: number;
                                    regulator?: number;
                                    media?: number;
                                    legal?: number;
                                    complaint?: number;
                                    demand?: number;
                                    refund?: number;
                                    fault?: number;
                                    service?: number;
                                    dissatisfaction?: number;
                                };
                                signalCap?: number;
                                tiers: {
                                    [key: string]: number;
                                };
                                frequency: {
                                    windowDays: number;
                                    atLeast: number;
                                    points: number;
                                    eachMore: number;
                                    cap: number;
                                };
                                multiChannel: {
                                    windowDays: number;
                                    atLeast: number;
                                    points: number;
                                };
                                waiting: {
                                    halfPoints: number;
                                    overduePoints: number;
                                };
                                thresholds: {
                                    P1: number;
                                    P2: number;
                                    P3: number;
                                };
                            };
                            /** @description First answers per category; a team's own category without one gets other's */
                            autoReplies: {
                                logistics: {
                                    "zh-CN": string;
                                    en: string;
                                };
                                after_sales: {
                                    "zh-CN": string;
                                    en: string;
                                };
                                product_quality: {
                                    "zh-CN": string;
                                    en: string;
                                };
                                billing_refund: {
                                    "zh-CN": string;
                                    en: string;
                                };
                                service_attitude: {
                                    "zh-CN": string;
                                    en: string;
                                };
                                technical: {
                                    "zh-CN": string;
                                    en: string;
                                };
                                other: {
                                    "zh-CN": string;
                                    en: string;
                                };
                            } & {
                                [key: string]: {
                                    "zh-CN": string;
                                    en: string;
                                };
                            };
                            notifications: {
                                referencePrefix: string;
                                referenceTimeZone: string;
                                templates: {
                                    "complaint.received": {
                                        "zh-CN": {
                                            subject: string;
                                            text: string;
                                        };
                                        en: {
                                            subject: string;
                                            text: string;
                                        };
                                    };
                                    "complaint.processing": {
                                        "zh-CN": {
                                            subject: string;
                                            text: string;
                                        };
                                        en: {
                                            subject: string;
                                            text: string;
                                        };
                                    };
                                    "complaint.resolved": {
                                        "zh-CN": {
                                            subject: string;
                                            text: string;
                                        };
                                        en: {
                                            subject: string;
                                            text: string;
                                        };
                                    };
                                    "complaint.auto_reply": {
                                        "zh-CN": {
                                            subject: string;
                                            text: string;
                                        };
                                        en: {
                                            subject: string;
                                            text: string;
                                        };
                                    };
                                };
                            };
                        };
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settings/opt-out": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Opt-out and opt-in keywords, phrases and replies in force */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            section: string;
                            /** @description 0 until the first change; each change adds one */
                            version: number;
                            updatedAt: string | null;
                            updatedBy: string | null;
                            /** @description Opt-out and opt-in keywords and phrases, and the replies in zh-CN and en. */
                            settings: {
                                optOutKeywords: string[];
                                optInKeywords: string[];
                                optOutPhrases: string[];
                                optInPhrases: string[];
                                maxLength: number;
                                replies: {
                                    optOut: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                    optIn: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                    question: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                };
                            };
                        };
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /**
         * Replace the opt-out and opt-in wording
         * @description Keywords count as the whole message (or a whole clause of a short one, "退订谢谢"); phrases count inside a message of at most `maxLength` characters unless negated ("我不想退订") or asked ("怎么退订不了？", answered with `replies.question`). Replies go out in the language of the text, or of the number's region for a bare keyword such as TD.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the version this change was made from; a newer stored one answers 409 */
                        version?: number;
                        /** @description Opt-out and opt-in keywords and phrases, and the replies in zh-CN and en. */
                        settings: {
                            optOutKeywords: string[];
                            optInKeywords: string[];
                            optOutPhrases: string[];
                            optInPhrases: string[];
                            maxLength: number;
                            replies: {
                                optOut: {
                                    "zh-CN": string;
                                    en: string;
                                };
                                optIn: {
                                    "zh-CN": string;
                                    en: string;
                                };
                                question: {
                                    "zh-CN": string;
                                    en: string;
                                };
                            };
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            section: string;
                            /** @description 0 until the first change; each change adds one */
                            version: number;
                            updatedAt: string | null;
                            updatedBy: string | null;
                            /** @description Opt-out and opt-in keywords and phrases, and the replies in zh-CN and en. */
                            settings: {
                                optOutKeywords: string[];
                                optInKeywords: string[];
                                optOutPhrases: string[];
                                optInPhrases: string[];
                                maxLength: number;
                                replies: {
                                    optOut: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                    optIn: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                    question: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                };
                            };
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SETTINGS_VERSION_CONFLICT`: The settings were changed by someone else since you loaded them */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settings/opt-out/defaults": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The opt-out settings Warden starts with */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Opt-out and opt-in keywords and phrases, and the replies in zh-CN and en. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            optOutKeywords: string[];
                            optInKeywords: string[];
                            optOutPhrases: string[];
                            optInPhrases: string[];
                            maxLength: number;
                            replies: {
                                optOut: {
                                    "zh-CN": string;
                                    en: string;
                                };
                                optIn: {
                                    "zh-CN": string;
                                    en: string;
                                };
                                question: {
                                    "zh-CN": string;
                                    en: string;
                                };
                            };
                        };
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settings/blocklist": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Release reasons, customer notices and win-back templates in force */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            section: string;
                            /** @description 0 until the first change; each change adds one */
                            version: number;
                            updatedAt: string | null;
                            updatedBy: string | null;
                            /** @description Release reasons (keys with zh-CN/en labels; "other" is built in and asks for text), customer notices when an entry starts or is released (per category, off unless listed; templates with {date}), and win-back plan templates. */
                            settings: {
                                releaseReasons: {
                                    key: string;
                                    labels: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                }[];
                                notices: {
                                    categories: {
                                        [key: string]: {
                                            started: boolean;
                                            released: boolean;
                                        };
                                    };
                                    templates: {
                                        started: {
                                            "zh-CN": {
                                                subject: string;
                                                text: string;
                                            };
                                            en: {
                                                subject: string;
                                                text: string;
                                            };
                                        };
                                        released: {
                                            "zh-CN": {
                                                subject: string;
                                                text: string;
                                            };
                                            en: {
                                                subject: string;
                                                text: string;
                                            };
                                        };
                                    };
                                };
                                winbackTemplates: {
                                    key: string;
                                    labels: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                    steps: {
                                        "zh-CN": string[];
                                        en: string[];
                                    };
                                    script: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                }[];
                            };
                        };
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /**
         * Replace the release reasons, customer notices and win-back templates
         * @description Release reasons are what `POST /blocklist/{id}/release` and `…/exemptions` take as `reasonCode` (plus the built-in `other`, which needs `text`). A category listed under `notices.categories` with `started`/`released` true sends the customer that notice through the outbox (SMS to a phone, else e-mail); templates may use `{date}`. Audited with every changed field.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the version this change was made from; a newer stored one answers 409 */
                        version?: number;
                        /** @description Release reasons (keys with zh-CN/en labels; "other" is built in and asks for text), customer notices when an entry starts or is released (per category, off unless listed; templates with {date}), and win-back plan templates. */
                        settings: {
                            releaseReasons: {
                                key: string;
                                labels: {
                                    "zh-CN": string;
                                    en: string;
                                };
                            }[];
                            notices: {
                                categories: {
                                    [key: string]: {
                                        started: boolean;
                                        released: boolean;
                                    };
                                };
                                templates: {
                                    started: {
                                        "zh-CN": {
                                            subject: string;
                                            text: string;
                                        };
                                        en: {
                                            subject: string;
                                            text: string;
                                        };
                                    };
                                    released: {
                                        "zh-CN": {
                                            subject: string;
                                            text: string;
                                        };
                                        en: {
                                            subject: string;
                                            text: string;
                                        };
                                    };
                                };
                            };
                            winbackTemplates: {
                                key: string;
                                labels: {
                                    "zh-CN": string;
                                    en: string;
                                };
                                steps: {
                                    "zh-CN": string[];
                                    en: string[];
                                };
                                script: {
                                    "zh-CN": string;
                                    en: string;
                                };
                            }[];
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            section: string;
                            /** @description 0 until the first change; each change adds one */
                            version: number;
                            updatedAt: string | null;
                            updatedBy: string | null;
                            /** @description Release reasons (keys with zh-CN/en labels; "other" is built in and asks for text), customer notices when an entry starts or is released (per category, off unless listed; templates with {date}), and win-back plan templates. */
                            settings: {
                                releaseReasons: {
                                    key: string;
                                    labels: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                }[];
                                notices: {
                                    categories: {
                                        [key: string]: {
                                            started: boolean;
                                            released: boolean;
                                        };
                                    };
                                    templates: {
                                        started: {
                                            "zh-CN": {
                                                subject: string;
                                                text: string;
                                            };
                                            en: {
                                                subject: string;
                                                text: string;
                                            };
                                        };
                                        released: {
                                            "zh-CN": {
                                                subject: string;
                                                text: string;
                                            };
                                            en: {
                                                subject: string;
                                                text: string;
                                            };
                                        };
                                    };
                                };
                                winbackTemplates: {
                                    key: string;
                                    labels: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                    steps: {
                                        "zh-CN": string[];
                                        en: string[];
                                    };
                                    script: {
                                        "zh-CN": string;
                                        en: string;
                                    };
                                }[];
                            };
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SETTINGS_VERSION_CONFLICT`: The settings were changed by someone else since you loaded them */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settings/blocklist/defaults": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The blocklist settings Warden starts with */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Release reasons (keys with zh-CN/en labels; "other" is built in and asks for text), customer notices when an entry starts or is released (per category, off unless listed; templates with {date}), and win-back plan templates. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            releaseReasons: {
                                key: string;
                                labels: {
                                    "zh-CN": string;
                                    en: string;
                                };
                            }[];
                            notices: {
                                categories: {
                                    [key: string]: {
                                        started: boolean;
                                        released: boolean;
                                    };
                                };
                                templates: {
                                    started: {
                                        "zh-CN": {
                                            subject: string;
                                            text: string;
                                        };
                                        en: {
                                            subject: string;
                                            text: string;
                                        };
                                    };
                                    released: {
                                        "zh-CN": {
                                            subject: string;
                                            text: string;
                                        };
                                        en: {
                                            subject: string;
                                            text: string;
                                        };
                                    };
                                };
                            };
                            winbackTemplates: {
                                key: string;
                                labels: {
                                    "zh-CN": string;
                                    en: string;
                                };
                                steps: {
                                    "zh-CN": string[];
                                    en: string[];
                                };
                                script: {
                                    "zh-CN": string;
                                    en: string;
                                };
                            }[];
                        };
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/winback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Win-back cases, newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description the `nextCursor` of the previous page */
                    cursor?: string;
                    status?: "open" | "closed";
                    outcome?: "won_back" | "lost" | "no_response";
                    /** @description owner user id, or `me` */
                    owner?: string;
                    category?: string;
                    entryId?: string;
                    customerId?: string;
                    /** @description only open cases with a milestone past due */
                    overdue?: boolean;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                entryId: string;
                                customerId: string | null;
                                category: string;
                                ownerId: string | null;
                                ownerName: string | null;
                                template: string | null;
                                plan: {
                                    text: string;
                                    done: boolean;
                                }[];
                                script: string | null;
                                notes: string | null;
                                /** @description `open`, or `closed` once it has an outcome */
                                status: "open" | "closed";
                                outcome: ("won_back" | "lost" | "no_response") | null;
                                satisfactionBefore: number | null;
                                satisfactionAfter: number | null;
                                createdBy: string | null;
                                createdAt: string;
                                updatedAt: string;
                                closedAt: string | null;
                                milestones: {
                                    kind: "contacted" | "responded" | "repurchased";
                                    dueAt: string | null;
                                    doneAt: string | null;
                                    overdue: boolean;
                                }[];
                                customer?: {
                                    id: string;
                                    name: string | null;
                                    contact: string | null;
                                    tier: string;
                                    /** @description VIP tier, marked protected, or lifetime value above the threshold */
                                    keyCustomer: boolean;
                                } | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Open a win-back case from a released (or temporarily released) blocklist entry
         * @description An entry still in force answers 409 WINBACK_ENTRY_NOT_RELEASED; one with an open case 409 WINBACK_CASE_EXISTS. `template` (a key from `/settings/blocklist` `winbackTemplates`) fills the plan and script in `locale`; milestones are due 2, 7 and 30 days on unless `dueAt` says otherwise. Script and notes are encrypted at rest.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        entryId: string;
                        ownerId?: string | null;
                        template?: string | null;
                        locale?: "zh-CN" | "en";
                        plan?: string[];
                        script?: string | null;
                        notes?: string | null;
                        dueAt?: {
                            contacted?: string | null;
                            responded?: string | null;
                            repurchased?: string | null;
                        };
                        satisfactionBefore?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            entryId: string;
                            customerId: string | null;
                            category: string;
                            ownerId: string | null;
                            ownerName: string | null;
                            template: string | null;
                            plan: {
                                text: string;
                                done: boolean;
                            }[];
                            script: string | null;
                            notes: string | null;
                            /** @description `open`, or `closed` once it has an outcome */
                            status: "open" | "closed";
                            outcome: ("won_back" | "lost" | "no_response") | null;
                            satisfactionBefore: number | null;
                            satisfactionAfter: number | null;
                            createdBy: string | null;
                            createdAt: string;
                            updatedAt: string;
                            closedAt: string | null;
                            milestones: {
                                kind: "contacted" | "responded" | "repurchased";
                                dueAt: string | null;
                                doneAt: string | null;
                                overdue: boolean;
                            }[];
                            customer?: {
                                id: string;
                                name: string | null;
                                contact: string | null;
                                tier: string;
                                /** @description VIP tier, marked protected, or lifetime value above the threshold */
                                keyCustomer: boolean;
                            } | null;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `BLOCKLIST_ENTRY_NOT_FOUND`: No such blocklist entry; `USER_NOT_FOUND`: No such user */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `WINBACK_ENTRY_NOT_RELEASED`: A win-back case starts from a released (or temporarily released) entry; `WINBACK_CASE_EXISTS`: This entry already has an open win-back case */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/winback/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Win-back rate by category or owner, per week or month
         * @description Over the cases opened in [from, to) (default: the last 90 days): per group and period the cases, those with an outcome (`closed`), won back, lost, no response, and `rate` = wonBack / closed. `totals` are per group over the whole window.
         */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    to?: string;
                    groupBy?: "category" | "owner";
                    interval?: "week" | "month";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            from: string;
                            to: string;
                            groupBy: "category" | "owner";
                            interval: "week" | "month";
                            rows: {
                                /** @description category key, or owner user id */
                                key: string;
                                label: string;
                                /** @description week (its Monday, UTC) as YYYY-MM-DD, or month as YYYY-MM */
                                period: string;
                                cases: number;
                                /** @description cases with an outcome */
                                closed: number;
                                wonBack: number;
                                lost: number;
                                noResponse: number;
                                rate: number | null;
                            }[];
                            totals: {
                                /** @description category key, or owner user id */
                                key: string;
                                label: string;
                                cases: number;
                                /** @description cases with an outcome */
                                closed: number;
                                wonBack: number;
                                lost: number;
                                noResponse: number;
                                rate: number | null;
                            }[];
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/winback/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A win-back case with its plan, script, notes and milestones */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            entryId: string;
                            customerId: string | null;
                            category: string;
                            ownerId: string | null;
                            ownerName: string | null;
                            template: string | null;
                            plan: {
                                text: string;
                                done: boolean;
                            }[];
                            script: string | null;
                            notes: string | null;
                            /** @description `open`, or `closed` once it has an outcome */
                            status: "open" | "closed";
                            outcome: ("won_back" | "lost" | "no_response") | null;
                            satisfactionBefore: number | null;
                            satisfactionAfter: number | null;
                            createdBy: string | null;
                            createdAt: string;
                            updatedAt: string;
                            closedAt: string | null;
                            milestones: {
                                kind: "contacted" | "responded" | "repurchased";
                                dueAt: string | null;
                                doneAt: string | null;
                                overdue: boolean;
                            }[];
                            customer?: {
                                id: string;
                                name: string | null;
                                contact: string | null;
                                tier: string;
                                /** @description VIP tier, marked protected, or lifetime value above the threshold */
                                keyCustomer: boolean;
                            } | null;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `NOT_FOUND`: No such resource */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change the owner, plan, script, notes, milestones, outcome or satisfaction
         * @description A milestone `{"kind": "contacted", "done": true}` records when it was done (ticking it again keeps the first time); `dueAt` moves it. An `outcome` closes the case; `null` opens it again. Audited with the fields changed.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        ownerId?: string | null;
                        plan?: {
                            text: string;
                            done: boolean;
                        }[];
                        script?: string | null;
                        notes?: string | null;
                        milestones?: {
                            kind: "contacted" | "responded" | "repurchased";
                            dueAt?: string | null;
                            done?: boolean;
                        }[];
                        outcome?: ("won_back" | "lost" | "no_response") | null;
                        satisfactionBefore?: number | null;
                        satisfactionAfter?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            entryId: string;
                            customerId: string | null;
                            category: string;
                            ownerId: string | null;
                            ownerName: string | null;
                            template: string | null;
                            plan: {
                                text: string;
                                done: boolean;
                            }[];
                            script: string | null;
                            notes: string | null;
                            /** @description `open`, or `closed` once it has an outcome */
                            status: "open" | "closed";
                            outcome: ("won_back" | "lost" | "no_response") | null;
                            satisfactionBefore: number | null;
                            satisfactionAfter: number | null;
                            createdBy: string | null;
                            createdAt: string;
                            updatedAt: string;
                            closedAt: string | null;
                            milestones: {
                                kind: "contacted" | "responded" | "repurchased";
                                dueAt: string | null;
                                doneAt: string | null;
                                overdue: boolean;
                            }[];
                            customer?: {
                                id: string;
                                name: string | null;
                                contact: string | null;
                                tier: string;
                                /** @description VIP tier, marked protected, or lifetime value above the threshold */
                                keyCustomer: boolean;
                            } | null;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid; `MALFORMED_JSON`: The request body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `NOT_FOUND`: No such resource */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported content type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/workbench": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What needs someone now: counts and the first few of each list the caller may read */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Open complaints past their SLA (complaints:read). Omitted when the caller may not read it. */
                            overdue?: {
                                count: number;
                                items: {
                                    id: string;
                                    reference: string | null;
                                    priority: string;
                                    category: string;
                                    status: string;
                                    severity: number;
                                    slaDueAt: string;
                                    assigneeId: string | null;
                                    assigneeName: string | null;
                                    customer: {
                                        id: string;
                                        name: string | null;
                                        contact: string | null;
                                        tier: string;
                                        /** @description VIP tier, marked protected, or lifetime value above the threshold */
                                        keyCustomer: boolean;
                                    } | null;
                                }[];
                            };
                            /** @description Open complaints due within the next two hours (complaints:read). Omitted when the caller may not read it. */
                            dueSoon?: {
                                count: number;
                                items: {
                                    id: string;
                                    reference: string | null;
                                    priority: string;
                                    category: string;
                                    status: string;
                                    severity: number;
                                    slaDueAt: string;
                                    assigneeId: string | null;
                                    assigneeName: string | null;
                                    customer: {
                                        id: string;
                                        name: string | null;
                                        contact: string | null;
                                        tier: string;
                                        /** @description VIP tier, marked protected, or lifetime value above the threshold */
                                        keyCustomer: boolean;
                                    } | null;
                                }[];
                            };
                            /** @description Open unassigned P1 and P2 complaints (complaints:read). Omitted when the caller may not read it. */
                            unassignedUrgent?: {
                                count: number;
                                items: {
                                    id: string;
                                    reference: string | null;
                                    priority: string;
                                    category: string;
                                    status: string;
                                    severity: number;
                                    slaDueAt: string;
                                    assigneeId: string | null;
                                    assigneeName: string | null;
                                    customer: {
                                        id: string;
                                        name: string | null;
                                        contact: string | null;
                                        tier: string;
                                        /** @description VIP tier, marked protected, or lifetime value above the threshold */
                                        keyCustomer: boolean;
                                    } | null;
                                }[];
                            };
                            /** @description Blocklist entries waiting for approval (blocklist:read). Omitted when the caller may not read it. */
                            pendingApprovals?: {
                                count: number;
                                items: {
                                    id: string;
                                    level: number;
                                    category: string;
                                    source: string;
                                    customer: {
                                        id: string;
                                        name: string | null;
                                        contact: string | null;
                                        tier: string;
                                        /** @description VIP tier, marked protected, or lifetime value above the threshold */
                                        keyCustomer: boolean;
                                    } | null;
                                    identifier: string | null;
                                    createdAt: string;
                                    reviewAt: string | null;
                                }[];
                            };
                            /** @description Blocklist entries in force whose review is due (blocklist:read). Omitted when the caller may not read it. */
                            reviewsDue?: {
                                count: number;
                                items: {
                                    id: string;
                                    level: number;
                                    category: string;
                                    source: string;
                                    customer: {
                                        id: string;
                                        name: string | null;
                                        contact: string | null;
                                        tier: string;
                                        /** @description VIP tier, marked protected, or lifetime value above the threshold */
                                        keyCustomer: boolean;
                                    } | null;
                                    identifier: string | null;
                                    createdAt: string;
                                    reviewAt: string | null;
                                }[];
                            };
                            /** @description Unacknowledged alerts, newest first (alerts:read). Omitted when the caller may not read it. */
                            openAlerts?: {
                                count: number;
                                items: {
                                    id: string;
                                    kind: string;
                                    severity: string;
                                    title: string;
                                    target: {
                                        type: string | null;
                                        id: string | null;
                                    };
                                    createdAt: string;
                                }[];
                            };
                            /** @description Unacknowledged complaint surge alerts (alerts:read). Omitted when the caller may not read it. */
                            openSurges?: {
                                count: number;
                                items: {
                                    id: string;
                                    kind: string;
                                    severity: string;
                                    title: string;
                                    target: {
                                        type: string | null;
                                        id: string | null;
                                    };
                                    createdAt: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Per day: screened messages by decision, complaints opened and resolved, blocks added and released; open alerts */
        get: {
            parameters: {
                query?: {
                    /** @description Days up to and including today; 30 */
                    days?: number;
                    /**
                     * @description IANA time zone whose calendar days are counted, e.g. `Asia/Shanghai` (a message at 17:30 UTC counts on the next day there); UTC when left out. An unknown zone: 400 `INVALID_TIME_ZONE`.
                     * @example Asia/Shanghai
                     */
                    timeZone?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            days: number;
                            /** @description Screened messages per day by decision (allow, block, limit, …) */
                            screened: {
                                /** @description Day in the asked time zone (UTC by default), YYYY-MM-DD */
                                day: string;
                                total: number;
                                byDecision: {
                                    [key: string]: number;
                                };
                            }[];
                            complaints: {
                                day: string;
                                opened: number;
                                resolved: number;
                            }[];
                            blocks: {
                                day: string;
                                added: number;
                                released: number;
                            }[];
                            /** @description Unacknowledged alerts now */
                            openAlerts: number;
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Per rule: hits per day, shadow and enforced apart; agents’ marks and precision */
        get: {
            parameters: {
                query?: {
                    /** @description Days up to and including today; 30 */
                    days?: number;
                    /**
                     * @description IANA time zone whose calendar days are counted, e.g. `Asia/Shanghai` (a message at 17:30 UTC counts on the next day there); UTC when left out. An unknown zone: 400 `INVALID_TIME_ZONE`.
                     * @example Asia/Shanghai
                     */
                    timeZone?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            days: number;
                            rules: {
                                ruleId: string;
                                name: string;
                                /** @description The rule’s mode now */
                                mode: string;
                                enabled: boolean;
                                hits: number;
                                enforced: number;
                                shadow: number;
                                marks: {
                                    spam: number;
                                    notSpam: number;
                                    invalid: number;
                                };
                                precision: number | null;
                                perDay: {
                                    day: string;
                                    enforced: number;
                                    shadow: number;
                                }[];
                            }[];
                        };
                    };
                };
                /** @description `VALIDATION_FAILED`: The request is not valid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `UNAUTHENTICATED`: Authentication required */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `FORBIDDEN`: You do not have permission for this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description `SERVICE_UNAVAILABLE`: Service unavailable; `DATABASE_UNAVAILABLE`: The database is unreachable; retry */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    "complaint.received": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A complaint was opened
         * @description POSTed to WARDEN_WEBHOOK_URL through the durable outbox. Any 2xx is an acknowledgement; anything else (or no answer in time) is retried with backoff.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description `sha256=` and the hex HMAC-SHA-256, keyed with WARDEN_WEBHOOK_SECRET, of `<x-warden-timestamp>.<raw body>`. Compare in constant time and refuse old timestamps (verifyWebhookSignature in src/notify/channels/webhook.ts). */
                    "x-warden-signature": string;
                    /** @description Unix seconds when this attempt was signed */
                    "x-warden-timestamp": string;
                    /** @description The notification id: a retry repeats it, so receivers can drop duplicates */
                    "x-warden-id": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The notification id, also in `x-warden-id`; the same on a retry */
                        id: string;
                        /** @constant */
                        event: "complaint.received";
                        /** Format: date-time */
                        createdAt: string;
                        locale: "zh-CN" | "en";
                        subject: {
                            /** @constant */
                            type: "complaint";
                            id: string;
                        } | null;
                        data: {
                            /** @description The short reference the customer sees (the id for older complaints) */
                            ref: string;
                            complaintId: string;
                            /**
                             * Format: date-time
                             * @description When the complaint is due
                             */
                            sla: string;
                            category: string;
                            status: string;
                            team: string;
                        } & {
                            [key: string]: unknown;
                        };
                        /** @description The notification rendered in `locale` */
                        message: {
                            subject: string;
                            text: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Received */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "complaint.processing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A complaint is being worked on
         * @description POSTed to WARDEN_WEBHOOK_URL through the durable outbox. Any 2xx is an acknowledgement; anything else (or no answer in time) is retried with backoff.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description `sha256=` and the hex HMAC-SHA-256, keyed with WARDEN_WEBHOOK_SECRET, of `<x-warden-timestamp>.<raw body>`. Compare in constant time and refuse old timestamps (verifyWebhookSignature in src/notify/channels/webhook.ts). */
                    "x-warden-signature": string;
                    /** @description Unix seconds when this attempt was signed */
                    "x-warden-timestamp": string;
                    /** @description The notification id: a retry repeats it, so receivers can drop duplicates */
                    "x-warden-id": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The notification id, also in `x-warden-id`; the same on a retry */
                        id: string;
                        /** @constant */
                        event: "complaint.processing";
                        /** Format: date-time */
                        createdAt: string;
                        locale: "zh-CN" | "en";
                        subject: {
                            /** @constant */
                            type: "complaint";
                            id: string;
                        } | null;
                        data: {
                            /** @description The short reference the customer sees (the id for older complaints) */
                            ref: string;
                            complaintId: string;
                            /**
                             * Format: date-time
                             * @description When the complaint is due
                             */
                            sla: string;
                            category: string;
                            status: string;
                            team: string;
                        } & {
                            [key: string]: unknown;
                        };
                        /** @description The notification rendered in `locale` */
                        message: {
                            subject: string;
                            text: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Received */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "complaint.resolved": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A complaint was resolved
         * @description POSTed to WARDEN_WEBHOOK_URL through the durable outbox. Any 2xx is an acknowledgement; anything else (or no answer in time) is retried with backoff.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description `sha256=` and the hex HMAC-SHA-256, keyed with WARDEN_WEBHOOK_SECRET, of `<x-warden-timestamp>.<raw body>`. Compare in constant time and refuse old timestamps (verifyWebhookSignature in src/notify/channels/webhook.ts). */
                    "x-warden-signature": string;
                    /** @description Unix seconds when this attempt was signed */
                    "x-warden-timestamp": string;
                    /** @description The notification id: a retry repeats it, so receivers can drop duplicates */
                    "x-warden-id": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The notification id, also in `x-warden-id`; the same on a retry */
                        id: string;
                        /** @constant */
                        event: "complaint.resolved";
                        /** Format: date-time */
                        createdAt: string;
                        locale: "zh-CN" | "en";
                        subject: {
                            /** @constant */
                            type: "complaint";
                            id: string;
                        } | null;
                        data: {
                            /** @description The short reference the customer sees (the id for older complaints) */
                            ref: string;
                            complaintId: string;
                            /**
                             * Format: date-time
                             * @description When the complaint is due
                             */
                            sla: string;
                            category: string;
                            status: string;
                            team: string;
                        } & {
                            [key: string]: unknown;
                        };
                        /** @description The notification rendered in `locale` */
                        message: {
                            subject: string;
                            text: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Received */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "complaint.auto_reply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * An automatic reply went to a complaining customer
         * @description POSTed to WARDEN_WEBHOOK_URL through the durable outbox. Any 2xx is an acknowledgement; anything else (or no answer in time) is retried with backoff.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description `sha256=` and the hex HMAC-SHA-256, keyed with WARDEN_WEBHOOK_SECRET, of `<x-warden-timestamp>.<raw body>`. Compare in constant time and refuse old timestamps (verifyWebhookSignature in src/notify/channels/webhook.ts). */
                    "x-warden-signature": string;
                    /** @description Unix seconds when this attempt was signed */
                    "x-warden-timestamp": string;
                    /** @description The notification id: a retry repeats it, so receivers can drop duplicates */
                    "x-warden-id": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The notification id, also in `x-warden-id`; the same on a retry */
                        id: string;
                        /** @constant */
                        event: "complaint.auto_reply";
                        /** Format: date-time */
                        createdAt: string;
                        locale: "zh-CN" | "en";
                        subject: {
                            /** @constant */
                            type: "complaint";
                            id: string;
                        } | null;
                        data: {
                            /** @description The short reference the customer sees (the id for older complaints) */
                            ref: string;
                            complaintId: string;
                            /**
                             * Format: date-time
                             * @description When the complaint is due
                             */
                            sla: string;
                            category: string;
                            status: string;
                            team: string;
                        } & {
                            [key: string]: unknown;
                        };
                        /** @description The notification rendered in `locale` */
                        message: {
                            subject: string;
                            text: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Received */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "alert.raised": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * An alert was raised
         * @description POSTed to WARDEN_WEBHOOK_URL through the durable outbox. Any 2xx is an acknowledgement; anything else (or no answer in time) is retried with backoff.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description `sha256=` and the hex HMAC-SHA-256, keyed with WARDEN_WEBHOOK_SECRET, of `<x-warden-timestamp>.<raw body>`. Compare in constant time and refuse old timestamps (verifyWebhookSignature in src/notify/channels/webhook.ts). */
                    "x-warden-signature": string;
                    /** @description Unix seconds when this attempt was signed */
                    "x-warden-timestamp": string;
                    /** @description The notification id: a retry repeats it, so receivers can drop duplicates */
                    "x-warden-id": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The notification id, also in `x-warden-id`; the same on a retry */
                        id: string;
                        /** @constant */
                        event: "alert.raised";
                        /** Format: date-time */
                        createdAt: string;
                        locale: "zh-CN" | "en";
                        subject: {
                            /** @constant */
                            type: "alert";
                            id: string;
                        } | null;
                        data: {
                            title: string;
                            /** @description e.g. complaint_p1, surge, auto_block, protected_customer, review_due */
                            kind: string;
                            severity: string;
                            /** @description The alert in the console */
                            link: string;
                            alertId: string;
                            detail: unknown;
                        } & {
                            [key: string]: unknown;
                        };
                        /** @description The notification rendered in `locale` */
                        message: {
                            subject: string;
                            text: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Received */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "blocklist.started": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A notice to a customer that an entry restricts their contact (settings `/settings/blocklist`)
         * @description POSTed to WARDEN_WEBHOOK_URL through the durable outbox. Any 2xx is an acknowledgement; anything else (or no answer in time) is retried with backoff.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description `sha256=` and the hex HMAC-SHA-256, keyed with WARDEN_WEBHOOK_SECRET, of `<x-warden-timestamp>.<raw body>`. Compare in constant time and refuse old timestamps (verifyWebhookSignature in src/notify/channels/webhook.ts). */
                    "x-warden-signature": string;
                    /** @description Unix seconds when this attempt was signed */
                    "x-warden-timestamp": string;
                    /** @description The notification id: a retry repeats it, so receivers can drop duplicates */
                    "x-warden-id": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The notification id, also in `x-warden-id`; the same on a retry */
                        id: string;
                        /** @constant */
                        event: "blocklist.started";
                        /** Format: date-time */
                        createdAt: string;
                        locale: "zh-CN" | "en";
                        subject: {
                            /** @constant */
                            type: "blocklist_entry";
                            id: string;
                        } | null;
                        data: {
                            /**
                             * Format: date-time
                             * @description When the restriction starts or ends
                             */
                            date: string;
                            entryId: string;
                            category: string;
                        } & {
                            [key: string]: unknown;
                        };
                        /** @description The notification rendered in `locale` */
                        message: {
                            subject: string;
                            text: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Received */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "blocklist.released": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A notice to a customer that their contact is no longer restricted
         * @description POSTed to WARDEN_WEBHOOK_URL through the durable outbox. Any 2xx is an acknowledgement; anything else (or no answer in time) is retried with backoff.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description `sha256=` and the hex HMAC-SHA-256, keyed with WARDEN_WEBHOOK_SECRET, of `<x-warden-timestamp>.<raw body>`. Compare in constant time and refuse old timestamps (verifyWebhookSignature in src/notify/channels/webhook.ts). */
                    "x-warden-signature": string;
                    /** @description Unix seconds when this attempt was signed */
                    "x-warden-timestamp": string;
                    /** @description The notification id: a retry repeats it, so receivers can drop duplicates */
                    "x-warden-id": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The notification id, also in `x-warden-id`; the same on a retry */
                        id: string;
                        /** @constant */
                        event: "blocklist.released";
                        /** Format: date-time */
                        createdAt: string;
                        locale: "zh-CN" | "en";
                        subject: {
                            /** @constant */
                            type: "blocklist_entry";
                            id: string;
                        } | null;
                        data: {
                            /**
                             * Format: date-time
                             * @description When the restriction starts or ends
                             */
                            date: string;
                            entryId: string;
                            category: string;
                        } & {
                            [key: string]: unknown;
                        };
                        /** @description The notification rendered in `locale` */
                        message: {
                            subject: string;
                            text: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Received */
                "2XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        /** @description RFC 9457 problem details with a stable code */
        Problem: {
            type: string;
            title: string;
            status: number;
            detail: string;
            /**
             * @description Stable error code; see the response descriptions for which each status carries
             * @enum {string}
             */
            code: "VALIDATION_FAILED" | "MALFORMED_JSON" | "UNSUPPORTED_MEDIA_TYPE" | "PAYLOAD_TOO_LARGE" | "NOT_FOUND" | "ROUTE_NOT_FOUND" | "METHOD_NOT_ALLOWED" | "RATE_LIMITED" | "INTERNAL" | "SERVICE_UNAVAILABLE" | "INVALID_TIME_ZONE" | "DATABASE_UNAVAILABLE" | "UNAUTHENTICATED" | "INVALID_CREDENTIALS" | "LOGIN_THROTTLED" | "FORBIDDEN" | "USER_EXISTS" | "USER_NOT_FOUND" | "API_KEY_NOT_FOUND" | "SETUP_TOKEN_INVALID" | "WEAK_PASSWORD" | "SCOPE_OUTSIDE_ROLE" | "GRANT_EXCEEDS_OWN" | "LAST_ADMIN" | "INVALID_IDENTIFIER" | "IDENTIFIER_CONFLICT" | "CUSTOMER_NOT_FOUND" | "CUSTOMER_ERASED" | "EXTERNAL_ID_TAKEN" | "BLOCKLIST_ENTRY_NOT_FOUND" | "BLOCKLIST_ENTRY_EXISTS" | "BLOCKLIST_ENTRY_CLOSED" | "BLOCKLIST_ENTRY_NOT_PENDING" | "EXEMPTION_NOT_FOUND" | "UNKNOWN_CATEGORY" | "CATEGORY_EXISTS" | "CONFIRMATION_REQUIRED" | "IMPORT_NOT_FOUND" | "IMPORT_INVALID" | "IMPORT_FILE_INVALID" | "IMPORT_UNSUPPORTED_FORMAT" | "IMPORT_FILE_LIMIT" | "UNKNOWN_RELEASE_REASON" | "RULE_NOT_FOUND" | "REGEX_UNSAFE" | "RECORD_UNAVAILABLE" | "COMPLAINT_NOT_FOUND" | "COMPLAINT_TRANSITION_INVALID" | "WINBACK_CASE_NOT_FOUND" | "WINBACK_ENTRY_NOT_RELEASED" | "WINBACK_CASE_EXISTS" | "BACKUP_UNSUPPORTED" | "COMPLAINT_CATEGORY_BUILTIN" | "UNKNOWN_COMPLAINT_CATEGORY" | "SETTINGS_VERSION_CONFLICT" | "AUDIT_CHAIN_BROKEN";
            instance?: string;
            requestId?: string;
            errors?: {
                field: string;
                message: string;
            }[];
            /** @description FORBIDDEN: the permission the route needs */
            permission?: string;
            /** @description INVALID_IDENTIFIER: the identifier type’s code (`INVALID_PHONE`, `INVALID_EMAIL`, …) and `params.problem` (`too_short`, `no_at`, …) when known */
            identifier?: {
                code: string;
                params: {
                    [key: string]: unknown;
                };
            };
            /** @description LOGIN_THROTTLED, RATE_LIMITED: seconds to wait (also the Retry-After header) */
            retryAfter?: number;
        } & {
            [key: string]: unknown;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
