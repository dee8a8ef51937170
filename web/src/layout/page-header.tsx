import { Typography } from 'antd';
import { type ReactNode, useEffect } from 'react';

/** The page's title (also the browser tab's), a line on what it is for, and its main actions. */
export function PageHeader({
  title,
  subtitle,
  extra,
}: {
  title: string;
  subtitle?: string;
  extra?: ReactNode;
}) {
  useEffect(() => {
    document.title = `${title} · Warden`;
  }, [title]);
  return (
    <div className="warden-page-header">
      <div>
        <Typography.Title level={3} data-testid="page-title">
          {title}
        </Typography.Title>
        {subtitle && <Typography.Text type="secondary">{subtitle}</Typography.Text>}
      </div>
      {/* At most the row's width: on a phone its buttons wrap instead of widening the page. */}
      {extra && <div style={{ flex: 'none', maxWidth: '100%' }}>{extra}</div>}
    </div>
  );
}
