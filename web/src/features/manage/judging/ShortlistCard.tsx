import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Form, InputNumber, Radio, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '@core/judging/format.ts';
import { MIN_REASON_LENGTH } from '@core/judging/round-state.ts';
import { roundRanking, setShortlist, type StaffRound } from '../../../api/judging.ts';
import { currentLanguage } from '../../../i18n/index.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';
import { ReasonField } from '../FormModal.tsx';
import { useFormSend } from '../use-form-send.ts';

interface Values {
  kind: 'top_n' | 'chosen';
  n: number;
  includeBoundaryTies: boolean;
  refs: string[];
  reason: string;
}

/**
 * The chair (or the organizer) decides which entries of the previous round a draft round takes: its top N, or the
 * entries chosen from its ranking, by reference, with a reason. The round's entry list above shows the result.
 */
export function ShortlistCard({ round, onDone }: { round: StaffRound; onDone: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const previous = round.previous!;
  const ranking = useQuery({
    queryKey: ['round-ranking', previous.id, 'shortlist'],
    queryFn: () => roundRanking(previous.id, false),
  });
  const [form] = Form.useForm<Values>();
  const [saved, setSaved] = useState(false);
  const s = round.entrySet;
  const kind = Form.useWatch('kind', form) ?? (s.kind === 'chosen' ? 'chosen' : 'top_n');
  const { mutation, formProps } = useFormSend(form, {
    send: (v: Values) =>
      setShortlist(
        round.id,
        v.kind === 'top_n'
          ? { kind: 'top_n', n: v.n, includeBoundaryTies: v.includeBoundaryTies }
          : { kind: 'chosen', refs: v.refs, reason: v.reason.trim() },
      ),
    onDone: async () => {
      setSaved(true);
      await onDone();
    },
  });
  const rows = ranking.data?.rows ?? [];
  return (
    <Card
      title={t('judgingSetup.shortlistTitle', { previous: previous.name })}
      className="manage-section"
      data-testid="round-shortlist"
    >
      <p className="manage-muted">{t('judgingSetup.shortlistHint')}</p>
      <ApiErrorAlert error={ranking.error ?? mutation.error} testId="shortlist-error" />
      {saved && !mutation.error && (
        <Alert type="success" showIcon title={t('judgingSetup.shortlistSaved')} style={{ marginBottom: 12 }} />
      )}
      <Form<Values>
        {...formProps}
        name="shortlist"
        onValuesChange={() => setSaved(false)}
        initialValues={{
          kind: s.kind === 'chosen' ? 'chosen' : 'top_n',
          n: s.kind === 'top_n' ? s.n : 10,
          includeBoundaryTies: s.kind === 'top_n' ? s.includeBoundaryTies : false,
          refs: [],
          reason: s.kind === 'chosen' ? s.reason : '',
        }}
      >
        <Form.Item name="kind" label={t('judgingSetup.entries')}>
          <Radio.Group>
            <Space direction="vertical">
              <Radio value="top_n">{t('judgingSetup.entrySet.top_nChoice')}</Radio>
              <Radio value="chosen" data-testid="shortlist-chosen">
                {t('judgingSetup.entrySet.chosenChoice')}
              </Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        {kind === 'top_n' ? (
          <Space wrap align="end">
            <Form.Item name="n" label={t('judgingSetup.topN')} rules={[{ required: true, type: 'integer', min: 1 }]}>
              <InputNumber min={1} max={10000} data-testid="shortlist-n" />
            </Form.Item>
            <Form.Item name="includeBoundaryTies" valuePropName="checked">
              <Checkbox>{t('judgingSetup.boundaryTies')}</Checkbox>
            </Form.Item>
          </Space>
        ) : (
          <>
            <Form.Item
              name="refs"
              label={t('judgingSetup.chosenEntries')}
              extra={rows.length === 0 ? t('judgingSetup.chosenNone') : undefined}
              rules={[{ required: true, type: 'array', min: 1, message: t('judgingSetup.pickAtLeastOne') }]}
            >
              <Checkbox.Group>
                <Space direction="vertical">
                  {rows.map((r) => (
                    <Checkbox key={r.ref} value={r.ref} data-testid={`shortlist-pick-${r.ref}`}>
                      {r.rank ?? '—'}. {r.ref} — {r.title}
                      {r.value !== null ? ` (${formatNumber(r.value, lang, ranking.data!.method.decimals)})` : ''}
                    </Checkbox>
                  ))}
                </Space>
              </Checkbox.Group>
            </Form.Item>
            <ReasonField
              name="reason"
              label={t('judgingSetup.chosenReason')}
              extra={t('judgingSetup.shortlistHint')}
              min={MIN_REASON_LENGTH}
              tooShort={t('judgingSetup.reasonTooShort')}
              maxLength={4000}
              testId="shortlist-reason"
            />
          </>
        )}
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="shortlist-save">
            {t('judgingSetup.shortlistSave')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
