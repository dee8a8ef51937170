/**
 * The typed client: openapi-fetch over the types `npm run openapi` generates
 * from the server's own document (schema.d.ts), so a call whose path, query,
 * body or answer drifts from the routes fails the type check. Errors become
 * the same `ApiError` as the hand-written calls in ../api.ts.
 */
import createClient from 'openapi-fetch';
import { ApiError, apiErrorFrom, NETWORK_ERROR } from '../api';
import type { paths } from './schema';

export type { components, paths } from './schema';

export const client = createClient<paths>({
  baseUrl: '',
  credentials: 'same-origin',
  headers: { accept: 'application/json' },
});

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
