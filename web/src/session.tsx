import { useQuery } from '@tanstack/react-query';
import { Flex, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { ApiError, auth, type Me } from './api';

export const meKey = ['auth', 'me'] as const;

/** Who is signed in; a 401 is an answer here ("nobody"), not a failure to retry. */
export function useMe() {
  return useQuery<Me, Error>({ queryKey: meKey, queryFn: auth.me, staleTime: 60_000, retry: false });
}

export function can(me: Me | undefined, permission: string): boolean {
  return me?.permissions.includes(permission) ?? false;
}

export function FullPageSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '60vh' }}>
      <Spin size="large" />
    </Flex>
  );
}

/** Renders its children for a signed-in user; sends everyone else to /login and back afterwards. */
export function RequireSession({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <FullPageSpin />;
  if (me.error instanceof ApiError && me.error.status === 401) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}
