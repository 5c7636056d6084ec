import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Input, List, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link, useParams } from 'react-router';
import type { Allocation, OpenTie, PlaceOutcome } from '@core/awards/allocation.ts';
import { UNAWARDED_TEXT, UNUSED_DECISION_TEXT, voteRuleText } from '@core/awards/messages.ts';
import type { Prize } from '@core/contest.ts';
import { formatDateTime } from '@core/time.ts';
import {
  allocationStepCall,
  decideTie,
  getAllocation,
  reasonedStep,
  revokePrize,
  type AllocationView,
  type AwardEntry,
} from '../../../api/awards.ts';
import { enc } from '../../../api/client.ts';
import { useCan } from '../../../api/session.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';
import './awards.css';

type Lang = 'vi' | 'en';
const prizeName = (p: Prize, lang: Lang) => (lang === 'en' && p.nameEn ? p.nameEn : p.name);
const scoreText = (n: number, lang: Lang) => new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(n);

function entryLine(e: AwardEntry | undefined, id: number): string {
  if (!e) return `#${id}`;
  const who = e.unitName ?? (e.groupName || e.authors.map((a) => a.fullName).join(', '));
  return `${e.code} · ${e.title} — ${who}`;
}

/**
 * The prize allocation as the committee works on it: what the facts allow, the places prize by prize, the ties to
 * order with a reason, approval, reopening, announcement, and after it the winners who left with the two choices.
 */
