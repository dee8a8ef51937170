import {
  AlertOutlined,
  AuditOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  FilterOutlined,
  HeartOutlined,
  KeyOutlined,
  MessageOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SettingOutlined,
  StopOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { MessageKey } from './i18n';

export type FeatureId =
  | 'workbench'
  | 'dashboard'
  | 'messages'
  | 'blocklist'
  | 'rules'
  | 'consents'
  | 'complaints'
  | 'alerts'
  | 'customers'
  | 'winback'
  | 'users'
  | 'apiKeys'
  | 'audit'
  | 'privacy'
  | 'settings';

/** A page inside a feature's section, e.g. the blocklist's categories. */
export interface SubFeature {
  /** Also the navigation's test id: `nav-${id}`. */
  id: string;
  path: string;
  label: MessageKey;
  permission?: string;
}

export interface Feature {
  id: FeatureId;
  path: string;
  label: MessageKey;
  icon: ReactNode;
  /** Shown in the navigation only with this permission. */
  permission?: string;
  /** Not built yet: the page is a "coming soon" state, never sample data. */
  soon?: MessageKey;
  group: 'work' | 'admin';
  /** A section: the side menu opens these pages under the feature. */
  children?: readonly SubFeature[];
}

/** The console's navigation, in order. Routes and the side menu are both built from this list. */
export const features: readonly Feature[] = [
  {
    id: 'workbench',
    path: '/',
    label: 'nav.workbench',
    icon: <ScheduleOutlined />,
    group: 'work',
  },
  {
    id: 'dashboard',
    path: '/dashboard',
    label: 'nav.dashboard',
    icon: <DashboardOutlined />,
    group: 'work',
  },
  {
    id: 'messages',
    path: '/messages',
    label: 'nav.messages',
    icon: <MessageOutlined />,
    permission: 'messages:read',
    group: 'work',
  },
  {
    id: 'blocklist',
    path: '/blocklist',
    label: 'nav.blocklist',
    icon: <StopOutlined />,
    permission: 'blocklist:read',
    group: 'work',
    children: [
      {
        id: 'blocklist-overview',
        path: '/blocklist/overview',
        label: 'nav.blocklist.overview',
        permission: 'analytics:read',
      },
      { id: 'blocklist-list', path: '/blocklist', label: 'nav.blocklist.list' },
      { id: 'blocklist-categories', path: '/blocklist/categories', label: 'nav.blocklist.categories' },
      {
        id: 'blocklist-approvals',
        path: '/blocklist/approvals',
        label: 'nav.blocklist.approvals',
      },
      {
        id: 'blocklist-import',
        path: '/blocklist/import',
        label: 'nav.blocklist.import',
        permission: 'blocklist:import',
      },
    ],
  },
  {
    id: 'rules',
    path: '/rules',
    label: 'nav.rules',
    icon: <FilterOutlined />,
    permission: 'rules:read',
    group: 'work',
  },
  {
    id: 'consents',
    path: '/consents',
    label: 'nav.consents',
    icon: <SafetyCertificateOutlined />,
    permission: 'consents:read',
    group: 'work',
  },
  {
    id: 'complaints',
    path: '/complaints',
    label: 'nav.complaints',
    icon: <CustomerServiceOutlined />,
    permission: 'complaints:read',
    group: 'work',
  },
  {
    id: 'alerts',
    path: '/alerts',
    label: 'nav.alerts',
    icon: <AlertOutlined />,
    permission: 'alerts:read',
    group: 'work',
  },
  {
    id: 'customers',
    path: '/customers',
    label: 'nav.customers',
    icon: <TeamOutlined />,
    permission: 'customers:read',
    group: 'work',
  },
  {
    id: 'winback',
    path: '/winback',
    label: 'nav.winback',
    icon: <HeartOutlined />,
    permission: 'winback:read',
    group: 'work',
  },
  {
    id: 'users',
    path: '/users',
    label: 'nav.users',
    icon: <UserOutlined />,
    permission: 'users:read',
    group: 'admin',
  },
  {
    id: 'apiKeys',
    path: '/api-keys',
    label: 'nav.apiKeys',
    icon: <KeyOutlined />,
    permission: 'apikeys:read',
    group: 'admin',
  },
  {
    id: 'audit',
    path: '/audit',
    label: 'nav.audit',
    icon: <AuditOutlined />,
    permission: 'audit:read',
    group: 'admin',
  },
  {
    id: 'privacy',
    path: '/privacy',
    label: 'nav.privacy',
    icon: <DatabaseOutlined />,
    permission: 'retention:read',
    group: 'admin',
  },
  {
    id: 'settings',
    path: '/settings',
    label: 'nav.settings',
    icon: <SettingOutlined />,
    permission: 'settings:read',
    group: 'admin',
  },
];
