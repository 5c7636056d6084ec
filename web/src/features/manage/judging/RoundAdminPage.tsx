import { useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import {
  decideTie,
  reopenRound,
  roundProgress,
  roundRanking,
  roundStep,
  staffRound,
  type RoundRanking,
} from '../../../api/judging.ts';
import { formatNumber } from '@core/judging/format.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';
import { ConflictsCard } from './ConflictsCard.tsx';
import { JurorsModal } from './JurorsModal.tsx';
import { ProgressCard } from './ProgressCard.tsx';
import { EditRound, EntriesCard, JuryCard, RoundSummary } from './RoundSetup.tsx';
import { RoundPapers } from './RoundPapers.tsx';
import { ShortlistCard } from './ShortlistCard.tsx';

/**
 * A round as its chair, the secretary and the organizer run it: state and steps (open, lock, reopen with a reason),
 * conflicts, progress, and the ranking with its method and each place explained, where the chair breaks ties.
 */
export function RoundAdminPage() {
  const { roundId = '0' } = useParams();
  const id = Number(roundId);
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const round = useQuery({ queryKey: ['staff-round', id], queryFn: () => staffRound(id) });
  const progress = useQuery({
    queryKey: ['round-progress', id],
    queryFn: () => roundProgress(id),
    enabled: round.data?.state !== 'draft' && round.isSuccess,
  });
  const ranking = useQuery({
    queryKey: ['round-ranking', id],
    queryFn: () => roundRanking(id, round.data?.state === 'open'),
    enabled: round.data?.state !== 'draft' && round.isSuccess,
  });
  const [error, setError] = useState<unknown>(null);
  const [reason, setReason] = useState('');
  const run = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      await Promise.all([round.refetch(), progress.refetch(), ranking.refetch()]);
    } catch (err) {
      setError(err);
    }
  };
  const r = round.data;
  const [editing, setEditing] = useState<'config' | 'jurors' | null>(null);
  const refresh = () => Promise.all([round.refetch(), progress.refetch(), ranking.refetch()]);
  return (
    <>
      <h1 className="manage-title">{r?.name}</h1>
      <ApiErrorAlert error={round.error ?? error} />
      {r && (
        <Card style={{ marginBottom: 16 }}>
          <RoundSummary round={r} />
          {r.problems.length > 0 && (
            <section aria-labelledby="round-problems" data-testid="round-problems">
              <h2 id="round-problems" className="manage-subtitle">
                {t('judgingSetup.toOpen')}
              </h2>
              <ul>
                {r.problems.map((p, i) => (
                  <li key={i}>{p.message[lang]}</li>
                ))}
              </ul>
            </section>
          )}
          <Space wrap>
            {r.state === 'draft' && r.viewer.mayManage && (
              <Button onClick={() => setEditing('config')} data-testid="round-edit">
                {t('judgingSetup.editRound')}
              </Button>
            )}
            {r.state === 'draft' && r.viewer.mayManage && (
              <Button onClick={() => setEditing('jurors')} data-testid="round-appoint">
                {t('judgingSetup.appoint')}
              </Button>
            )}
            {r.state === 'draft' && (
              <Button type="primary" onClick={() => run(() => roundStep(id, 'open'))} data-testid="round-open">
                {t('judging.open')}
              </Button>
            )}
            {r.state === 'open' && (
              <Button type="primary" onClick={() => run(() => roundStep(id, 'lock'))} data-testid="round-lock">
                {t('judging.lock')}
              </Button>
            )}
            {r.state === 'locked' && r.viewer.isChair && (
              <Space.Compact>
                <Input
                  aria-label={t('judging.reason')}
                  placeholder={t('judging.reason')}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                />
                <Button onClick={() => run(() => reopenRound(id, reason))}>{t('judging.reopen')}</Button>
              </Space.Compact>
            )}
          </Space>
        </Card>
      )}
      {r && editing === 'config' && (
        <EditRound round={r} onClose={() => setEditing(null)} onDone={() => round.refetch()} />
      )}
      {r && editing === 'jurors' && (
        <JurorsModal round={r} onClose={() => setEditing(null)} onDone={() => round.refetch()} />
      )}
      {r && <JuryCard round={r} />}
      {r && <EntriesCard round={r} />}
      {r && r.state === 'draft' && r.previous && (r.viewer.isChair || r.viewer.mayManage) && (
        <ShortlistCard round={r} onDone={() => round.refetch()} />
      )}
      {r && <ConflictsCard round={r} onDone={refresh} />}
      {r && r.state !== 'draft' && <RoundPapers roundId={id} locked={r.state === 'locked'} />}
      {progress.data && r && <ProgressCard roundId={id} open={r.state === 'open'} progress={progress.data} />}
      {ranking.data && <RankingCard roundId={id} data={ranking.data} lang={lang} onDone={() => run(async () => {})} />}
    </>
  );
}

function RankingCard({
  roundId,
  data,
  lang,
  onDone,
}: {
  roundId: number;
  data: RoundRanking;
  lang: 'vi' | 'en';
  onDone: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  // Totals with the places the method rounds to, as the explanation and the minutes print them.
  const figure = (v: number) => formatNumber(v, lang, data.method.decimals);
  const tie = data.ties.find((x) => x.awaitingChair);
  const [order, setOrder] = useState<string[] | null>(null);
  const current = order ?? tie?.awaitingChair ?? [];
  const decide = async () => {
    setError(null);
    try {
      await decideTie(roundId, current, reason);
      setOrder(null);
      setReason('');
      await onDone();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Card title={t(data.provisional ? 'judging.rankingProvisional' : 'judging.ranking')}>
      <p data-testid="ranking-method">{data.methodText[lang]}</p>
      <Table
        rowKey="ref"
        size="small"
        pagination={false}
        dataSource={data.rows}
        expandable={{
          expandedRowRender: (row) => (
            <ul>
              {row.explanation[lang].map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          ),
        }}
        columns={[
          {
            title: t('judging.rank'),
            dataIndex: 'rank',
            render: (rank: number | null, row) => <span data-testid={`rank-${row.ref}`}>{rank ?? '—'}</span>,
          },
          { title: t('judging.ref'), dataIndex: 'ref' },
          { title: t('judging.entryTitle'), dataIndex: 'title' },
          {
            title: t('judging.figure'),
            dataIndex: 'value',
            render: (v: number | null, row) => (
              <span data-testid={`figure-${row.ref}`}>{v === null ? '—' : figure(v)}</span>
            ),
          },
        ]}
      />
      {tie && data.mayDecideTies && (
        <Card size="small" title={t('judging.tieTitle', { value: figure(tie.value) })} style={{ marginTop: 16 }}>
          <ol>
            {current.map((ref, i) => (
              <li key={ref}>
                {ref}{' '}
                {i > 0 && (
                  <Button
                    size="small"
                    data-testid={`tie-up-${ref}`}
                    onClick={() => {
                      const next = [...current];
                      [next[i - 1], next[i]] = [next[i]!, next[i - 1]!];
                      setOrder(next);
                    }}
                  >
                    {t('judging.moveUp')}
                  </Button>
                )}
              </li>
            ))}
          </ol>
          <Input.TextArea
            aria-label={t('judging.tieReason')}
            placeholder={t('judging.tieReason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            data-testid="tie-reason"
          />
          <Button type="primary" onClick={decide} style={{ marginTop: 8 }} data-testid="tie-decide">
            {t('judging.decideTie')}
          </Button>
          <ApiErrorAlert error={error} />
        </Card>
      )}
    </Card>
  );
}
