import { LoadError } from '../layout/load-error';
import { blocklistErrorText } from './errors';

/** `LoadError` in the blocklist's words (e.g. an identifier filter that is not valid). */
export function LoadProblem({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return <LoadError error={error} onRetry={onRetry} wording={blocklistErrorText} />;
}
