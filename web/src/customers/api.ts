/**
 * Customers' calls as `src/identity/routes.ts` defines them: the 360 view
 * (profile, blocklist entries, consent, recent messages, complaints), the list, the look-up,
 * create and change.
 */
import { api, type Page, query } from '../api';
import type { Complaint } from '../complaints/api';
import type { Consent } from '../screening/api';

export interface Identifier {
  type: string;
  value: string;
}

export interface Customer {
  id: string;
  externalId: string | null;
  name: string | null;
  tier: string;
  lifetimeValue: number;
  protected: boolean;
  attributes: Record<string, unknown>;
  identifiers: Identifier[];
  createdAt: string;
  updatedAt: string;
  /** Set when the personal data was erased; identifier values then read as "". */
  erasedAt: string | null;
}

export interface Customer360 extends Customer {
  /** Entries on the customer (`target: 'customer'`) and on each identifier (`target`: its type). */
  blocklist: {
    id: string;
    target: string;
    level: number;
    category: string;
    status: string;
    expiresAt: string | null;
  }[];
  consent: Consent[];
  recentMessages: {
    id: string;
    receivedAt: string;
    channel: string;
    decision: string;
    text: string;
    complaintId: string | null;
  }[];
  complaints: { items: Complaint[]; countsByChannel: Record<string, number>; open: number };
}

/** What create (`POST /customers`) and change (`PATCH /customers/{id}`, only the fields given) take. */
export interface CustomerInput {
  name?: string | null;
  externalId?: string | null;
  tier?: string;
  lifetimeValue?: number;
  protected?: boolean;
  attributes?: Record<string, unknown>;
  /** Replaces all of the customer's identifiers when given. */
  identifiers?: Identifier[];
}

export interface CustomerFilter {
  /** `type:value`, e.g. `phone:13800138000`; the answer then holds the matches, unpaged. */
  identifier?: string;
  tier?: string;
  protected?: boolean;
}

const enc = encodeURIComponent;

export const customers = {
  get: (id: string) => api.get<Customer360>(`/customers/${enc(id)}`),
  create: (input: CustomerInput) => api.post<Customer>('/customers', input),
  update: (id: string, patch: CustomerInput) => api.patch<Customer>(`/customers/${enc(id)}`, patch),
  list: (filter: CustomerFilter, cursor: string | null, limit = 50) =>
    api.get<Page<Customer>>(
      `/customers${query({
        identifier: filter.identifier,
        tier: filter.tier,
        protected: filter.protected === undefined ? undefined : String(filter.protected),
        cursor,
        limit,
      })}`,
    ),
};

export const customerKeys = {
  all: ['customers'] as const,
  one: (id: string) => ['customers', 'one', id] as const,
  list: (filter: CustomerFilter) => ['customers', 'list', filter] as const,
};
