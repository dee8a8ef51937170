import { DeliveryError } from './transport.js';

/** How long a receiver may take to answer before the attempt counts as failed. */
export const HTTP_TIMEOUT_MS = 5_000;

/**
 * POSTs a body and succeeds only on a 2xx answer within the timeout.
 * Redirects are not followed: a receiver that moved must be reconfigured,
 * not silently sent signed payloads elsewhere.
 */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs = HTTP_TIMEOUT_MS,
): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
      throw new DeliveryError(`no answer within ${timeoutMs / 1000} s`);
    }
    throw err;
  }
  // Read a little of the answer for the error, and release the connection either way.
  const answer = (await res.text().catch(() => '')).slice(0, 200).replace(/\s+/g, ' ').trim();
  if (res.status < 200 || res.status > 299) {
    throw new DeliveryError(`HTTP ${res.status}${answer ? ` ${answer}` : ''}`);
  }
}