export function AllocationPage() {
  const { slug = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'vi';
  const qc = useQueryClient();
  const key = ['awards-allocation', slug];
  const view = useQuery({ queryKey: key, queryFn: () => getAllocation(slug) });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<unknown>): Promise<boolean> => {
    setError(null);
    setBusy(true);
    try {
      await fn();
      await qc.invalidateQueries({ queryKey: key });
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const v = view.data;
  return (
    <>
      <h1 className="manage-title">{t('awards.title')}</h1>
      <ApiErrorAlert error={view.error} />
      {v && (
        <>
          <StateCard v={v} lang={lang} busy={busy} run={run} slug={slug} />
          <ApiErrorAlert error={error} testId="awards-error" />
          {v.current?.openTies.length && v.mayDecide && v.stored?.state !== 'approved' ? (
            <Card title={t('awards.tiesTitle')} className="awards-card">
              <Typography.Paragraph>{t('awards.tiesHelp')}</Typography.Paragraph>
              {v.current.openTies.map((tie) => (
                <TieForm key={tie.tieId} tie={tie} v={v} lang={lang} busy={busy} run={run} slug={slug} />
              ))}
            </Card>
          ) : null}
          {v.excludedWinners.length > 0 && v.mayDecide && (
            <Card title={t('awards.excludedTitle')} className="awards-card" data-testid="awards-excluded">
              {v.excludedWinners.map((x) => (
                <ExcludedWinner key={`${x.entryId}:${x.prizeIndex}`} x={x} v={v} lang={lang} run={run} slug={slug} />
              ))}
            </Card>
          )}
          <PrizesCard v={v} lang={lang} />
          <HistoryCard v={v} lang={lang} />
        </>
      )}
    </>
  );
}

function StateCard({
  v,
  lang,
  busy,
  run,
  slug,
}: {
  v: AllocationView;
  lang: Lang;
  busy: boolean;
  run: (fn: () => Promise<unknown>) => Promise<boolean>;
  slug: string;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const state = v.stored?.state ?? null;
  const refusal = (s: keyof AllocationView['steps']) => {
    const r = v.steps[s];
    return r.mayRole && !r.allowed && r.refusal ? r.refusal[lang] : null;
  };
  const why = [refusal('propose'), state === 'draft' ? refusal('approve') : null].filter(
    (x): x is string => !!x && !(state === 'announced' && x === v.steps.propose.refusal?.[lang]),
  );
  return (
    <Card className="awards-card">
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('awards.finalRound')}>
          {v.facts.finalRound
            ? `${v.facts.finalRound.name} — ${t(`judging.roundStates.${v.facts.finalRound.state}`)}`
            : t('awards.noRound')}
        </Descriptions.Item>
        {v.facts.hasVotePrize && (
          <Descriptions.Item label={t('awards.vote')}>
            {v.facts.votingClosed
              ? t('awards.voteFinal')
              : v.facts.voteWait === 'fanpageNotConfirmed'
                ? t('awards.voteFanpagePending')
                : t('awards.voteOpen')}
          </Descriptions.Item>
        )}
        {v.facts.voteSource && (
          <Descriptions.Item label={t('awards.voteSource')}>
            <span data-testid="awards-vote-source">{t(`awards.voteSources.${v.facts.voteSource}`)}</span>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('awards.state')}>
          <Tag
            color={state === 'announced' ? 'green' : state === 'approved' ? 'blue' : undefined}
            data-testid="awards-state"
          >
            {state ? t(`awards.states.${state}`) : t('awards.states.none')}
          </Tag>
          {v.stored && t('awards.version', { n: v.stored.version })}
        </Descriptions.Item>
      </Descriptions>
      {why.map((w) => (
        <Alert key={w} type="info" showIcon title={w} className="awards-why" />
      ))}
      {v.changes.length > 0 && state !== 'announced' && (
        <Alert
          type="warning"
          showIcon
          title={t('awards.changed', { count: v.changes.length })}
          className="awards-why"
        />
      )}
      <Space wrap className="awards-actions">
        {v.steps.propose.mayRole && state !== 'approved' && state !== 'announced' && (
          <Button
            onClick={() => run(() => allocationStepCall(slug, 'propose'))}
            disabled={busy || !v.steps.propose.allowed}
            data-testid="awards-propose"
          >
            {state ? t('awards.proposeAgain') : t('awards.propose')}
          </Button>
        )}
        {v.mayDecide && state === 'draft' && (
          <Popconfirm
            title={t('awards.approveConfirm')}
            okText={t('awards.approve')}
            cancelText={t('common.cancel')}
            onConfirm={() => run(() => allocationStepCall(slug, 'approve'))}
          >
            <Button type="primary" disabled={busy || !v.steps.approve.allowed} data-testid="awards-approve">
              {t('awards.approve')}
            </Button>
          </Popconfirm>
        )}
        {v.mayDecide && state === 'approved' && (
          <>
            <Popconfirm
              title={t('awards.announceConfirm')}
              okText={t('awards.announce')}
              cancelText={t('common.cancel')}
              onConfirm={() => run(() => allocationStepCall(slug, 'announce'))}
            >
              <Button type="primary" disabled={busy} data-testid="awards-announce">
                {t('awards.announce')}
              </Button>
            </Popconfirm>
            <Space.Compact>
              <Input
                aria-label={t('awards.reopenReason')}
                placeholder={t('awards.reopenReason')}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
              <Button
                disabled={busy}
                onClick={async () => {
                  if (await run(() => reasonedStep(slug, 'reopen', reason))) setReason('');
                }}
                data-testid="awards-reopen"
              >
                {t('awards.reopen')}
              </Button>
            </Space.Compact>
          </>
        )}
        {state === 'announced' && (
          <>
            <Link to={`/c/${slug}/results`} data-testid="awards-results-link">
              {t('awards.publicResults')}
            </Link>
            <Link to="ceremony" data-testid="awards-ceremony-link">
              {t('awards.ceremony')}
            </Link>
          </>
        )}
      </Space>
      {v.mayDecide && state === 'announced' && v.steps.amend.allowed && v.excludedWinners.length === 0 && (
        <AmendForm slug={slug} run={run} />
      )}
    </Card>
  );
}

function AmendForm({ slug, run }: { slug: string; run: (fn: () => Promise<unknown>) => Promise<boolean> }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <Space.Compact className="awards-amend">
      <Input
        aria-label={t('awards.amendReason')}
        placeholder={t('awards.amendReason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <Button onClick={() => run(() => reasonedStep(slug, 'amend', reason))} data-testid="awards-amend">
        {t('awards.amend')}
      </Button>
    </Space.Compact>
  );
}

function atStakeText(tie: OpenTie, prizes: readonly Prize[], lang: Lang, t: TFunction) {
  return tie.atStake
    .map((s) =>
      s.prizeIndex === null
        ? t('awards.stakeNone', { count: s.places })
        : t('awards.stakePrize', { count: s.places, prize: prizeName(prizes[s.prizeIndex]!, lang) }),
    )
    .join(', ');
}

function TieForm({
  tie,
  v,
  lang,
  busy,
  run,
  slug,
}: {
  tie: OpenTie;
  v: AllocationView;
  lang: Lang;
  busy: boolean;
  run: (fn: () => Promise<unknown>) => Promise<boolean>;
  slug: string;
}) {
  const { t } = useTranslation();
  const [order, setOrder] = useState(tie.entries.map((e) => e.entryId));
  const [reason, setReason] = useState('');
  const prizes = v.current!.prizes.map((p) => p.prize);
  const move = (i: number, d: -1 | 1) => {
    const next = order.slice();
    [next[i], next[i + d]] = [next[i + d]!, next[i]!];
    setOrder(next);
  };
  const score = tie.entries[0]!.score;
  return (
    <section className="awards-tie" data-testid={`awards-tie-${tie.tieId}`} aria-label={t('awards.tieLabel')}>
      <Typography.Paragraph strong>
        {t(tie.ranking === 'jury' ? 'awards.tieJury' : 'awards.tieVote', { score: scoreText(score, lang) })}{' '}
        {t('awards.atStake', { what: atStakeText(tie, prizes, lang, t) })}
      </Typography.Paragraph>
      <ol className="awards-order">
        {order.map((id, i) => (
          <li key={id}>
            <span>{entryLine(v.entries[id], id)}</span>
            <Space.Compact>
              <Button
                size="small"
                disabled={i === 0}
                onClick={() => move(i, -1)}
                aria-label={t('awards.moveUp', { code: v.entries[id]?.code ?? id })}
              >
                ↑
              </Button>
              <Button
                size="small"
                disabled={i === order.length - 1}
                onClick={() => move(i, 1)}
                aria-label={t('awards.moveDown', { code: v.entries[id]?.code ?? id })}
              >
                ↓
              </Button>
            </Space.Compact>
          </li>
        ))}
      </ol>
      <Input.TextArea
        aria-label={t('awards.decisionReason')}
        placeholder={t('awards.decisionReasonHelp')}
        value={reason}
        autoSize={{ minRows: 2 }}
        onChange={(e) => setReason(e.target.value)}
        data-testid="awards-tie-reason"
      />
      <Button
        type="primary"
        disabled={busy}
        className="awards-tie-save"
        onClick={() => run(() => decideTie(slug, tie.tieId, order, reason))}
        data-testid="awards-tie-save"
      >
        {t('awards.recordDecision')}
      </Button>
    </section>
  );
}

function ExcludedWinner({
  x,
  v,
  lang,
  run,
  slug,
}: {
  x: AllocationView['excludedWinners'][number];
  v: AllocationView;
  lang: Lang;
  run: (fn: () => Promise<unknown>) => Promise<boolean>;
  slug: string;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const prize = v.stored!.allocation.prizes[x.prizeIndex]!.prize;
  return (
    <section className="awards-tie">
      <Typography.Paragraph strong>
        {t(`awards.excluded.${x.reason}`, {
          entry: entryLine(v.entries[x.entryId], x.entryId),
          prize: prizeName(prize, lang),
        })}
      </Typography.Paragraph>
      <Typography.Paragraph>{t('awards.excludedChoices')}</Typography.Paragraph>
      <Input.TextArea
        aria-label={t('awards.decisionReason')}
        placeholder={t('awards.decisionReasonHelp')}
        value={reason}
        autoSize={{ minRows: 2 }}
        onChange={(e) => setReason(e.target.value)}
      />
      <Space wrap className="awards-actions">
        <Button danger onClick={() => run(() => revokePrize(slug, x.entryId, x.prizeIndex, reason))}>
          {t('awards.revoke')}
        </Button>
        <Button onClick={() => run(() => reasonedStep(slug, 'amend', reason))}>{t('awards.amendMoveUp')}</Button>
      </Space>
    </section>
  );
}

function placeCell(o: PlaceOutcome, v: AllocationView, lang: Lang, t: TFunction): ReactNode {
  switch (o.kind) {
    case 'awarded':
      return (
        <>
          <span>{entryLine(v.entries[o.entryId], o.entryId)}</span>{' '}
          {o.byCommittee && <Tag color="purple">{t('awards.byCommittee')}</Tag>}
        </>
      );
    case 'tied':
      return <Tag color="orange">{t('awards.placeTied', { count: o.candidates.length })}</Tag>;
    case 'waiting':
      return <Tag color="orange">{t('awards.placeWaiting')}</Tag>;
    case 'unawarded':
      return <Typography.Text type="secondary">{UNAWARDED_TEXT[o.reason][lang]}</Typography.Text>;
  }
}

function PrizesCard({ v, lang }: { v: AllocationView; lang: Lang }) {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const can = useCan(slug);
  // The republication package of each winner, for those who publish, once the results are public.
  const packages = v.stored?.state === 'announced' && can('entries.publish');
  // A draft shows what is computed now (the decisions just recorded); approved and announced versions as stored.
  const a: Allocation | null = v.stored?.state === 'draft' || !v.stored ? v.current : v.stored.allocation;
  if (!a) return null;
  const rows = a.prizes.flatMap((p) =>
    p.places.map((o, place) => ({ key: `${p.prizeIndex}:${place}`, prize: p, place, o })),
  );
  const rules = a.prizes.filter((p) => p.openToJuryWinners !== null);
  return (
    <Card title={v.stored ? t('awards.prizesTitle') : t('awards.previewTitle')} className="awards-card">
      <Table
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={rows}
        data-testid="awards-table"
        columns={[
          {
            title: t('awards.prize'),
            render: (_, r) =>
              `${prizeName(r.prize.prize, lang)}${r.prize.places.length > 1 ? ` (${r.place + 1})` : ''}`,
          },
          { title: t('awards.winner'), render: (_, r) => placeCell(r.o, v, lang, t) },
          ...(packages
            ? [
                {
                  title: t('awards.republication'),
                  render: (_: unknown, r: (typeof rows)[number]) =>
                    r.o.kind === 'awarded' ? (
                      <a
                        href={`/api/contests/${enc(slug)}/awards/winners/${r.o.entryId}/republication.zip`}
                        download
                        aria-label={t('awards.republicationOf', { code: v.entries[r.o.entryId]?.code ?? r.o.entryId })}
                        data-testid={`awards-republication-${r.o.entryId}`}
                      >
                        {t('awards.republicationDownload')}
                      </a>
                    ) : null,
                },
              ]
            : []),
          {
            title: t('awards.score'),
            render: (_, r) =>
              r.o.kind === 'awarded'
                ? r.prize.prize.kind === 'jury'
                  ? scoreText(r.o.score, lang)
                  : r.prize.voteSource === 'fanpage'
                    ? t('awards.fanpageScore', { score: r.o.score.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB') })
                    : t('awards.votes', { count: r.o.score })
                : '',
          },
        ]}
      />
      {rules.map((p) => (
        <Typography.Paragraph key={p.prizeIndex} type="secondary" className="awards-rule">
          {voteRuleText(prizeName(p.prize, lang), p.openToJuryWinners!, p.voteSource ?? 'platform')[lang]}
        </Typography.Paragraph>
      ))}
    </Card>
  );
}

function HistoryCard({ v, lang }: { v: AllocationView; lang: Lang }) {
  const { t } = useTranslation();
  const tz = v.contest.timeZone;
  if (v.decisions.length === 0 && v.versions.length === 0) return null;
  return (
    <Card title={t('awards.historyTitle')} className="awards-card">
      <List
        size="small"
        dataSource={v.versions}
        renderItem={(x) => (
          <List.Item>
            {t('awards.versionLine', {
              n: x.version,
              state: t(`awards.states.${x.state}`),
              at: formatDateTime(x.announcedAt ?? x.approvedAt ?? x.proposedAt, tz),
            })}
            {x.amendsVersion !== null && ` — ${t('awards.amends', { n: x.amendsVersion, reason: x.reason ?? '' })}`}
          </List.Item>
        )}
      />
      {v.decisions.length > 0 && (
        <List
          size="small"
          dataSource={v.decisions}
          renderItem={(d) => (
            <List.Item>
              <span>
                {formatDateTime(d.decidedAt, tz)} · {t(`awards.decisionKind.${d.kind}`)} · {d.decidedBy ?? '—'}:{' '}
                {d.reason}
                {d.decision?.kind === 'breakTie' &&
                  ` (${d.decision.order.map((id) => v.entries[id]?.code ?? `#${id}`).join(' > ')})`}
                {d.unused && ` — ${t('awards.unused')}: ${UNUSED_DECISION_TEXT[d.unused][lang]}`}
              </span>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
