import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatVnd } from '@core/awards/money.ts';
import { COST_CATEGORIES, COST_CATEGORY_LABELS, type CostLine } from '@core/documents/budget-estimate.ts';
import type { BudgetState } from '@core/documents/budget-review.ts';
import { formatDateTime } from '@core/time.ts';
import { api, enc } from '../../../api/client.ts';
import { errorText } from '../../../api/errors.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';

interface BudgetView {
  revision: number;
  state: BudgetState;
  stale: boolean;
  lines: CostLine[];
  estimate: {
    prizeLines: { name: string; count: number; amountVnd: number; totalVnd: number }[];
    prizeTotalVnd: number;
    costTotalVnd: number;
    totalVnd: number;
    totalInWords: string;
  };
  history: { revision: number; step: string; text: string | null; totalVnd: number; at: string; by: string | null }[];
  canEdit: boolean;
  canReview: boolean;
}

const STATE_COLOR: Record<BudgetState, string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'success',
  returned: 'warning',
};

/** The budget estimate: the prize section (read only), the cost lines, and the appraisal by finance. */
export function BudgetCard({ slug, timeZone }: { slug: string; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const { message } = App.useApp();
  const qc = useQueryClient();
  const key = ['budget', slug];
  const path = `/api/contests/${enc(slug)}/budget`;
  const budget = useQuery({ queryKey: key, queryFn: () => api<BudgetView>(path) });
  const [form] = Form.useForm<{ lines: CostLine[] }>();
  const [text, setText] = useState('');
  const done = async (note: string) => {
    void message.success(note);
    setText('');
    await qc.invalidateQueries({ queryKey: key });
  };
  const save = useMutation({
    mutationFn: (lines: CostLine[]) =>
      api(path, { method: 'PUT', json: { lines: lines.map((l) => ({ ...l, note: l.note ?? '' })) } }),
    onSuccess: () => done(t('paperwork.saved')),
  });
  const step = useMutation({
    mutationFn: ({ name }: { name: 'submit' | 'approve' | 'return' | 'revise'; note: string }) =>
      api(`${path}/${name}`, { method: 'POST', json: name === 'return' || name === 'revise' ? { text } : {} }),
    onSuccess: (_r, v) => done(v.note),
    onError: (err) => void message.error(errorText(err, t('errors.unreachable'))),
  });
  const b = budget.data;
  const vnd = (n: number) => formatVnd(n, lang);
  const editing = b !== undefined && b.canEdit && (b.state === 'draft' || b.state === 'returned');

  return (
    <Card title={t('paperwork.budgetTitle')} className="manage-section">
      <ApiErrorAlert error={budget.error} />
      {b && (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <span>{t('paperwork.revision', { n: b.revision })}</span>
            <Tag color={STATE_COLOR[b.state]} data-testid="budget-state">
              {t(`paperwork.state.${b.state}`)}
            </Tag>
          </Space>
          {b.stale && <Alert type="warning" showIcon title={t('paperwork.stale')} style={{ marginBottom: 16 }} />}
          <h2 className="manage-subtitle">{t('paperwork.prizes')}</h2>
          <Table
            rowKey="name"
            size="small"
            pagination={false}
            dataSource={b.estimate.prizeLines}
            columns={[
              { title: t('paperwork.prizeName'), dataIndex: 'name' },
              { title: t('paperwork.count'), dataIndex: 'count', align: 'right' },
              { title: t('paperwork.amount'), dataIndex: 'amountVnd', align: 'right', render: vnd },
              { title: t('paperwork.lineTotal'), dataIndex: 'totalVnd', align: 'right', render: vnd },
            ]}
          />
          <h2 className="manage-subtitle">{t('paperwork.costs')}</h2>
          {editing ? (
            <CostLinesForm
              key={`${b.revision}-${b.state}-${JSON.stringify(b.lines)}`}
              form={form}
              lines={b.lines}
              lang={lang}
              saving={save.isPending}
              error={save.error}
              onSave={(lines) => save.mutate(lines)}
            />
          ) : (
            <Table
              rowKey={(_l, i) => String(i)}
              size="small"
              pagination={false}
              dataSource={b.lines}
              columns={[
                {
                  title: t('paperwork.category'),
                  dataIndex: 'category',
                  render: (c: CostLine['category']) => COST_CATEGORY_LABELS[c][lang],
                },
                { title: t('paperwork.description'), dataIndex: 'description' },
                { title: t('paperwork.unit'), dataIndex: 'unit' },
                { title: t('paperwork.quantity'), dataIndex: 'quantity', align: 'right' },
                { title: t('paperwork.unitPrice'), dataIndex: 'unitPriceVnd', align: 'right', render: vnd },
                { title: t('paperwork.note'), dataIndex: 'note' },
              ]}
            />
          )}
          <p className="budget-total" data-testid="budget-total">
            <strong>
              {t('paperwork.total')}: {vnd(b.estimate.totalVnd)} đ
            </strong>
            <br />
            <em>{b.estimate.totalInWords}</em>
          </p>
          <Space wrap style={{ marginBottom: 16 }}>
            <a className="ant-btn ant-btn-default" href={`${path}.xlsx`} download data-testid="budget-xlsx">
              {t('paperwork.download')}
            </a>
            {editing && (
              <Button
                type="primary"
                loading={step.isPending}
                onClick={() => step.mutate({ name: 'submit', note: t('paperwork.submitted') })}
                data-testid="budget-submit"
              >
                {t('paperwork.submit')}
              </Button>
            )}
          </Space>
          {b.canReview && b.state === 'submitted' && (
            <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
              <label>
                {t('paperwork.comments')}
                <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} rows={3} maxLength={2000} />
              </label>
              <Space wrap>
                <Button
                  type="primary"
                  onClick={() => step.mutate({ name: 'approve', note: t('paperwork.approved') })}
                  data-testid="budget-approve"
                >
                  {t('paperwork.approve')}
                </Button>
                <Button
                  danger
                  onClick={() => step.mutate({ name: 'return', note: t('paperwork.returned') })}
                  data-testid="budget-return"
                >
                  {t('paperwork.return')}
                </Button>
              </Space>
            </Space>
          )}
          {b.canEdit && b.state === 'approved' && (
            <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
              <label>
                {t('paperwork.reviseReason')}
                <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} rows={2} maxLength={2000} />
              </label>
              <Button onClick={() => step.mutate({ name: 'revise', note: t('paperwork.revised') })}>
                {t('paperwork.revise')}
              </Button>
            </Space>
          )}
          <h2 className="manage-subtitle">{t('paperwork.history')}</h2>
          {b.history.length === 0 ? (
            <p>{t('paperwork.noHistory')}</p>
          ) : (
            <ol className="budget-history" data-testid="budget-history">
              {b.history.map((h, i) => (
                <li key={i}>
                  {formatDateTime(h.at, timeZone)} · {t('paperwork.revision', { n: h.revision })} ·{' '}
                  <strong>{t(`paperwork.step.${h.step}`)}</strong>
                  {h.by ? ` · ${h.by}` : ''} · {vnd(h.totalVnd)} đ{h.text ? `: ${h.text}` : ''}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </Card>
  );
}

function CostLinesForm({
  form,
  lines,
  lang,
  saving,
  error,
  onSave,
}: {
  form: ReturnType<typeof Form.useForm<{ lines: CostLine[] }>>[0];
  lines: CostLine[];
  lang: 'vi' | 'en';
  saving: boolean;
  error: unknown;
  onSave: (lines: CostLine[]) => void;
}) {
  const { t } = useTranslation();
  const required = [{ required: true, message: t('settings.required') }];
  return (
    <Form form={form} layout="vertical" name="budget" initialValues={{ lines }} onFinish={(v) => onSave(v.lines ?? [])}>
      <ApiErrorAlert error={error} />
      <Form.List name="lines">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <fieldset key={f.key} className="budget-line" data-testid="budget-line">
                <legend>{t('paperwork.lineNo', { n: i + 1 })}</legend>
                <div className="manage-row">
                  <Form.Item name={[f.name, 'category']} label={t('paperwork.category')} rules={required}>
                    <Select
                      style={{ width: 240 }}
                      options={COST_CATEGORIES.map((c) => ({ value: c, label: COST_CATEGORY_LABELS[c][lang] }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'description']}
                    label={t('paperwork.description')}
                    className="grow"
                    rules={[...required, { min: 3, max: 300 }]}
                  >
                    <Input maxLength={300} />
                  </Form.Item>
                </div>
                <div className="manage-row">
                  <Form.Item name={[f.name, 'unit']} label={t('paperwork.unit')} rules={required}>
                    <Input maxLength={30} style={{ width: 110 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'quantity']} label={t('paperwork.quantity')} rules={required}>
                    <InputNumber min={0} precision={0} style={{ width: 110 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'unitPriceVnd']} label={t('paperwork.unitPrice')} rules={required}>
                    <InputNumber<number>
                      min={0}
                      precision={0}
                      style={{ width: 170 }}
                      formatter={(v) =>
                        v === undefined || v === null || v === ('' as never) ? '' : formatVnd(Number(v), lang)
                      }
                      parser={(v) => Number((v ?? '').replace(/\D/g, ''))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'note']} label={t('paperwork.note')} className="grow">
                    <Input maxLength={500} />
                  </Form.Item>
                  <Button
                    danger
                    onClick={() => remove(f.name)}
                    aria-label={t('paperwork.removeLine', { n: i + 1 })}
                    style={{ alignSelf: 'center' }}
                  >
                    {t('common.remove')}
                  </Button>
                </div>
              </fieldset>
            ))}
            <Space wrap>
              <Button
                onClick={() => add({ category: 'ceremony', quantity: 1, unitPriceVnd: 0, note: '' })}
                data-testid="budget-add-line"
              >
                {t('paperwork.addLine')}
              </Button>
              <Button type="primary" htmlType="submit" loading={saving} data-testid="budget-save">
                {t('paperwork.saveLines')}
              </Button>
            </Space>
          </>
        )}
      </Form.List>
    </Form>
  );
}
