import { Card, Form, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { PRIZE_KINDS } from '@core/contest.ts';
import { formatVnd } from '../../../lib/format.ts';
import { NameFields, RowList, useRequiredRules } from './fields.tsx';
import type { SettingsValues } from './settings-form.ts';

const grouping = new Intl.NumberFormat('vi-VN');

/** Prizes (R14): name, kind, how many, money per winner; with the running total. */
export function PrizesSection() {
  const { t } = useTranslation();
  const prizes = Form.useWatch<SettingsValues['prizes'] | undefined>('prizes');
  const total = (prizes ?? []).reduce((s, p) => s + (Number(p?.count) || 0) * (Number(p?.amountVnd) || 0), 0);
  const { required } = useRequiredRules();
  return (
    <Card title={t('settings.prizes')} className="manage-section">
      <RowList
        name="prizes"
        legend={(n) => t('settings.prizeN', { n })}
        removeLabel={(n) => t('settings.removePrize', { n })}
        addText={t('settings.addPrize')}
        newRow={{ name: '', kind: 'jury', count: 1, amountVnd: 0 }}
        footer={() => (
          <p style={{ marginTop: 12 }} data-testid="settings-prize-total">
            {t('home.prizes.total')} <strong>{formatVnd(total)}</strong>
          </p>
        )}
      >
        {(f) => (
          <>
            <NameFields field={f} label={t('settings.prizeName')} />
            <Form.Item name={[f.name, 'kind']} label={t('settings.prizeKind')} rules={required}>
              <Select
                style={{ width: 190 }}
                options={PRIZE_KINDS.map((k) => ({ value: k, label: t(`prizeKind.${k}`) }))}
              />
            </Form.Item>
            <Form.Item name={[f.name, 'count']} label={t('settings.prizeCount')} rules={required}>
              <InputNumber min={1} max={100} precision={0} />
            </Form.Item>
            <Form.Item name={[f.name, 'amountVnd']} label={t('settings.prizeAmount')} rules={required}>
              <InputNumber<number>
                min={0}
                precision={0}
                style={{ width: 160 }}
                formatter={(v) => (v === undefined || v === null || String(v) === '' ? '' : grouping.format(Number(v)))}
                parser={(s) => Number((s ?? '').replace(/\D/g, ''))}
                suffix="đ"
              />
            </Form.Item>
          </>
        )}
      </RowList>
    </Card>
  );
}
