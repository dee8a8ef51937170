import { Card, Flex, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { CustomerName } from '../customers/display';
import { useT } from '../i18n';
import type { Complaint } from './api';
import { ComplaintStatusTag, categoryText, PriorityTag, RiskText, SlaDue } from './display';

/**
 * The queue on a phone: one card per complaint (priority, status, category,
 * the text, the customer, the SLA), opened by a tap. The same test ids as the
 * table's rows, so a check finds a complaint the same way on either.
 */
export function ComplaintCards({
  rows,
  now,
  empty,
}: {
  rows: readonly Complaint[];
  now: number;
  empty: ReactNode;
}) {
  const t = useT();
  const navigate = useNavigate();
  if (rows.length === 0) return <div style={{ padding: 16 }}>{empty}</div>;
  return (
    <Flex vertical gap={8} style={{ padding: '0 8px 8px' }} data-testid="cmp-cards">
      {rows.map((c) => (
        <Card
          key={c.id}
          size="small"
          hoverable
          data-testid={`cmp-row-${c.id}`}
          className={
            c.status !== 'resolved' && c.status !== 'closed' && Date.parse(c.slaDueAt) < now
              ? 'warden-cmp-row-overdue'
              : undefined
          }
          onClick={() => navigate(`/complaints/${c.id}`)}
        >
          <Flex vertical gap={6}>
            <Flex justify="space-between" align="center" gap={8} wrap>
              <Space size={4} wrap>
                <PriorityTag priority={c.priority} />
                <ComplaintStatusTag status={c.status} />
                <Tag
                  bordered={false}
                  color="geekblue"
                  style={{ marginInlineEnd: 0 }}
                  data-testid="cmp-category"
                >
                  {categoryText(t, c.category)}
                </Tag>
              </Space>
              <SlaDue complaint={c} now={now} compact />
            </Flex>
            <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 3 }} data-testid="cmp-text">
              <RiskText text={c.text} words={c.riskWords} />
            </Typography.Paragraph>
            {c.customerId ? (
              <Link
                to={`/customers/${encodeURIComponent(c.customerId)}`}
                onClick={(e) => e.stopPropagation()}
                data-testid="cmp-customer"
                data-customer-id={c.customerId}
              >
                <CustomerName card={c.customer} fallback={c.customerId} />
              </Link>
            ) : (
              <Typography.Text type="secondary">{t('cmp.customer.unknown')}</Typography.Text>
            )}
          </Flex>
        </Card>
      ))}
    </Flex>
  );
}
