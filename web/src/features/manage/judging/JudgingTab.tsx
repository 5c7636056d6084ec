import { useQuery } from '@tanstack/react-query';
import { Alert, Button, List, Result, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useLocation, useNavigate, useParams } from 'react-router';
import { formatDateTime } from '@core/time.ts';
import { ApiError } from '../../../api/client.ts';
import {
  contestRounds,
  jurorRound,
  myJudging,
  submitRound,
  withdrawConflict,
  type JudgingProblem,
} from '../../../api/judging.ts';
import { useContest } from '../../../api/contests.ts';
import { useCan } from '../../../api/session.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';
import { RoundAdminPage } from './RoundAdminPage.tsx';
import { RoundFormModal } from './RoundFormModal.tsx';
import { entrySetText } from './RoundSetup.tsx';
import { PaperDeskPage } from './PaperDeskPage.tsx';
import { ScoringPage } from './ScoringPage.tsx';
import { TakeBackConflict } from './TakeBackConflict.tsx';

/** A juror's judging: their rounds in this contest, a round's entries, and the scoring screen. */
export default function JudgingTab() {
  return (
    <Routes>
      <Route index element={<JurorHome />} />
      <Route path="rounds/:roundId" element={<JurorRoundPage />} />
      <Route path="rounds/:roundId/:ref" element={<ScoringPage />} />
      <Route path="manage/:roundId" element={<RoundAdminPage />} />
      <Route path="paper/:roundId" element={<PaperDeskPage />} />
    </Routes>
  );
}

function JurorHome() {
  const { slug = '' } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const may = useCan(slug);
  const follows = may('judging.viewProgress');
  const home = useQuery({ queryKey: ['my-judging'], queryFn: myJudging });
  const all = useQuery({ queryKey: ['contest-rounds', slug], queryFn: () => contestRounds(slug), enabled: follows });
  const contest = useContest(slug, all.data?.mayManage ?? false);
  const [adding, setAdding] = useState(false);
  const rounds = (home.data?.rounds ?? []).filter((r) => r.contestSlug === slug);
  const paperChecks = (home.data?.paperChecks ?? []).filter((p) => p.contestSlug === slug);
  const last = all.data?.rounds.at(-1) ?? null;
  return (
    <>
      <h1 className="manage-title">{t('judging.homeTitle')}</h1>
      {follows && (
        <List
          header={t('judging.allRounds')}
          dataSource={all.data?.rounds ?? []}
          data-testid="judging-all-rounds"
          footer={
            all.data?.mayManage && (
              <Button onClick={() => setAdding(true)} disabled={!contest.data} data-testid="round-add">
                {t('judgingSetup.addRound')}
              </Button>
            )
          }
          renderItem={(r) => (
            <List.Item data-testid={`round-row-${r.position}`}>
              <List.Item.Meta
                title={
                  <Link to={`manage/${r.id}`}>
                    {r.position}. {i18n.language === 'en' && r.nameEn ? r.nameEn : r.name}
                  </Link>
                }
                description={[
                  `${formatDateTime(r.window.startsAt)} – ${formatDateTime(r.window.endsAt)}`,
                  entrySetText(t, r.entrySet),
                  t(`judgingSetup.assignmentMode.${r.assignmentMode}`),
                ].join(' · ')}
              />
              <Tag>{t(`judging.roundStates.${r.state}`)}</Tag>
            </List.Item>
          )}
        />
      )}
      {adding && contest.data && (
        <RoundFormModal
          contest={contest.data}
          previousRoundId={last?.id ?? null}
          onClose={() => setAdding(false)}
          onDone={async (id) => {
            await all.refetch();
            await navigate(`manage/${id}`);
          }}
        />
      )}
      {paperChecks.length > 0 && (
        <List
          header={t('judging.paperChecksTitle')}
          dataSource={paperChecks}
          data-testid="judging-paper-checks"
          renderItem={(p) => (
            <List.Item data-testid={`paper-checks-${p.roundId}`}>
              <List.Item.Meta
                title={i18n.language === 'en' && p.nameEn ? p.nameEn : p.name}
                description={t('judging.paperChecksWaiting', { count: p.waiting })}
              />
              <Link to={`paper/${p.roundId}`} data-testid={`paper-checks-open-${p.roundId}`}>
                {t('judging.paperChecksOpen')}
              </Link>
            </List.Item>
          )}
        />
      )}
      <ApiErrorAlert error={home.error} />
      {/* Staff who follow the rounds or check paper have their work above; only a juror with nothing is told so. */}
      {home.isSuccess && rounds.length === 0 && !follows && paperChecks.length === 0 && (
        <Result status="info" title={t('judging.noRounds')} />
      )}
      {(rounds.length > 0 || (!follows && paperChecks.length === 0)) && (
        <List
          dataSource={rounds}
          renderItem={(r) => (
            <List.Item data-testid={`judging-round-${r.roundId}`}>
              <List.Item.Meta
                title={<Link to={`rounds/${r.roundId}`}>{i18n.language === 'en' && r.nameEn ? r.nameEn : r.name}</Link>}
                description={`${formatDateTime(r.window.startsAt)} – ${formatDateTime(r.window.endsAt)}`}
              />
              <Space>
                {r.isChair && (
                  <Link to={`manage/${r.roundId}`} data-testid={`judging-run-${r.roundId}`}>
                    {t('judging.runRound')}
                  </Link>
                )}
                <span>{t('judging.progress', { done: r.done, total: r.total })}</span>
                <Tag data-testid="judging-next">{t(`judging.next.${r.next}`)}</Tag>
              </Space>
            </List.Item>
          )}
        />
      )}
    </>
  );
}

