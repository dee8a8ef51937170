import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Col, Flex, Input, Row, Table, Typography } from 'antd';
import type { BlocklistSettingsDocument } from '../../../src/blocklist/release-settings.js';
import { useCategories } from '../blocklist/display';
import { useT } from '../i18n';

const locales = ['zh-CN', 'en'] as const;
const noticeKinds = ['started', 'released'] as const;

/**
 * The blocklist section of the settings page: release reasons, the customer
 * notices per category (off unless ticked) and their wording, and the win-back
 * plan templates. Edits a draft; the page saves it with the other sections.
 */
export function BlocklistSettingsTab({
  doc,
  onChange,
  readOnly,
}: {
  doc: BlocklistSettingsDocument;
  onChange: (doc: BlocklistSettingsDocument) => void;
  readOnly: boolean;
}) {
  const t = useT();
  const categories = useCategories();
  const edit = (f: (d: BlocklistSettingsDocument) => void) => {
    const next = structuredClone(doc);
    f(next);
    onChange(next);
  };
  return (
    <Flex vertical gap={16}>
      <Card size="small" title={t('set.blk.reasons')}>
        <Typography.Paragraph type="secondary">{t('set.blk.reasonsHelp')}</Typography.Paragraph>
        <Table
          size="small"
          rowKey={(_, i) => String(i)}
          pagination={false}
          dataSource={doc.releaseReasons}
          data-testid="settings-release-reasons"
          columns={[
            {
              title: t('set.blk.key'),
              key: 'key',
              width: 180,
              render: (_, r, i) => (
                <Input
                  value={r.key}
                  disabled={readOnly}
                  onChange={(e) =>
                    edit((d) => void Object.assign(d.releaseReasons[i] ?? {}, { key: e.target.value }))
                  }
                />
              ),
            },
            ...locales.map((l) => ({
              title: l,
              key: l,
              render: (_: unknown, r: BlocklistSettingsDocument['releaseReasons'][number], i: number) => (
                <Input
                  value={r.labels[l]}
                  disabled={readOnly}
                  onChange={(e) =>
                    edit((d) => {
                      const reason = d.releaseReasons[i];
                      if (reason) reason.labels[l] = e.target.value;
                    })
                  }
                />
              ),
            })),
            {
              title: '',
              key: 'remove',
              width: 48,
              render: (_, __, i) => (
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  disabled={readOnly}
                  aria-label={t('set.blk.remove')}
                  onClick={() => edit((d) => void d.releaseReasons.splice(i, 1))}
                />
              ),
            },
          ]}
        />
        {!readOnly && (
          <Button
            icon={<PlusOutlined />}
            style={{ marginTop: 8 }}
            data-testid="settings-release-reason-add"
            onClick={() =>
              edit((d) => void d.releaseReasons.push({ key: '', labels: { 'zh-CN': '', en: '' } }))
            }
          >
            {t('set.blk.addReason')}
          </Button>
        )}
      </Card>

      <Card size="small" title={t('set.blk.notices')}>
        <Typography.Paragraph type="secondary">{t('set.blk.noticesHelp')}</Typography.Paragraph>
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={categories.items}
          columns={[
            { title: t('blk.field.category'), key: 'c', render: (_, c) => categories.labelOf(c.key) },
            ...noticeKinds.map((k) => ({
              title: t(k === 'started' ? 'set.blk.noticeStarted' : 'set.blk.noticeReleased'),
              key: k,
              width: 160,
              render: (_: unknown, c: { key: string }) => (
                <Checkbox
                  checked={doc.notices.categories[c.key]?.[k] ?? false}
                  disabled={readOnly}
                  data-testid={`settings-notice-${c.key}-${k}`}
                  onChange={(e) =>
                    edit((d) => {
                      const current = d.notices.categories[c.key] ?? { started: false, released: false };
                      current[k] = e.target.checked;
                      d.notices.categories[c.key] = current;
                    })
                  }
                />
              ),
            })),
          ]}
        />
        {noticeKinds.map((k) => (
          <div key={k} style={{ marginTop: 16 }}>
            <Typography.Text strong>
              {t(k === 'started' ? 'set.blk.noticeStarted' : 'set.blk.noticeReleased')}
            </Typography.Text>
            <Row gutter={16} style={{ marginTop: 8 }}>
              {locales.map((l) => (
                <Col xs={24} md={12} key={l}>
                  <Input
                    addonBefore={l}
                    value={doc.notices.templates[k][l].subject}
                    disabled={readOnly}
                    onChange={(e) =>
                      edit((d) => {
                        d.notices.templates[k][l].subject = e.target.value;
                      })
                    }
                  />
                  <Input.TextArea
                    rows={3}
                    style={{ marginTop: 8 }}
                    value={doc.notices.templates[k][l].text}
                    disabled={readOnly}
                    onChange={(e) =>
                      edit((d) => {
                        d.notices.templates[k][l].text = e.target.value;
                      })
                    }
                  />
                </Col>
              ))}
            </Row>
          </div>
        ))}
      </Card>

      <Card size="small" title={t('set.blk.winback')}>
        <Typography.Paragraph type="secondary">{t('set.blk.winbackHelp')}</Typography.Paragraph>
        {doc.winbackTemplates.map((w, i) => (
          <Card
            // biome-ignore lint/suspicious/noArrayIndexKey: a template being renamed has no other stable identity
            key={i}
            size="small"
            style={{ marginBottom: 12 }}
            title={
              <Input
                value={w.key}
                disabled={readOnly}
                style={{ maxWidth: 200 }}
                onChange={(e) =>
                  edit((d) => void Object.assign(d.winbackTemplates[i] ?? {}, { key: e.target.value }))
                }
              />
            }
            extra={
              !readOnly && (
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={t('set.blk.remove')}
                  onClick={() => edit((d) => void d.winbackTemplates.splice(i, 1))}
                />
              )
            }
          >
            <Row gutter={16}>
              {locales.map((l) => (
                <Col xs={24} md={12} key={l}>
                  <Input
                    addonBefore={l}
                    value={w.labels[l]}
                    disabled={readOnly}
                    onChange={(e) =>
                      edit((d) => {
                        const x = d.winbackTemplates[i];
                        if (x) x.labels[l] = e.target.value;
                      })
                    }
                  />
                  <Typography.Text type="secondary">{t('set.blk.steps')}</Typography.Text>
                  <Input.TextArea
                    rows={3}
                    value={w.steps[l].join('\n')}
                    disabled={readOnly}
                    onChange={(e) =>
                      edit((d) => {
                        const x = d.winbackTemplates[i];
                        if (x) x.steps[l] = e.target.value.split('\n').filter((s) => s.trim());
                      })
                    }
                  />
                  <Typography.Text type="secondary">{t('wb.detail.script')}</Typography.Text>
                  <Input.TextArea
                    rows={3}
                    value={w.script[l]}
                    disabled={readOnly}
                    onChange={(e) =>
                      edit((d) => {
                        const x = d.winbackTemplates[i];
                        if (x) x.script[l] = e.target.value;
                      })
                    }
                  />
                </Col>
              ))}
            </Row>
          </Card>
        ))}
        {!readOnly && (
          <Button
            icon={<PlusOutlined />}
            onClick={() =>
              edit(
                (d) =>
                  void d.winbackTemplates.push({
                    key: `plan_${d.winbackTemplates.length + 1}`,
                    labels: { 'zh-CN': '', en: '' },
                    steps: { 'zh-CN': [], en: [] },
                    script: { 'zh-CN': '', en: '' },
                  }),
              )
            }
          >
            {t('set.blk.addTemplate')}
          </Button>
        )}
      </Card>
    </Flex>
  );
}
