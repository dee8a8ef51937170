import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Flex,
  Progress,
  Result,
  Row,
  Space,
  Statistic,
  Steps,
  Switch,
  Table,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { blocklist, blocklistKeys, type ImportJob, type ImportReport, ProblemError } from '../blocklist/api';
import { blocklistErrorText } from '../blocklist/errors';
import { useWordCoded } from '../coded-text';
import { type Translate, useT } from '../i18n';
import { PageHeader } from '../layout/page-header';

const POLL_MS = 500;
const finished = (j: ImportJob) => j.status === 'succeeded' || j.status === 'failed';
const day = (d: Date) => d.toISOString().slice(0, 10);

/** The template: our Chinese headers and one example row (BOM first, so Excel reads it as UTF-8). */
function downloadTemplate() {
  const now = new Date();
  const nextYear = new Date(now.getTime() + 365 * 86_400_000);
  const rows = [
    ['手机号', '邮箱', '用户ID', '级别', '分类', '原因', '生效时间', '到期时间'],
    ['13800138000', '', '', '2', 'complaint_abuse', '每天几十条重复投诉', day(now), day(nextYear)],
  ];
  const csv = `\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`;
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'warden-blocklist-template.csv';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

interface RunOptions {
  file: File;
  dryRun: boolean;
  skipInvalid: boolean;
  confirm: boolean;
}

/**
 * One import run: the upload answers 200 (finished) or 202 (running, polled
 * every 500 ms); a rejected file is a 422 IMPORT_INVALID carrying the report.
 */
function useImportRun() {
  const start = useMutation({ mutationFn: (o: RunOptions) => blocklist.startImport(o.file, o) });
  const running = start.data && !finished(start.data) ? start.data.id : null;
  const poll = useQuery({
    queryKey: ['imports', running],
    queryFn: () => blocklist.importJob(running ?? ''),
    enabled: running !== null,
    refetchInterval: (q) => (q.state.data && finished(q.state.data) ? false : POLL_MS),
  });
  const job = (running && poll.data) || start.data || null;
  const invalid = start.error instanceof ProblemError && start.error.code === 'IMPORT_INVALID';
  const rejected: ImportReport | null = invalid
    ? ((start.error as ProblemError).extras.report as ImportReport)
    : job?.status === 'failed' && job.error === 'IMPORT_INVALID'
      ? job.report
      : null;
  return {
    run: start.mutate,
    reset: start.reset,
    job,
    rejected,
    busy: start.isPending || (job !== null && !finished(job)),
    error:
      (invalid ? null : start.error) ?? poll.error ?? (job?.status === 'failed' && !rejected ? job : null),
  };
}

function ProgressLine({ job }: { job: ImportJob | null }) {
  const t = useT();
  return (
    <Flex vertical gap={4} data-testid="blk-imp-progress">
      <Progress percent={job?.percent ?? 0} status="active" />
      <Typography.Text type="secondary">
        {job?.totalRows
          ? t('blk.imp.running', { processed: job.processedRows, total: job.totalRows })
          : t('blk.imp.runningUnknown', { processed: job?.processedRows ?? 0 })}
      </Typography.Text>
    </Flex>
  );
}

/** How the file was read: its format and (CSV/TSV) the encoding detected from its content. */
function ReadAs({ job }: { job: ImportJob }) {
  const t = useT();
  if (!job.format) return null;
  const encodings = {
    'utf-8': 'UTF-8',
    gb18030: 'GB18030 (GBK)',
    'utf-16le': 'UTF-16 LE',
    'utf-16be': 'UTF-16 BE',
  } as const;
  return (
    <Typography.Text type="secondary" data-testid="blk-imp-read-as">
      {job.format === 'xlsx'
        ? t('blk.imp.readAsXlsx')
        : t('blk.imp.readAs', { encoding: job.encoding ? encodings[job.encoding] : 'UTF-8' })}
    </Typography.Text>
  );
}

function ReportView({ report, dryRun }: { report: ImportReport; dryRun: boolean }) {
  const t = useT();
  const word = useWordCoded();
  // A dry run's counts are what the import would do, so both show the same figures.
  const figures: [string, number, string?][] = [
    [dryRun ? t('blk.imp.wouldCreate') : t('blk.imp.created'), report.created, '#30a46c'],
    [dryRun ? t('blk.imp.wouldUpdate') : t('blk.imp.updated'), report.updated],
    [t('blk.imp.unchanged'), report.unchanged],
    [t('blk.imp.invalid'), report.invalid, report.invalid ? '#e5484d' : undefined],
    ...(report.skipped ? ([[t('blk.imp.skipped'), report.skipped]] as [string, number][]) : []),
  ];
  return (
    <Flex vertical gap={16}>
      <Row gutter={16} data-testid="blk-imp-report">
        {figures.map(([title, value, color]) => (
          <Col key={title} xs={12} md={6}>
            <Statistic title={title} value={value} styles={{ content: color ? { color } : undefined }} />
          </Col>
        ))}
      </Row>
      {report.errors.length > 0 && (
        <>
          <Table
            rowKey="line"
            size="small"
            data-testid="blk-imp-errors"
            dataSource={report.errors}
            pagination={report.errors.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
            columns={[
              { title: t('blk.imp.line'), dataIndex: 'line', width: 90 },
              {
                title: t('blk.imp.problem'),
                dataIndex: 'reason',
                render: (reason: string, e) =>
                  e.code ? word({ code: e.code, params: e.params ?? {} }, reason) : reason,
              },
            ]}
          />
          {report.errorCount > report.errors.length && (
            <Typography.Text type="secondary">
              {t('blk.imp.moreErrors', { shown: report.errors.length, count: report.errorCount })}
            </Typography.Text>
          )}
        </>
      )}
    </Flex>
  );
}

function errorLine(t: Translate, err: unknown): string {
  if (err && typeof err === 'object' && 'status' in err && 'report' in err) {
    return t('blk.imp.failed', { error: String((err as ImportJob).error ?? '') });
  }
  return blocklistErrorText(t, err);
}

export function BlocklistImportPage() {
  const t = useT();
  const queryClient = useQueryClient();
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const dry = useImportRun();
  const real = useImportRun();

  const startDryRun = () => {
    if (!file) return;
    real.reset();
    setStep(1);
    dry.run({ file, dryRun: true, skipInvalid, confirm });
  };
  const startImport = () => {
    if (!file) return;
    setStep(2);
    real.run(
      { file, dryRun: false, skipInvalid, confirm },
      { onSettled: () => void queryClient.invalidateQueries({ queryKey: blocklistKeys.all }) },
    );
  };
  const restart = () => {
    dry.reset();
    real.reset();
    setFile(null);
    setSkipInvalid(false);
    setConfirm(false);
    setStep(0);
  };

  const dryReport = dry.job && finished(dry.job) && dry.job.status === 'succeeded' ? dry.job.report : null;
  const realDone = real.job && real.job.status === 'succeeded' ? real.job : null;

  return (
    <>
      <PageHeader title={t('blk.imp.title')} subtitle={t('blk.imp.subtitle')} />
      <Card>
        <Steps
          current={step}
          status={step === 2 && (real.rejected || real.error) ? 'error' : undefined}
          style={{ marginBottom: 24 }}
          items={[
            { title: t('blk.imp.step.file') },
            { title: t('blk.imp.step.check') },
            { title: t('blk.imp.step.import') },
          ]}
        />
        {step === 0 && (
          <Flex vertical gap={16}>
            <Alert
              type="info"
              showIcon
              title={t('blk.imp.templateHint')}
              action={
                <Button icon={<DownloadOutlined />} onClick={downloadTemplate} data-testid="blk-imp-template">
                  {t('blk.imp.template')}
                </Button>
              }
            />
            <div data-testid="blk-imp-file">
              <Upload.Dragger
                accept=".csv,.tsv,.txt,.xlsx"
                maxCount={1}
                multiple={false}
                fileList={
                  file
                    ? [{ uid: 'file', name: file.name, status: 'done', size: file.size, type: file.type }]
                    : []
                }
                beforeUpload={(f) => {
                  setFile(f);
                  return false;
                }}
                onRemove={() => setFile(null)}
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p className="ant-upload-text">{t('blk.imp.drop')}</p>
                <p className="ant-upload-hint">{t('blk.imp.dropHint')}</p>
              </Upload.Dragger>
            </div>
            <Flex justify="end">
              <Button type="primary" disabled={!file} onClick={startDryRun} data-testid="blk-imp-dry-run">
                {t('blk.imp.dryRun')}
              </Button>
            </Flex>
          </Flex>
        )}
        {step === 1 && (
          <Flex vertical gap={16} data-testid="blk-imp-check">
            {file && <Typography.Text strong>{t('blk.imp.file', { name: file.name })}</Typography.Text>}
            {dry.busy && <ProgressLine job={dry.job} />}
            {dry.error && <Alert type="error" showIcon title={errorLine(t, dry.error)} />}
            {dryReport && (
              <>
                <Alert
                  type={dryReport.invalid ? 'warning' : 'success'}
                  showIcon
                  data-testid="blk-imp-dry-result"
                  title={
                    dryReport.invalid ? t('blk.imp.dryBad', { count: dryReport.invalid }) : t('blk.imp.dryOk')
                  }
                />
                {dry.job && <ReadAs job={dry.job} />}
                <ReportView report={dryReport} dryRun />
                <Space orientation="vertical">
                  <Space>
                    <Switch
                      checked={skipInvalid}
                      onChange={setSkipInvalid}
                      data-testid="blk-imp-skip-invalid"
                    />
                    <Typography.Text>{t('blk.imp.skipInvalid')}</Typography.Text>
                  </Space>
                  <Space>
                    <Switch checked={confirm} onChange={setConfirm} data-testid="blk-imp-confirm" />
                    <Typography.Text>{t('blk.imp.confirm')}</Typography.Text>
                  </Space>
                </Space>
              </>
            )}
            <Flex justify="space-between">
              <Button onClick={() => setStep(0)} disabled={dry.busy}>
                {t('blk.imp.back')}
              </Button>
              <Button
                type="primary"
                disabled={!dryReport || dryReport.valid === 0}
                onClick={startImport}
                data-testid="blk-imp-start"
              >
                {t('blk.imp.start')}
              </Button>
            </Flex>
          </Flex>
        )}
        {step === 2 && (
          <Flex vertical gap={16} data-testid="blk-imp-result">
            {real.busy && <ProgressLine job={real.job} />}
            {realDone && (
              <Result
                data-testid="blk-imp-success"
                status="success"
                title={t('blk.imp.success')}
                subTitle={t('blk.imp.successBody', {
                  created: realDone.report.created,
                  updated: realDone.report.updated,
                  unchanged: realDone.report.unchanged,
                  invalid: realDone.report.invalid,
                })}
                extra={[
                  <Link key="list" to="/blocklist?source=import">
                    <Button type="primary">{t('blk.imp.viewList')}</Button>
                  </Link>,
                  <Button key="again" onClick={restart}>
                    {t('blk.imp.again')}
                  </Button>,
                ]}
              />
            )}
            {real.rejected && (
              <>
                <Result
                  status="error"
                  title={<span data-testid="blk-imp-rejected">{t('blk.imp.rejected')}</span>}
                  subTitle={t('blk.imp.rejectedBody')}
                />
                <ReportView report={real.rejected} dryRun />
              </>
            )}
            {real.error && <Alert type="error" showIcon title={errorLine(t, real.error)} />}
            {!real.busy && !realDone && (
              <Flex justify="space-between">
                <Button onClick={() => setStep(1)}>{t('blk.imp.back')}</Button>
                <Button onClick={restart}>{t('blk.imp.again')}</Button>
              </Flex>
            )}
          </Flex>
        )}
      </Card>
    </>
  );
}
