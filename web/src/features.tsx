import {
  AlertOutlined,
  AuditOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  FilterOutlined,
  KeyOutlined,
  MessageOutlined,
  StopOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { MessageKey } from './i18n';

export type FeatureId =
  | 'dashboard'
  | 'messages'
  | 'blocklist'
  | 'rules'
  | 'complaints'
  | 'alerts'
  | 'customers'
  | 'users'
  | 'apiKeys'
  | 'audit';

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
}

/** The console's navigation, in order. Routes and the side menu are both built from this list. */
export const features: readonly Feature[] = [
  {
    id: 'dashboard',
    path: '/',
    label: 'nav.dashboard',
    icon: <DashboardOutlined />,
    soon: 'soon.dashboard',
    group: 'work',
  },
  {
    id: 'messages',
    path: '/messages',
    label: 'nav.messages',
    icon: <MessageOutlined />,
    soon: 'soon.messages',
    group: 'work',
  },
  {
    id: 'blocklist',
    path: '/blocklist',
    label: 'nav.blocklist',
    icon: <StopOutlined />,
    soon: 'soon.blocklist',
    group: 'work',
  },
  {
    id: 'rules',
    path: '/rules',
    label: 'nav.rules',
    icon: <FilterOutlined />,
    soon: 'soon.rules',
    group: 'work',
  },
  {
    id: 'complaints',
    path: '/complaints',
    label: 'nav.complaints',
    icon: <CustomerServiceOutlined />,
    soon: 'soon.complaints',
    group: 'work',
  },
  {
    id: 'alerts',
    path: '/alerts',
    label: 'nav.alerts',
    icon: <AlertOutlined />,
    soon: 'soon.alerts',
    group: 'work',
  },
  {
    id: 'customers',
    path: '/customers',
    label: 'nav.customers',
    icon: <TeamOutlined />,
    soon: 'soon.customers',
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
];
