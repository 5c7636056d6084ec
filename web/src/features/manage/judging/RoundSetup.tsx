import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { formatNumber } from '@core/judging/format.ts';
import { criterionLabel } from '@core/judging/rubric.ts';
import { formatDateTime } from '@core/time.ts';
import { useContest } from '../../../api/contests.ts';
import { contestRounds, type EntrySetSpec, type StaffRound } from '../../../api/judging.ts';
import { currentLanguage } from '../../../i18n/index.ts';
import { useAllUnits } from '../units/units-api.ts';
import { RoundFormModal } from './RoundFormModal.tsx';

/**
 * How staff read an entry of the round: by its reference, and for those holding the mapping with the entry's code
 * too (before a round first opens, an entry has no blind code yet and its reference is only a number).
 */
export function entryLabel(e: StaffRound['entries'][number]): string {
  if (e.code && e.code !== e.ref) return e.blindCode ? `${e.blindCode} (${e.code})` : e.code;
  return e.ref;
}

export function entrySetText(t: TFunction, s: EntrySetSpec): string {
  if (s.kind === 'top_n') return t('judgingSetup.entrySet.top_n', { n: s.n });
  if (s.kind === 'chosen') return t('judgingSetup.entrySet.chosen', { count: s.entryIds.length });
  return t('judgingSetup.entrySet.all_approved');
}

/** What the round is: state, window, which entries, the rubric with weights and scales, the assignment. */
export function RoundSummary({ round: r }: { round: StaffRound }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const n = (x: number) => formatNumber(x, lang);
  return (
    <Descriptions column={1} size="small" data-testid="round-summary" style={{ marginBottom: 12 }}>
      <Descriptions.Item label={t('judging.roundState')}>
        <Tag data-testid="round-state">{t(`judging.roundStates.${r.state}`)}</Tag>
      </Descriptions.Item>
      <Descriptions.Item label={t('judgingSetup.window')}>
        {formatDateTime(r.window.startsAt)} – {formatDateTime(r.window.endsAt)}
      </Descriptions.Item>
      <Descriptions.Item label={t('judgingSetup.entries')}>
        <span data-testid="round-entry-set">{entrySetText(t, r.entrySet)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('judgingSetup.rubric')}>
        <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="round-rubric">
          {r.rubric.criteria.map((c) => (
            <li key={c.key}>
              {criterionLabel(c)[lang]}: {n(c.weight)}%, {n(c.min)}–{n(c.max)}
              {c.step !== 1 ? ` (${t('judgingSetup.step').toLowerCase()} ${n(c.step)})` : ''}
            </li>
          ))}
        </ul>
      </Descriptions.Item>
      <Descriptions.Item label={t('judgingSetup.assignment')}>
        {t(`judgingSetup.assignmentMode.${r.assignment.mode}`)}
        {r.assignment.mode === 'balanced' ? ` — ${t('judgingSetup.perEntry')}: ${r.assignment.perEntry}` : ''}
      </Descriptions.Item>
    </Descriptions>
  );
}

/** The round's jurors: the chair, each one's unit and mode, and how many entries each is given. */
export function JuryCard({ round: r }: { round: StaffRound }) {
  const { t } = useTranslation();
  const units = useAllUnits(r.contestSlug, r.viewer.mayManage);
  const unitOf = (id: number | null, name: string | null) => units.data?.find((u) => u.id === id)?.name ?? name ?? '—';
  const load = new Map(r.loads.map((l) => [l.jurorUserId, l.load]));
  return (
    <Card title={t('judgingSetup.jury')} className="manage-section">
      <Table
        rowKey="userId"
        size="small"
        pagination={false}
        scroll={{ x: 520 }}
        dataSource={r.jurors}
        data-testid="round-jurors"
        locale={{ emptyText: t('judgingSetup.noChair') }}
        columns={[
          {
            title: t('judging.juror'),
            render: (_, j) => (
              <span data-testid={`round-juror-${j.userId}`}>
                {j.fullName} {j.isChair && <Tag color="blue">{t('judging.chair')}</Tag>}
              </span>
            ),
          },
          { title: t('judgingSetup.unit'), render: (_, j) => unitOf(j.unitId, j.unitName) },
          { title: t('judgingSetup.mode'), render: (_, j) => t(`judgingSetup.modes.${j.mode}`) },
          { title: t('judgingSetup.load'), render: (_, j) => load.get(j.userId) ?? 0 },
        ]}
      />
    </Card>
  );
}

/** The entries of an open round, or those a draft would take if it opened now. */
export function EntriesCard({ round: r }: { round: StaffRound }) {
  const { t } = useTranslation();
  const title = t(r.state === 'draft' ? 'judgingSetup.entriesTitleDraft' : 'judgingSetup.entriesTitle', {
    count: r.entries.length,
  });
  return (
    <Card title={title} className="manage-section" data-testid="round-entries">
      {r.entries.length === 0 ? (
        <p>{t('judgingSetup.noEntries')}</p>
      ) : (
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {r.entries.map((e) => (
            <li key={e.ref} data-testid={`round-entry-${e.ref}`}>
              {entryLabel(e)} — {e.title}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** The round form for a draft, with what it needs: the contest (zone, phases, rubric) and the round before it. */
export function EditRound({
  round,
  onClose,
  onDone,
}: {
  round: StaffRound;
  onClose: () => void;
  onDone: () => Promise<unknown>;
}) {
  const contest = useContest(round.contestSlug);
  const rounds = useQuery({
    queryKey: ['contest-rounds', round.contestSlug],
    queryFn: () => contestRounds(round.contestSlug),
  });
  if (!contest.data || !rounds.data) return null;
  const previous = rounds.data.rounds.find((x) => x.position === round.position - 1)?.id ?? null;
  return (
    <RoundFormModal contest={contest.data} round={round} previousRoundId={previous} onClose={onClose} onDone={onDone} />
  );
}
