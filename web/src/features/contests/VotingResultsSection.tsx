import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDate } from '@core/time.ts';
import { api, enc } from '../../api/client.ts';
import { VotingPrizeSource, type PrizeView } from './VotingPrizeSource.tsx';

interface VotingResults {
  visible: boolean;
  final: boolean;
  entries: { entryId: number; code: string; counted: number; quarantined: number; invalidated: number }[];
  totals: { counted: number; quarantined: number; invalidated: number };
  reasons: { status: 'quarantined' | 'invalidated'; code: string; count: number; vi: string; en: string }[];
  mostVoted: MostVoted | null;
  published: { at: string } | null;
  prize: PrizeView | null;
}

/** The most-voted entries by entry code (core/voting/results.ts `Outcome`). */
export type MostVoted =
  | {
      kind: 'decided';
      winners: string[];
      tieBrokenBy: 'earliest_to_final' | 'committee' | null;
      tied: string[];
      record?: string;
    }
  | { kind: 'committeeNeeded'; winners: string[]; tied: string[]; places: number }
  | { kind: 'noVotes' };

/** The most-voted line once voting is over: the winners, and how a tie was settled or that it awaits the committee. */
export function MostVotedLine({ outcome }: { outcome: MostVoted }) {
  const { t } = useTranslation();
  if (outcome.kind === 'noVotes') return null;
  const tied = outcome.tied.join(', ');
  return (
    <p data-testid="most-voted">
      {outcome.kind === 'decided' ? (
        <>
          <strong>{t('votingResults.mostVoted', { entries: outcome.winners.join(', ') })}</strong>
          {outcome.tieBrokenBy === 'earliest_to_final' && <> {t('votingResults.tieEarliest', { tied })}</>}
          {outcome.tieBrokenBy === 'committee' && (
            <> {t('votingResults.tieCommittee', { tied, record: outcome.record ?? '' })}</>
          )}
        </>
      ) : (
        t('votingResults.tiePending', { tied })
      )}
    </p>
  );
}

/** yyyy-MM-dd as dd/MM/yyyy. */
const formatDay = (day: string) => day.split('-').reverse().join('/');

/**
 * The platform's vote count on the contest's home page: per entry the votes counted, held for review and
 * invalidated, the reasons in aggregate, and the public log with the command that checks it. Nothing while there
 * are no votes, or while the contest shows counts only at the end.
 */
export function VotingResultsSection({ slug }: { slug: string }) {
  const { t, i18n } = useTranslation();
  const results = useQuery({
    queryKey: ['voting-results', slug],
    queryFn: () => api<VotingResults>(`/api/contests/${enc(slug)}/voting/results`),
    enabled: slug !== '',
  });
  const digests = useQuery({
    queryKey: ['voting-digests', slug],
    queryFn: () => api<{ day: string; seq: number; hash: string }[]>(`/api/contests/${enc(slug)}/voting/digests`),
    enabled: slug !== '' && results.data?.visible === true,
  });
  const r = results.data;
  const total = r ? r.totals.counted + r.totals.quarantined + r.totals.invalidated : 0;
  const fanpageShown = (r?.prize?.fanpage?.ranking.length ?? 0) > 0;
  if (!r?.visible || (total === 0 && !fanpageShown)) return null;
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  return (
    <section id="votes" aria-labelledby="votes-title" className="card" data-testid="voting-results">
      <h2 id="votes-title">{r.final ? t('votingResults.titleFinal') : t('votingResults.titleLive')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('votingResults.entry')}</th>
            <th scope="col">{t('votingResults.counted')}</th>
            <th scope="col">{t('votingResults.quarantined')}</th>
            <th scope="col">{t('votingResults.invalidated')}</th>
          </tr>
        </thead>
        <tbody>
          {r.entries.map((e) => (
            <tr key={e.entryId}>
              <th scope="row">{e.code}</th>
              <td>{e.counted}</td>
              <td>{e.quarantined}</td>
              <td>{e.invalidated}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {r.final && r.mostVoted && <MostVotedLine outcome={r.mostVoted} />}
      {r.published && (
        <p className="hint" data-testid="results-published">
          {t('votingResults.published', { date: formatDate(r.published.at) })}
        </p>
      )}
      {r.prize && <VotingPrizeSource prize={r.prize} />}
      {r.reasons.length > 0 && (
        <ul className="hint">
          {r.reasons.map((x) => (
            <li key={`${x.status}-${x.code}`}>
              {t(`votingResults.${x.status}`)}: {x[lang]} ({x.count})
            </li>
          ))}
        </ul>
      )}
      <p className="hint">
        <a href={`/api/contests/${enc(slug)}/voting/log`} download>
          {t('votingResults.log')}
        </a>{' '}
        {t('votingResults.verify')} <code>npm run votes:verify FILE</code>
      </p>
      {(digests.data?.length ?? 0) > 0 && (
        <details data-testid="vote-digests">
          <summary>{t('voteDigests.title')}</summary>
          <p className="hint">{t('voteDigests.intro')}</p>
          <ul className="digests">
            {digests.data!.map((d) => (
              <li key={d.day}>
                {formatDay(d.day)}: #{d.seq} <code>{d.hash}</code>
              </li>
            ))}
          </ul>
          <p className="hint">
            <a href={`/api/contests/${enc(slug)}/voting/digests?format=text`} download>
              {t('voteDigests.download')}
            </a>{' '}
            <code>npm run votes:verify FILE --digests DIGESTS</code>
          </p>
        </details>
      )}
    </section>
  );
}
