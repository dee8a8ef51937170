import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { useT } from '../i18n';
import { can, useMe } from '../session';

export function NotFound() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('notFound.back')}
        </Button>
      }
    />
  );
}

/** The page for those with the permission; a clear "no access" for the rest (the API refuses them anyway). */
export function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const t = useT();
  const me = useMe();
  if (!can(me.data, permission))
    return <Result status="403" title={t('forbidden.title')} subTitle={t('forbidden.body')} />;
  return <>{children}</>;
}
