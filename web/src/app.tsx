import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { type ReactNode, Suspense } from 'react';
import { BrowserRouter, Route, Routes, useLocation } from 'react-router-dom';
import { ApiError } from './api';
import { features } from './features';
import { TimeZoneProvider } from './format';
import { LocaleProvider, useLocale } from './i18n';
import { lazyPage, PageErrorBoundary } from './layout/chunk-boundary';
import { FullPageSpin, meKey, RequireSession } from './session';

const LoginPage = lazyPage(() => import('./pages/login-page').then((m) => m.LoginPage));
const ConsoleLayout = lazyPage(() => import('./layout/console-layout').then((m) => m.ConsoleLayout));
const ComingSoon = lazyPage(() => import('./pages/coming-soon').then((m) => m.ComingSoon));
const UsersPage = lazyPage(() => import('./pages/users-page').then((m) => m.UsersPage));
const ApiKeysPage = lazyPage(() => import('./pages/api-keys-page').then((m) => m.ApiKeysPage));
const AuditPage = lazyPage(() => import('./pages/audit-page').then((m) => m.AuditPage));
const PrivacyPage = lazyPage(() => import('./pages/privacy-page').then((m) => m.PrivacyPage));
const SettingsPage = lazyPage(() => import('./pages/settings-page').then((m) => m.SettingsPage));
const BlocklistOverviewPage = lazyPage(() =>
  import('./pages/blocklist-overview-page').then((m) => m.BlocklistOverviewPage),
);
const BlocklistListPage = lazyPage(() =>
  import('./pages/blocklist-list-page').then((m) => m.BlocklistListPage),
);
const BlocklistDetailPage = lazyPage(() =>
  import('./pages/blocklist-detail-page').then((m) => m.BlocklistDetailPage),
);
const BlocklistCategoriesPage = lazyPage(() =>
  import('./pages/blocklist-categories-page').then((m) => m.BlocklistCategoriesPage),
);
const BlocklistImportPage = lazyPage(() =>
  import('./pages/blocklist-import-page').then((m) => m.BlocklistImportPage),
);
const RulesListPage = lazyPage(() => import('./pages/rules-list-page').then((m) => m.RulesListPage));
const RulesEditorPage = lazyPage(() => import('./pages/rules-editor-page').then((m) => m.RulesEditorPage));
const MessagesListPage = lazyPage(() => import('./pages/messages-list-page').then((m) => m.MessagesListPage));
const ConsentsPage = lazyPage(() => import('./pages/consents-page').then((m) => m.ConsentsPage));
const AlertsInboxPage = lazyPage(() => import('./pages/alerts-inbox-page').then((m) => m.AlertsInboxPage));
const ApprovalsPage = lazyPage(() => import('./pages/approvals-page').then((m) => m.ApprovalsPage));
const DashboardPage = lazyPage(() => import('./pages/dashboard-page').then((m) => m.DashboardPage));
const WorkbenchPage = lazyPage(() => import('./pages/workbench-page').then((m) => m.WorkbenchPage));
const ComplaintsListPage = lazyPage(() =>
  import('./pages/complaints-list-page').then((m) => m.ComplaintsListPage),
);
const ComplaintDetailPage = lazyPage(() =>
  import('./pages/complaints-detail-page').then((m) => m.ComplaintDetailPage),
);
const CustomerLookupPage = lazyPage(() =>
  import('./pages/customer-lookup-page').then((m) => m.CustomerLookupPage),
);
const Customer360Page = lazyPage(() => import('./pages/customer-360-page').then((m) => m.Customer360Page));
const WinbackListPage = lazyPage(() => import('./pages/winback-list-page').then((m) => m.WinbackListPage));
const WinbackDetailPage = lazyPage(() =>
  import('./pages/winback-detail-page').then((m) => m.WinbackDetailPage),
);
const NotFound = lazyPage(() => import('./pages/not-found').then((m) => m.NotFound));
const RequirePermission = lazyPage(() => import('./pages/not-found').then((m) => m.RequirePermission));

const isMeKey = (key: readonly unknown[]) => key[0] === meKey[0] && key[1] === meKey[1];

const isClientError = (err: unknown) => err instanceof ApiError && err.status >= 400 && err.status < 500;

const queryClient: QueryClient = new QueryClient({
  // A 401 from any call means the session ended: refetching "me" lets RequireSession send the user to /login.
  queryCache: new QueryCache({
    onError: (err, q) => {
      if (err instanceof ApiError && err.status === 401 && !isMeKey(q.queryKey))
        void queryClient.invalidateQueries({ queryKey: meKey });
    },
  }),
  mutationCache: new MutationCache({
    onError: (err) => {
      if (err instanceof ApiError && err.status === 401 && err.code === 'UNAUTHENTICATED')
        void queryClient.invalidateQueries({ queryKey: meKey });
    },
  }),
  defaultOptions: {
    queries: {
      retry: (count, err) => !isClientError(err) && count < 2,
      refetchOnWindowFocus: false,
    },
    mutations: { retry: false },
  },
});

