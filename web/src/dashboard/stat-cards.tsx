import { Card, Col, Row, Statistic } from 'antd';
import { Link } from 'react-router-dom';

/** One figure on a row of cards; with `to`, the card opens the list behind it. */
export interface StatCounter {
  key: string;
  title: string;
  value: number | string;
  loading: boolean;
  to?: string | undefined;
  color?: string | undefined;
}

/** A row of figures (dashboard, blocklist overview); each card is `<testIdPrefix>-<key>`. */
export function StatCards({
  counters,
  testId,
  testIdPrefix,
}: {
  counters: StatCounter[];
  testId: string;
  testIdPrefix: string;
}) {
  return (
    <Row gutter={[16, 16]} data-testid={testId}>
      {counters.map((c) => {
        const stat = (
          <Statistic
            title={c.title}
            value={c.value}
            loading={c.loading}
            styles={{ content: c.color ? { color: c.color } : undefined }}
          />
        );
        return (
          <Col key={c.key} xs={12} md={8} xl={4}>
            <Card size="small" hoverable={Boolean(c.to)} data-testid={`${testIdPrefix}-${c.key}`}>
              {c.to ? <Link to={c.to}>{stat}</Link> : stat}
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
