import { Button, Card, Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { PRIZE_KINDS } from '@core/contest.ts';
import { formatVnd } from '../../../lib/format.ts';
import type { SettingsValues } from './settings-form.ts';

const grouping = new Intl.NumberFormat('vi-VN');

/** Prizes (R14): name, kind, how many, money per winner; with the running total. */
export function PrizesSection() {
  const { t } = useTranslation();
  const prizes = Form.useWatch<SettingsValues['prizes'] | undefined>('prizes');
  const total = (prizes ?? []).reduce((s, p) => s + (Number(p?.count) || 0) * (Number(p?.amountVnd) || 0), 0);
  const required = [{ required: true, message: t('settings.required') }];
  return (
    <Card title={t('settings.prizes')} className="manage-section">
      <Form.List name="prizes">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <fieldset key={f.key} className="manage-row manage-fieldset">
                <legend>{t('settings.prizeN', { n: i + 1 })}</legend>
                <Form.Item
                  name={[f.name, 'name']}
                  label={t('settings.prizeName')}
                  className="grow"
                  rules={[{ required: true, whitespace: true, message: t('settings.required') }]}
                >
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item name={[f.name, 'nameEn']} label={t('settings.nameEn')} className="grow">
                  <Input maxLength={200} />
                </Form.Item>
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
                    formatter={(v) =>
                      v === undefined || v === null || String(v) === '' ? '' : grouping.format(Number(v))
                    }
                    parser={(s) => Number((s ?? '').replace(/\D/g, ''))}
                    suffix="đ"
                  />
                </Form.Item>
                <div className="manage-row-action">
                  <Button danger onClick={() => remove(f.name)} aria-label={t('settings.removePrize', { n: i + 1 })}>
                    {t('common.remove')}
                  </Button>
                </div>
              </fieldset>
            ))}
            <Button type="dashed" onClick={() => add({ name: '', kind: 'jury', count: 1, amountVnd: 0 })}>
              {t('settings.addPrize')}
            </Button>
            <p style={{ marginTop: 12 }} data-testid="settings-prize-total">
              {t('home.prizes.total')} <strong>{formatVnd(total)}</strong>
            </p>
          </>
        )}
      </Form.List>
    </Card>
  );
}
