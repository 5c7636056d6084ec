import { Alert, Button, Card, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@core/time.ts';
import { remindJurors, type JurorsReminded, type RoundProgress } from '../../../api/judging.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';

type Juror = RoundProgress['jurors'][number];

/**
 * Who has scored what (paper sheets by where their check stands) and, while the round is open, "Nhắc giám khảo":
 * an e-mail and a text message to every online juror who has not submitted, or to one of them, with what was sent.
 */
export function ProgressCard({ roundId, open, progress }: { roundId: number; open: boolean; progress: RoundProgress }) {
  const { t } = useTranslation();
  const [result, setResult] = useState<JurorsReminded | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<number | 'all' | null>(null);
  const remind = async (who: number | 'all') => {
    setError(null);
    setResult(null);
    setBusy(who);
    try {
      setResult(await remindJurors(roundId, who === 'all' ? undefined : who));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  const remindable = (j: Juror) => open && j.mode === 'online' && !j.submittedAt && j.assigned > 0;
  return (
    <Card
      title={t('judging.progressTitle')}
      style={{ marginBottom: 16 }}
      data-testid="round-progress"
      extra={
        open && (
          <Button onClick={() => remind('all')} loading={busy === 'all'} data-testid="remind-all">
            {t('judging.remindAll')}
          </Button>
        )
      }
    >
      {open && <p>{t('judging.remindHint')}</p>}
      <ApiErrorAlert error={error} testId="remind-error" />
      {result && (
        <Alert
          type={result.sent > 0 ? 'success' : 'info'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="remind-result"
          title={t('judging.reminded', { count: result.sent })}
          description={
            <>
              {result.reminded.length > 0 && (
                <p>{t('judging.remindedNames', { names: result.reminded.map((r) => r.fullName).join(', ') })}</p>
              )}
              {result.tooSoon.map((r) => (
                <p key={r.jurorUserId}>
                  {t('judging.remindTooSoon', { name: r.fullName, next: formatDateTime(r.nextAt) })}
                </p>
              ))}
            </>
          }
        />
      )}
      <Table
        rowKey="userId"
        size="small"
        pagination={false}
        scroll={{ x: 640 }}
        dataSource={progress.jurors}
        columns={[
          { title: t('judging.juror'), dataIndex: 'fullName' },
          { title: t('judgingSetup.mode'), render: (_, j) => t(`judgingSetup.modes.${j.mode}`) },
          { title: t('judging.scored'), render: (_, j) => `${j.done}/${j.assigned}` },
          {
            title: t('judging.sheetState'),
            render: (_, j) => (
              <Space size={4} wrap data-testid={`progress-state-${j.userId}`}>
                {j.paper ? (
                  <PaperStates juror={j} />
                ) : (
                  <span>{j.submittedAt ? t('judging.next.done') : t('judging.next.score')}</span>
                )}
              </Space>
            ),
          },
          ...(open
            ? [
                {
                  title: '',
                  key: 'remind',
                  render: (_: unknown, j: Juror) =>
                    remindable(j) && (
                      <Button
                        size="small"
                        onClick={() => remind(j.userId)}
                        loading={busy === j.userId}
                        aria-label={`${t('judging.remindOne')} ${j.fullName}`}
                        data-testid={`remind-${j.userId}`}
                      >
                        {t('judging.remindOne')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

function PaperStates({ juror }: { juror: Juror }) {
  const { t } = useTranslation();
  const p = juror.paper!;
  if (juror.submittedAt) return <Tag color="green">{t('judging.paperState.received')}</Tag>;
  return (
    <>
      {p.notTyped > 0 && <Tag>{t('judging.paperState.notTyped', { count: p.notTyped })}</Tag>}
      {p.pending > 0 && <Tag color="gold">{t('judging.paperState.pending', { count: p.pending })}</Tag>}
      {p.rejected > 0 && <Tag color="red">{t('judging.paperState.rejected', { count: p.rejected })}</Tag>}
      {p.confirmed > 0 && <Tag color="blue">{t('judging.paperState.confirmed', { count: p.confirmed })}</Tag>}
    </>
  );
}
