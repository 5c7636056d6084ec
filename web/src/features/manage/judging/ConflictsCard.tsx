import { Alert, Button, Card, Form, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_REASON_LENGTH } from '@core/judging/round-state.ts';
import { liftRecusal, recuseJuror, type StaffRound } from '../../../api/judging.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';
import { ReasonField } from '../FormModal.tsx';
import { useFormSend } from '../use-form-send.ts';
import { entryLabel } from './RoundSetup.tsx';
import { TakeBackConflict } from './TakeBackConflict.tsx';

interface RecusalValues {
  jurorUserId: number;
  ref: string;
  reason: string;
}

/**
 * A round's conflicts of interest: the automatic ones (same unit, computed now for a draft), those jurors declared and
 * the chair's recusals, each with its reason. The chair takes a juror off an entry here, or lifts a recusal, with a
 * reason; the same-unit conflict cannot be lifted.
 */
export function ConflictsCard({ round, onDone }: { round: StaffRound; onDone: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const mayRecuse = round.viewer.isChair && round.state !== 'locked';
  return (
    <Card title={t('judging.conflicts')} className="manage-section" data-testid="round-conflicts">
      {round.conflicts.length === 0 ? (
        <p>{t('judgingSetup.noConflicts')}</p>
      ) : (
        <Table
          rowKey={(c) => `${c.ref}:${c.jurorUserId}`}
          size="small"
          pagination={false}
          scroll={{ x: 520 }}
          dataSource={round.conflicts}
          columns={[
            {
              title: t('judgingSetup.conflictEntry'),
              dataIndex: 'ref',
              render: (ref: string) => {
                const e = round.entries.find((x) => x.ref === ref);
                return e ? entryLabel(e) : ref;
              },
            },
            { title: t('judgingSetup.conflictJuror'), dataIndex: 'juror' },
            {
              title: t('judgingSetup.conflictKind'),
              dataIndex: 'kind',
              render: (kind: string, c) => (
                <Tag data-testid={`conflict-${c.ref}-${c.jurorUserId}`}>{t(`judging.block.${kind}`)}</Tag>
              ),
            },
            { title: t('judgingSetup.conflictReason'), dataIndex: 'reason', render: (r: string | null) => r ?? '—' },
            ...(mayRecuse
              ? [
                  {
                    title: '',
                    key: 'lift',
                    render: (_: unknown, c: StaffRound['conflicts'][number]) =>
                      c.kind === 'recused' && (
                        <TakeBackConflict
                          summary={t('judgingSetup.liftRecusal')}
                          testId={`lift-${c.ref}-${c.jurorUserId}`}
                          send={(reason) => liftRecusal(round.id, { jurorUserId: c.jurorUserId, ref: c.ref, reason })}
                          onDone={onDone}
                        />
                      ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {mayRecuse && <RecusalForm round={round} onDone={onDone} />}
    </Card>
  );
}

function RecusalForm({ round, onDone }: { round: StaffRound; onDone: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RecusalValues>();
  const [done, setDone] = useState(false);
  const { mutation, formProps } = useFormSend(form, {
    send: (v: RecusalValues) => recuseJuror(round.id, { ...v, reason: v.reason.trim() }),
    onDone: async () => {
      form.resetFields();
      setDone(true);
      await onDone();
    },
  });
  return (
    <section aria-labelledby="recuse-title" style={{ marginTop: 16 }}>
      <h2 id="recuse-title" className="manage-subtitle">
        {t('judgingSetup.recuseTitle')}
      </h2>
      <ApiErrorAlert error={mutation.error} testId="recuse-error" />
      {done && !mutation.error && (
        <Alert type="success" showIcon title={t('judgingSetup.recused')} style={{ marginBottom: 12 }} />
      )}
      <Form<RecusalValues> {...formProps} name="recusal" onValuesChange={() => setDone(false)}>
        <Space wrap align="start">
          <Form.Item
            name="jurorUserId"
            label={t('judgingSetup.conflictJuror')}
            rules={[{ required: true, message: t('judgingSetup.pickRequired') }]}
          >
            <Select
              style={{ width: 240 }}
              data-testid="recuse-juror"
              options={round.jurors.map((j) => ({ value: j.userId, label: j.fullName }))}
            />
          </Form.Item>
          <Form.Item
            name="ref"
            label={t('judgingSetup.conflictEntry')}
            rules={[{ required: true, message: t('judgingSetup.pickRequired') }]}
          >
            <Select
              style={{ width: 280 }}
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="recuse-entry"
              options={round.entries.map((e) => ({ value: e.ref, label: `${entryLabel(e)} — ${e.title}` }))}
            />
          </Form.Item>
        </Space>
        <ReasonField
          name="reason"
          label={t('judgingSetup.conflictReason')}
          extra={t('judgingSetup.recuseHint')}
          min={MIN_REASON_LENGTH}
          tooShort={t('judgingSetup.reasonTooShort')}
          maxLength={4000}
          testId="recuse-reason"
        />
        <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="recuse-submit">
          {t('judgingSetup.recuseSubmit')}
        </Button>
      </Form>
    </section>
  );
}
