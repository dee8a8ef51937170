import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Avatar,
  Button,
  Flex,
  Grid,
  Layout,
  Menu,
  type MenuProps,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { auth } from '../api';
import { useReportError } from '../errors';
import { type Feature, features } from '../features';
import { type MessageKey, useT } from '../i18n';
import { AlertBell, AlertNavCount } from '../screening/alert-count';
import { can, FullPageSpin, useMe } from '../session';
import { WorkbenchNavCount } from '../workbench/nav-count';
import { PageErrorBoundary } from './chunk-boundary';
import { LanguageSwitch } from './language-switch';
import { TimeZoneSwitch } from './time-zone-switch';

const roleColor: Record<string, string> = {
  admin: 'red',
  supervisor: 'gold',
  agent: 'blue',
  auditor: 'purple',
};

function selectedFeature(pathname: string): Feature | undefined {
  // The workbench answers at `/` only.
  return features.find((f) => (f.path === '/' ? pathname === '/' : pathname.startsWith(f.path)));
}

/** The menu key to highlight: a section's most specific page (an entry's page belongs to the list). */
function selectedKey(pathname: string): string {
  const f = selectedFeature(pathname);
  if (!f?.children) return f?.path ?? '';
  const within = (p: string) => pathname === p || pathname.startsWith(`${p}/`);
  const best = f.children.filter((c) => within(c.path)).sort((a, b) => b.path.length - a.path.length)[0];
  return best?.path ?? f.path;
}

export function ConsoleLayout() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [collapsed, setCollapsed] = useState(false);
  // A phone (below 768 px): the menu slides over the page from a tab and closes on a choice.
  const phone = Grid.useBreakpoint().md === false;
  const section = selectedFeature(location.pathname);
  const [openKeys, setOpenKeys] = useState<string[]>(section?.children ? [`section:${section.path}`] : []);
  // Arriving in a section (by a link, not the menu) opens it in the menu.
  useEffect(() => {
    if (!section?.children) return;
    const key = `section:${section.path}`;
    setOpenKeys((keys) => (keys.includes(key) ? keys : [...keys, key]));
  }, [section]);

  const logout = useMutation({
    mutationFn: auth.logout,
    onSuccess: () => {
      queryClient.clear();
      void message.success(t('header.loggedOut'));
      navigate('/login', { replace: true });
    },
    onError: reportError,
  });

  const visible = features.filter((f) => !f.permission || can(me.data, f.permission));
  const item = (f: Feature): NonNullable<MenuProps['items']>[number] => {
    const children = f.children?.filter((c) => !c.permission || can(me.data, c.permission));
    if (!children?.length)
      return {
        key: f.path,
        icon: f.icon,
        label: (
          <>
            <span data-testid={`nav-${f.id}`}>{t(f.label)}</span>
            {f.id === 'alerts' && <AlertNavCount />}
            {f.id === 'workbench' && <WorkbenchNavCount section="all" />}
            {f.id === 'complaints' && <WorkbenchNavCount section="overdue" />}
          </>
        ),
      };
    return {
      key: `section:${f.path}`,
      icon: f.icon,
      label: <span data-testid={`nav-${f.id}`}>{t(f.label)}</span>,
      children: children.map((c) => ({
        key: c.path,
        label: (
          <>
            <span data-testid={`nav-${c.id}`}>{t(c.label)}</span>
            {c.id === 'blocklist-approvals' && <WorkbenchNavCount section="pendingApprovals" />}
          </>
        ),
      })),
    };
  };
  const admin = visible.filter((f) => f.group === 'admin');
  const items: MenuProps['items'] = [
    ...visible.filter((f) => f.group === 'work').map(item),
    ...(admin.length
      ? [{ type: 'group' as const, key: 'admin', label: t('nav.admin'), children: admin.map(item) }]
      : []),
  ];

  const user = me.data?.user;
  const role = user?.role ?? me.data?.apiKey?.role;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        width={224}
        breakpoint="lg"
        collapsedWidth={phone ? 0 : 64}
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        style={
          phone
            ? { position: 'fixed', top: 0, left: 0, height: '100vh', zIndex: 100 }
            : { position: 'sticky', top: 0, height: '100vh' }
        }
      >
        <div className="warden-brand">
          <img src="/favicon.svg" alt="" />
          {!collapsed && <span>{t('app.name')}</span>}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          data-testid="side-nav"
          selectedKeys={[selectedKey(location.pathname)]}
          openKeys={collapsed ? undefined : openKeys}
          onOpenChange={(keys) => {
            // Opening a section from outside it also goes to its main page.
            const opened = keys.find((k) => !openKeys.includes(k));
            const f = features.find((x) => `section:${x.path}` === opened);
            if (f && !location.pathname.startsWith(f.path)) navigate(f.path);
            setOpenKeys(keys);
          }}
          items={items}
          onClick={(e) => {
            navigate(e.key);
            if (phone) setCollapsed(true);
          }}
          style={{ background: 'transparent', borderInlineEnd: 0, paddingTop: 8 }}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="warden-header">
          <AlertBell />
          <LanguageSwitch />
          <TimeZoneSwitch />
          <Flex align="center" gap={8} data-testid="current-user">
            <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1668dc' }} />
            <Typography.Text data-testid="current-user-email" className="warden-hide-phone">
              {user?.email ?? me.data?.apiKey?.name}
            </Typography.Text>
            {role && (
              <Tag color={roleColor[role]} data-testid="current-user-role" style={{ marginInlineEnd: 0 }}>
                {t(`role.${role}` as MessageKey)}
              </Tag>
            )}
          </Flex>
          <Tooltip title={t('header.logout')}>
            <Button
              type="text"
              icon={<LogoutOutlined />}
              loading={logout.isPending}
              onClick={() => logout.mutate()}
              data-testid="logout"
              aria-label={t('header.logout')}
            />
          </Tooltip>
        </Layout.Header>
        <Layout.Content className="warden-content">
          <PageErrorBoundary resetKey={location.pathname}>
            <Suspense fallback={<FullPageSpin />}>
              <Outlet />
            </Suspense>
          </PageErrorBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
