import { useState } from 'react';
import { App, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@core/time.ts';
import { errorText } from '../../../api/errors.ts';
import { refuseErasure, useCarryOutErasure, useErasureQueue, type QueuedErasureRequest } from '../../../api/privacy.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';
import { ConfirmButton } from '../ConfirmButton.tsx';
import { FormModal, ReasonField } from '../FormModal.tsx';

/** The site administrators' queue of requests to erase personal data, most urgent first (ADR 0042). */
export function ErasureQueue() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const queue = useErasureQueue();
  const carryOut = useCarryOutErasure();
  const [refusing, setRefusing] = useState<QueuedErasureRequest | null>(null);
  const pending = (queue.data ?? []).filter((r) => r.status === 'pending').length;

  return (
    <Card title={t('erasure.queueTitle', { count: pending })} style={{ marginTop: 24 }} data-testid="erasure-queue">
      <Typography.Paragraph type="secondary">{t('erasure.queueIntro')}</Typography.Paragraph>
      <ApiErrorAlert error={queue.error} />
      <Table<QueuedErasureRequest>
        rowKey="id"
        size="small"
        loading={queue.isPending}
        dataSource={queue.data ?? []}
        pagination={false}
        scroll={{ x: 800 }}
        locale={{ emptyText: t('erasure.queueEmpty') }}
        columns={[
          {
            title: t('erasure.col.person'),
            key: 'person',
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <span>{r.user.fullName}</span>
                <Typography.Text type="secondary">
                  {t('erasure.entries', { count: r.entries })}
                  {r.note ? ` · ${r.note}` : ''}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t('erasure.col.requested'), key: 'at', render: (_, r) => formatDateTime(r.requestedAt) },
          {
            title: t('erasure.col.due'),
            key: 'due',
            render: (_, r) =>
              r.status !== 'pending' ? (
                <Tag>{t(`erasure.status.${r.status}`)}</Tag>
              ) : (
                <Space orientation="vertical" size={0}>
                  <span>{formatDateTime(r.dueAt)}</span>
                  <Tag color={(r.hoursLeft ?? 0) < 0 ? 'red' : (r.hoursLeft ?? 0) < 24 ? 'orange' : 'blue'}>
                    {(r.hoursLeft ?? 0) < 0
                      ? t('erasure.overdue', { count: -(r.hoursLeft ?? 0) })
                      : t('erasure.hoursLeft', { count: r.hoursLeft ?? 0 })}
                  </Tag>
                </Space>
              ),
          },
          {
            title: t('erasure.col.actions'),
            key: 'actions',
            render: (_, r) =>
              r.status === 'pending' ? (
                <Space wrap>
                  <ConfirmButton
                    title={t('erasure.carryOutConfirm', { name: r.user.fullName })}
                    okText={t('erasure.carryOut')}
                    loading={carryOut.isPending && carryOut.variables === r.id}
                    testId={`erasure-carry-out-${r.id}`}
                    onConfirm={() =>
                      carryOut.mutate(r.id, {
                        onSuccess: (o) =>
                          void message.success(
                            t('erasure.carriedOut', { erased: o.entriesErased, kept: o.keptWinners.length }),
                          ),
                        onError: (err) => void message.error(errorText(err, t('errors.unreachable'))),
                      })
                    }
                  />
                  <Button size="small" onClick={() => setRefusing(r)} data-testid={`erasure-refuse-${r.id}`}>
                    {t('erasure.refuse')}
                  </Button>
                </Space>
              ) : r.outcome ? (
                t('erasure.outcome', { erased: r.outcome.entriesErased, kept: r.outcome.keptWinners.length })
              ) : (
                r.staffReason
              ),
          },
        ]}
      />
      {refusing && (
        <FormModal<{ reason: string }, { ok: true }>
          title={t('erasure.refuseTitle', { name: refusing.user.fullName })}
          okText={t('erasure.refuse')}
          name="erasure-refuse"
          initialValues={{ reason: '' }}
          onClose={() => setRefusing(null)}
          send={(v) => refuseErasure(refusing.id, v.reason)}
          onDone={() => qc.invalidateQueries({ queryKey: ['erasure-requests'] })}
        >
          <ReasonField
            name="reason"
            label={t('erasure.refuseReason')}
            extra={t('erasure.refuseReasonHint')}
            min={10}
            tooShort={t('erasure.refuseReasonShort')}
            maxLength={2000}
            testId="erasure-refuse-reason"
          />
        </FormModal>
      )}
    </Card>
  );
}