function JurorRoundPage() {
  const { roundId = '0' } = useParams();
  const { t, i18n } = useTranslation();
  const declared = (useLocation().state as { declared?: string } | null)?.declared;
  const id = Number(roundId);
  const round = useQuery({ queryKey: ['juror-round', id], queryFn: () => jurorRound(id) });
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const problems =
    submitError instanceof ApiError
      ? ((submitError.details as { problems?: JudgingProblem[] } | undefined)?.problems ?? [])
      : [];
  const submit = async () => {
    setBusy(true);
    setSubmitError(null);
    try {
      await submitRound(id);
      await round.refetch();
    } catch (err) {
      setSubmitError(err);
    } finally {
      setBusy(false);
    }
  };
  const d = round.data;
  return (
    <>
      <h1 className="manage-title">{d?.round.name ?? t('judging.homeTitle')}</h1>
      <ApiErrorAlert error={round.error} />
      {declared && <Alert type="success" showIcon title={t('judgingSetup.declared')} data-testid="declared-notice" />}
      {d?.blind && <p className="manage-muted">{t('judging.blindNote')}</p>}
      <Table
        rowKey="ref"
        pagination={false}
        dataSource={d?.entries ?? []}
        columns={[
          {
            title: t('judging.ref'),
            dataIndex: 'ref',
            render: (ref: string) => (
              <Link to={encodeURIComponent(ref)} data-testid={`judging-entry-${ref}`}>
                {ref}
              </Link>
            ),
          },
          { title: t('judging.entryTitle'), dataIndex: 'title' },
          {
            title: t('judging.sheetState'),
            dataIndex: 'state',
            render: (s: string, row) => <Tag data-testid={`judging-state-${row.ref}`}>{t(`judging.state.${s}`)}</Tag>,
          },
        ]}
      />
      {d && d.declared.length > 0 && (
        <section aria-labelledby="declared-title" style={{ marginTop: 16 }} data-testid="declared-conflicts">
          <h2 id="declared-title" className="manage-subtitle">
            {t('judgingSetup.declaredTitle')}
          </h2>
          <ul>
            {d.declared.map((c) => (
              <li key={c.ref}>
                {c.ref}: {c.reason}
                {!d.submittedAt && d.round.state === 'open' && (
                  <TakeBackConflict
                    summary={t('judgingSetup.withdrawConflict')}
                    testId={`withdraw-${c.ref}`}
                    send={(reason) => withdrawConflict(id, c.ref, reason)}
                    onDone={() => round.refetch()}
                  />
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <div style={{ marginTop: 16 }}>
        {d?.submittedAt ? (
          <Tag color="green" data-testid="judging-submitted">
            {t('judging.submittedAt', { at: formatDateTime(d.submittedAt) })}
          </Tag>
        ) : (
          <Button type="primary" loading={busy} onClick={submit} disabled={!d?.mayWork} data-testid="judging-submit">
            {t('judging.submit')}
          </Button>
        )}
      </div>
      <ApiErrorAlert error={submitError} />
      {problems.length > 0 && (
        <ul data-testid="judging-submit-problems">
          {problems.map((p, i) => (
            <li key={i}>{p.message[i18n.language === 'en' ? 'en' : 'vi']}</li>
          ))}
        </ul>
      )}
    </>
  );
}
