import { ReloadOutlined } from '@ant-design/icons';
import { Button, Result, Space } from 'antd';
import { Component, type ComponentType, type ErrorInfo, lazy, type ReactNode } from 'react';
import { useT } from '../i18n';

/**
 * Pages load as separate files. A blip (server restarting, network gone for a
 * moment) or an old tab after an upgrade (the old file names now 404) makes
 * that load fail; without this the console went white.
 */

let generation = 0;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A failed page load is tried again a moment later, twice, before it is an error. */
async function withRetries<T>(load: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await load();
    } catch (err) {
      if (attempt >= 2) throw err;
      await wait(400 * 3 ** attempt);
    }
  }
}

/**
 * `React.lazy` that retries the load, and after a failure loads afresh once
 * the error boundary's "retry" is pressed (React.lazy alone keeps the failure).
 *
 * @example const UsersPage = lazyPage(() => import('./pages/users-page').then((m) => m.UsersPage));
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let failed = false;
  let madeIn = generation;
  const make = () =>
    lazy(async () => {
      try {
        return { default: await withRetries(load) };
      } catch (err) {
        failed = true;
        throw err;
      }
    });
  let Current = make();
  // biome-ignore lint/correctness/noComponentHookFactories: like React.lazy, called once per page at module level, never during render.
  function LazyPage(props: P) {
    if (failed && madeIn !== generation) {
      failed = false;
      madeIn = generation;
      Current = make();
    }
    return <Current {...props} />;
  }
  return LazyPage;
}

/** Whether an error is a page file that could not be fetched (Chromium, Firefox, Safari, Vite's preload). */
export function isChunkLoadError(err: unknown): boolean {
  const text = err instanceof Error ? `${err.name} ${err.message}` : String(err);
  return /dynamically imported module|module script failed|Importing a module script failed|Unable to preload|error loading dynamically|ChunkLoadError/i.test(
    text,
  );
}

function BoundaryResult({ chunk, onRetry }: { chunk: boolean; onRetry: () => void }) {
  const t = useT();
  return (
    <Result
      status="warning"
      title={t(chunk ? 'boundary.chunk.title' : 'boundary.error.title')}
      subTitle={t('boundary.subtitle')}
      data-testid="page-error"
      extra={
        <Space>
          <Button type="primary" onClick={onRetry} data-testid="page-error-retry">
            {t('common.retry')}
          </Button>
          <Button
            icon={<ReloadOutlined />}
            onClick={() => window.location.reload()}
            data-testid="page-error-reload"
          >
            {t('boundary.reload')}
          </Button>
        </Space>
      }
    />
  );
}

/**
 * Catches a page that failed to load or to render: says so, with "retry"
 * (loads the page file afresh) and "reload" (forms keep their drafts in
 * sessionStorage, so nothing typed is lost). `resetKey` (the path) clears it
 * when the person goes elsewhere.
 */
export class PageErrorBoundary extends Component<
  { children: ReactNode; resetKey: string },
  { error: unknown; key: string }
> {
  override state = { error: null as unknown, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  static getDerivedStateFromProps(
    props: { resetKey: string },
    state: { error: unknown; key: string },
  ): { error: unknown; key: string } | null {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error('page failed', error, info.componentStack);
  }

  retry = () => {
    generation += 1;
    this.setState({ error: null });
  };

  override render() {
    if (this.state.error === null) return this.props.children;
    return <BoundaryResult chunk={isChunkLoadError(this.state.error)} onRetry={this.retry} />;
  }
}
