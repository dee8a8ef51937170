import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, type ReactNode, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { ApiError } from './api';
import { features } from './features';
import { LocaleProvider, useLocale } from './i18n';
import { FullPageSpin, meKey, RequireSession } from './session';

const LoginPage = lazy(() => import('./pages/login-page').then((m) => ({ default: m.LoginPage })));
const ConsoleLayout = lazy(() =>
  import('./layout/console-layout').then((m) => ({ default: m.ConsoleLayout })),
);
const ComingSoon = lazy(() => import('./pages/coming-soon').then((m) => ({ default: m.ComingSoon })));
const UsersPage = lazy(() => import('./pages/users-page').then((m) => ({ default: m.UsersPage })));
const ApiKeysPage = lazy(() => import('./pages/api-keys-page').then((m) => ({ default: m.ApiKeysPage })));
const AuditPage = lazy(() => import('./pages/audit-page').then((m) => ({ default: m.AuditPage })));
const PrivacyPage = lazy(() => import('./pages/privacy-page').then((m) => ({ default: m.PrivacyPage })));
const BlocklistOverviewPage = lazy(() =>
  import('./pages/blocklist-overview-page').then((m) => ({ default: m.BlocklistOverviewPage })),
);
const BlocklistListPage = lazy(() =>
  import('./pages/blocklist-list-page').then((m) => ({ default: m.BlocklistListPage })),
);
const BlocklistDetailPage = lazy(() =>
  import('./pages/blocklist-detail-page').then((m) => ({ default: m.BlocklistDetailPage })),
);
const BlocklistCategoriesPage = lazy(() =>
  import('./pages/blocklist-categories-page').then((m) => ({ default: m.BlocklistCategoriesPage })),
);
const BlocklistImportPage = lazy(() =>
  import('./pages/blocklist-import-page').then((m) => ({ default: m.BlocklistImportPage })),
);
const RulesListPage = lazy(() =>
  import('./pages/rules-list-page').then((m) => ({ default: m.RulesListPage })),
);
const RulesEditorPage = lazy(() =>
  import('./pages/rules-editor-page').then((m) => ({ default: m.RulesEditorPage })),
);
const MessagesListPage = lazy(() =>
  import('./pages/messages-list-page').then((m) => ({ default: m.MessagesListPage })),
);
const ConsentsPage = lazy(() => import('./pages/consents-page').then((m) => ({ default: m.ConsentsPage })));
const AlertsInboxPage = lazy(() =>
  import('./pages/alerts-inbox-page').then((m) => ({ default: m.AlertsInboxPage })),
);
const ApprovalsPage = lazy(() =>
  import('./pages/approvals-page').then((m) => ({ default: m.ApprovalsPage })),
);
const DashboardPage = lazy(() =>
  import('./pages/dashboard-page').then((m) => ({ default: m.DashboardPage })),
);
const ComplaintsListPage = lazy(() =>
  import('./pages/complaints-list-page').then((m) => ({ default: m.ComplaintsListPage })),
);
const ComplaintDetailPage = lazy(() =>
  import('./pages/complaints-detail-page').then((m) => ({ default: m.ComplaintDetailPage })),
);
const CustomerLookupPage = lazy(() =>
  import('./pages/customer-lookup-page').then((m) => ({ default: m.CustomerLookupPage })),
);
const Customer360Page = lazy(() =>
  import('./pages/customer-360-page').then((m) => ({ default: m.Customer360Page })),
);
const SettingsPage = lazy(() => import('./pages/settings-page').then((m) => ({ default: m.SettingsPage })));
const NotFound = lazy(() => import('./pages/not-found').then((m) => ({ default: m.NotFound })));
const RequirePermission = lazy(() =>
  import('./pages/not-found').then((m) => ({ default: m.RequirePermission })),
);

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
    if (id === 'complaints') return <ComplaintsListPage />;
    if (id === 'customers') return <CustomerLookupPage />;
    if (id === 'settings') return <SettingsPage />;
    return null;
  };
  return (
    <LocaleProvider>
      <AntdShell>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
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
                  <Route path="/blocklist/:id" element={guarded('blocklist:read', <BlocklistDetailPage />)} />
                  <Route path="/rules/new" element={guarded('rules:write', <RulesEditorPage />)} />
                  <Route path="/rules/:id" element={guarded('rules:read', <RulesEditorPage />)} />
                  <Route path="/dashboard" element={<DashboardPage />} />
                  <Route
                    path="/complaints/:id"
                    element={guarded('complaints:read', <ComplaintDetailPage />)}
                  />
                  <Route path="/customers/:id" element={guarded('customers:read', <Customer360Page />)} />
                  {features.map((f) => {
                    if (f.children) return null;
                    const element = guarded(f.permission, f.soon ? <ComingSoon feature={f} /> : pageOf(f.id));
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
          </BrowserRouter>
        </QueryClientProvider>
      </AntdShell>
    </LocaleProvider>
  );
}
