import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDate } from '@core/time.ts';
import { errorText } from '../../api/errors.ts';
import { usePublicResults, type PublicResults, type PublicWinner } from '../../api/results.ts';
import { Loading } from '../../components/Loading.tsx';
import { Notice } from '../../components/Notice.tsx';
import { useTitle } from '../../components/useTitle.ts';
import { VideoPlayer } from '../player/VideoPlayer.tsx';
import './results.css';

type Lang = 'vi' | 'en';

/** The announced results (R14, R16): light like the gallery, no Ant Design; works on a 360 px phone. */
export default function ResultsPage() {
  const { slug = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'vi';
  const results = usePublicResults(slug);
  const r = results.data;
  useTitle(r ? t('results.pageTitle', { contest: r.contest.name }) : t('results.title'));
  return (
    <section className="results" data-testid="results">
      <p className="crumbs">
        <Link to={`/c/${encodeURIComponent(slug)}`}>{r?.contest.name ?? t('results.backToContest')}</Link>
      </p>
      <h1>{t('results.title')}</h1>
      {results.isError ? (
        <Notice kind="info" testId="results-error">
          <p>{errorText(results.error, t('errors.unreachable'))}</p>
        </Notice>
      ) : !r ? (
        <Loading />
      ) : (
        <ResultsBody r={r} lang={lang} />
      )}
    </section>
  );
}

function ResultsBody({ r, lang }: { r: PublicResults; lang: Lang }) {
  const { t } = useTranslation();
  const tz = r.contest.timeZone;
  return (
    <>
      <p className="hint" data-testid="results-announced">
        {t('results.announcedOn', { date: formatDate(r.announcedAt, tz) })}
      </p>
      {r.amendments.length > 0 && (
        <Notice kind="info" testId="results-amendments">
          <ul>
            {r.amendments.map((a) => (
              <li key={a.version}>
                {t('results.amended', { date: formatDate(a.at, tz) })} {a.reason}
              </li>
            ))}
          </ul>
        </Notice>
      )}
      {r.prizes.map((p) => (
        <section key={p.prizeIndex} className="results-prize" aria-labelledby={`prize-${p.prizeIndex}`}>
          <h2 id={`prize-${p.prizeIndex}`}>{lang === 'en' && p.nameEn ? p.nameEn : p.name}</h2>
          <ul className="results-places">
            {p.places.map((o, i) => (
              <li key={i} className="results-place card" data-testid="results-place">
                {o.kind === 'awarded' ? (
                  <WinnerCard w={o.winner} byCommittee={o.byCommittee} voteSource={p.voteSource} lang={lang} />
                ) : (
                  <p className="hint">{o.reason[lang]}</p>
                )}
              </li>
            ))}
          </ul>
          {p.voteRule && (
            <p className="hint" data-testid="results-vote-rule">
              {p.voteRule[lang]}
            </p>
          )}
        </section>
      ))}
      {r.votes && (
        <section className="card results-votes" aria-labelledby="results-votes-title" data-testid="results-votes">
          <h2 id="results-votes-title">{t('results.votesTitle')}</h2>
          <p>
            {t('results.votesTotals', {
              counted: r.votes.totals.counted,
              invalidated: r.votes.totals.invalidated,
              quarantined: r.votes.totals.quarantined,
            })}
          </p>
          {r.votes.reasons.length > 0 && (
            <ul className="hint">
              {r.votes.reasons.map((x) => (
                <li key={`${x.status}-${x.code}`}>
                  {t(`votingResults.${x.status}`)}: {x[lang]} ({x.count})
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <p className="hint">{t('results.committeeNote')}</p>
    </>
  );
}

function WinnerCard({
  w,
  byCommittee,
  voteSource,
  lang,
}: {
  w: PublicWinner;
  byCommittee: boolean;
  voteSource: PublicResults['prizes'][number]['voteSource'];
  lang: Lang;
}) {
  const { t } = useTranslation();
  const [playing, setPlaying] = useState(false);
  const others = w.authors.filter((a) => a !== w.recipient.name);
  return (
    <article className="results-winner" aria-label={w.title}>
      {playing && w.masterUrl ? (
        <VideoPlayer
          src={w.masterUrl}
          poster={w.posterUrl ?? undefined}
          label={t('player.label', { title: w.title })}
        />
      ) : w.posterUrl ? (
        <img className="results-poster" src={w.posterUrl} alt="" loading="lazy" width="320" height="180" />
      ) : null}
      <div className="results-text">
        <h3>{w.pageUrl ? <Link to={w.pageUrl}>{w.title}</Link> : w.title}</h3>
        <p data-testid="results-credit">
          <strong>{w.recipient.name}</strong>
          {others.length > 0 && ` (${others.join(', ')})`}
          {w.unitName && w.unitName !== w.recipient.name && ` — ${w.unitName}`}
        </p>
        {voteSource === 'fanpage' && w.fanpageScore !== null ? (
          <p className="hint">
            {t('results.fanpageScore', { score: w.fanpageScore.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB') })}
          </p>
        ) : (
          w.votes !== null && <p className="hint">{t('results.votes', { count: w.votes })}</p>
        )}
        {byCommittee && <p className="hint">{t('results.byCommittee')}</p>}
        {w.masterUrl && !playing && (
          <button type="button" className="button button-secondary" onClick={() => setPlaying(true)}>
            {t('results.play', { title: w.title })}
          </button>
        )}
      </div>
    </article>
  );
}