function AntdShell({ children }: { children: ReactNode }) {
  const { locale } = useLocale();
  return (
    <ConfigProvider
      locale={locale === 'zh-CN' ? zhCN : enUS}
      theme={{
        algorithm: theme.defaultAlgorithm,
        token: {
          colorPrimary: '#1668dc',
          borderRadius: 6,
          fontFamily:
            "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
        },
        components: { Layout: { headerBg: '#ffffff', siderBg: '#0b1a30', triggerBg: '#10243f' } },
      }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

/** The outer catch, for the layout's own file and the login page; pages have theirs inside the layout. */
function ShellBoundary({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  return <PageErrorBoundary resetKey={pathname}>{children}</PageErrorBoundary>;
}

export function ConsoleApp() {
  const guarded = (permission: string | undefined, page: ReactNode) =>
    permission ? <RequirePermission permission={permission}>{page}</RequirePermission> : page;
  const pageOf = (id: string): ReactNode => {
    if (id === 'users') return <UsersPage />;
    if (id === 'apiKeys') return <ApiKeysPage />;
    if (id === 'audit') return <AuditPage />;
    if (id === 'privacy') return <PrivacyPage />;
    if (id === 'blocklist-overview') return <BlocklistOverviewPage />;
    if (id === 'blocklist-list') return <BlocklistListPage />;
    if (id === 'blocklist-categories') return <BlocklistCategoriesPage />;
    if (id === 'blocklist-import') return <BlocklistImportPage />;
    if (id === 'blocklist-approvals') return <ApprovalsPage />;
    if (id === 'rules') return <RulesListPage />;
    if (id === 'messages') return <MessagesListPage />;
    if (id === 'consents') return <ConsentsPage />;
    if (id === 'alerts') return <AlertsInboxPage />;
    if (id === 'dashboard') return <DashboardPage />;
    if (id === 'workbench') return <WorkbenchPage />;
    if (id === 'complaints') return <ComplaintsListPage />;
    if (id === 'customers') return <CustomerLookupPage />;
    if (id === 'settings') return <SettingsPage />;
    if (id === 'winback') return <WinbackListPage />;
    return null;
  };
  return (
    <LocaleProvider>
      <TimeZoneProvider>
        <AntdShell>
          <QueryClientProvider client={queryClient}>
            <BrowserRouter>
              <ShellBoundary>
                <Suspense fallback={<FullPageSpin />}>
                  <Routes>
                    <Route path="/login" element={<LoginPage />} />
                    <Route path="/setup" element={<LoginPage />} />
                    <Route
                      element={
                        <RequireSession>
                          <ConsoleLayout />
                        </RequireSession>
                      }
                    >
                      {features.flatMap((f) =>
                        (f.children ?? []).map((c) => (
                          <Route
                            key={c.id}
                            path={c.path}
                            element={guarded(f.permission, guarded(c.permission, pageOf(c.id)))}
                          />
                        )),
                      )}
                      <Route
                        path="/blocklist/:id"
                        element={guarded('blocklist:read', <BlocklistDetailPage />)}
                      />
                      <Route path="/rules/new" element={guarded('rules:write', <RulesEditorPage />)} />
                      <Route path="/rules/:id" element={guarded('rules:read', <RulesEditorPage />)} />
                      <Route
                        path="/complaints/:id"
                        element={guarded('complaints:read', <ComplaintDetailPage />)}
                      />
                      <Route path="/customers/:id" element={guarded('customers:read', <Customer360Page />)} />
                      <Route path="/winback/:id" element={guarded('winback:read', <WinbackDetailPage />)} />
                      {features.map((f) => {
                        if (f.children) return null;
                        const element = guarded(
                          f.permission,
                          f.soon ? <ComingSoon feature={f} /> : pageOf(f.id),
                        );
                        return f.path === '/' ? (
                          <Route key={f.id} index element={element} />
                        ) : (
                          <Route key={f.id} path={f.path} element={element} />
                        );
                      })}
                      <Route path="*" element={<NotFound />} />
                    </Route>
                  </Routes>
                </Suspense>
              </ShellBoundary>
            </BrowserRouter>
          </QueryClientProvider>
        </AntdShell>
      </TimeZoneProvider>
    </LocaleProvider>
  );
}
