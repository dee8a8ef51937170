/**
 * The typed client: `warden-client` (packages/warden-client, the package this
 * repository publishes), whose types `npm run openapi` generates from the
 * server's own document, so a call whose path, query, body or answer drifts
 * from the routes fails the type check. Same-origin, by the session cookie.
 * Errors become `ApiError` (../api.ts).
 */
import { createWardenClient } from 'warden-client';
import { ApiError, apiErrorFrom, NETWORK_ERROR } from '../api';

export type { components, paths } from 'warden-client';

export const client = createWardenClient({ baseUrl: '', credentials: 'same-origin' });

/** A schema of the document by name, e.g. `Schema<'Problem'>`. */
export type Schema<K extends keyof import('warden-client').components['schemas']> =
  import('warden-client').components['schemas'][K];

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * The answer's data, or throws `ApiError` (status 0 when no answer came).
 * @example const doc = await unwrap(client.GET('/api/v1/settings/opt-out'));
 */
export async function unwrap<T>(pending: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await pending;
  } catch (err) {
    throw new ApiError({
      status: 0,
      code: NETWORK_ERROR,
      detail: err instanceof Error ? err.message : String(err),
    });
  }
  if (!answer.response.ok) throw apiErrorFrom(answer.response, answer.error);
  return answer.data as T;
}
