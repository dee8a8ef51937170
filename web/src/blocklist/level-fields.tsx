import { Flex, Form, InputNumber, Radio, Select, Space, Tag, Typography } from 'antd';
import { useT } from '../i18n';
import { type Channel, channels, type Level, levels, type RateLimit } from './api';
import { channelText, levelColor } from './display';

export const windowUnits = { minute: 60, hour: 3600, day: 86_400 } as const;
export type WindowUnit = keyof typeof windowUnits;

/** The form's side of a level: level, limit (level 2) and allowed channels (level 3). */
export interface LevelValues {
  level: Level;
  limitMax?: number | null;
  limitWindow?: number | null;
  limitUnit?: WindowUnit;
  allowedChannels?: Channel[];
}

/** 86400 → 1 day, 7200 → 2 hours, 90 → 2 minutes (the form counts whole minutes). */
export function splitWindow(seconds: number): { limitWindow: number; limitUnit: WindowUnit } {
  if (seconds % windowUnits.day === 0) return { limitWindow: seconds / windowUnits.day, limitUnit: 'day' };
  if (seconds % windowUnits.hour === 0) return { limitWindow: seconds / windowUnits.hour, limitUnit: 'hour' };
  return { limitWindow: Math.max(1, Math.round(seconds / 60)), limitUnit: 'minute' };
}

export function levelValuesOf(e: {
  level: Level;
  limit: RateLimit | null;
  allowedChannels: string[] | null;
}): LevelValues {
  return {
    level: e.level,
    limitMax: e.limit?.max ?? null,
    ...(e.limit ? splitWindow(e.limit.windowSeconds) : { limitWindow: 1, limitUnit: 'day' as const }),
    allowedChannels: (e.allowedChannels ?? []) as Channel[],
  };
}

export function limitOf(v: LevelValues): RateLimit | null {
  if (v.level !== 2 || !v.limitMax || !v.limitWindow) return null;
  return { max: v.limitMax, windowSeconds: v.limitWindow * windowUnits[v.limitUnit ?? 'day'] };
}

export function channelsOf(v: LevelValues): Channel[] | null {
  return v.level === 3 ? (v.allowedChannels ?? []) : null;
}

/** Level radio with what each level means, and the level's own fields under it. */
export function LevelFields({
  compact = false,
  withChannels = true,
}: {
  compact?: boolean;
  /** A category has no channels of its own: its level 3 needs them on each entry. */
  withChannels?: boolean;
}) {
  const t = useT();
  const form = Form.useFormInstance<LevelValues>();
  const level = Form.useWatch('level', form);
  return (
    <>
      <Form.Item name="level" label={t('blk.field.level')} rules={[{ required: true }]}>
        <Radio.Group data-testid="blk-form-level">
          <Flex vertical gap={compact ? 4 : 8}>
            {levels.map((l) => (
              <Radio key={l} value={l} data-testid={`blk-form-level-${l}`}>
                <Space size={6} wrap={false} align="start">
                  <Tag color={levelColor[l]} style={{ marginInlineEnd: 0 }}>
                    {l} {t(`blk.level.${l}`)}
                  </Tag>
                  {!compact && (
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {t(`blk.level.${l}.help`)}
                    </Typography.Text>
                  )}
                </Space>
              </Radio>
            ))}
          </Flex>
        </Radio.Group>
      </Form.Item>
      {level === 2 && (
        <Form.Item label={t('blk.field.limit')} required>
          <Space.Compact>
            <Space.Addon>{t('blk.form.limitMax')}</Space.Addon>
            <Form.Item
              name="limitMax"
              noStyle
              rules={[{ required: true, message: t('blk.form.limitRequired') }]}
            >
              <InputNumber
                min={1}
                max={1_000_000}
                precision={0}
                style={{ width: 100 }}
                data-testid="blk-form-limit-max"
              />
            </Form.Item>
            <Space.Addon>{t('blk.form.limitPer')}</Space.Addon>
            <Form.Item
              name="limitWindow"
              noStyle
              rules={[{ required: true, message: t('blk.form.limitRequired') }]}
            >
              <InputNumber
                min={1}
                max={527_040}
                precision={0}
                style={{ width: 80 }}
                data-testid="blk-form-limit-window"
              />
            </Form.Item>
            <Form.Item name="limitUnit" noStyle>
              <Select
                style={{ width: 100 }}
                data-testid="blk-form-limit-unit"
                options={(Object.keys(windowUnits) as WindowUnit[]).map((u) => ({
                  value: u,
                  label: t(`blk.unit.${u}`),
                }))}
              />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
      )}
      {level === 3 && withChannels && (
        <Form.Item
          name="allowedChannels"
          label={t('blk.field.allowedChannels')}
          rules={[{ required: true, type: 'array', min: 1, message: t('blk.form.channelsRequired') }]}
        >
          <Select
            mode="multiple"
            data-testid="blk-form-channels"
            options={channels.map((c) => ({ value: c, label: channelText(t, c) }))}
          />
        </Form.Item>
      )}
    </>
  );
}
