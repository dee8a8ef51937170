import { ClockCircleOutlined } from '@ant-design/icons';
import { Card, Result, Tag } from 'antd';
import type { Feature } from '../features';
import { useT } from '../i18n';
import { PageHeader } from '../layout/page-header';

/** A feature that is not built yet says so plainly, with no sample data standing in for it. */
export function ComingSoon({ feature }: { feature: Feature }) {
  const t = useT();
  const name = t(feature.label);
  return (
    <>
      <PageHeader title={name} extra={<Tag color="blue">{t('soon.title')}</Tag>} />
      <Card data-testid="coming-soon">
        <Result
          icon={<ClockCircleOutlined style={{ color: '#8c9bb0' }} />}
          title={t('soon.title')}
          subTitle={
            <>
              <div>{feature.soon ? t(feature.soon) : null}</div>
              <div style={{ marginTop: 8 }}>{t('soon.body', { feature: name })}</div>
            </>
          }
        />
      </Card>
    </>
  );
}
