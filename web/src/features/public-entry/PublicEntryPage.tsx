import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDate } from '@core/time.ts';
import { formatVoteInstant } from '@core/voting/vote-day.ts';
import { ApiError } from '../../api/client.ts';
import { useContest } from '../../api/contests.ts';
import { errorText } from '../../api/errors.ts';
import { usePublicEntry } from '../../api/public.ts';
import type { PublicEntry } from '../../api/types.ts';
import { Loading } from '../../components/Loading.tsx';
import { Notice } from '../../components/Notice.tsx';
import { useTitle } from '../../components/useTitle.ts';
import { useHydrated, useOrigin } from '../../ssr/render-context.ts';
import { formatDuration } from '../../lib/format.ts';
import { clockOffset, DEADLINE_CHECK_MS, useServerNow } from '../../lib/server-clock.ts';
import { VideoPlayer } from '../player/VideoPlayer.tsx';
import { VoteButton } from '../voting/VoteButton.tsx';
import { votingState } from '../voting/voting-window.ts';
import { EmbedBox } from './EmbedBox.tsx';
import { ReportForm } from './ReportForm.tsx';
import { ShareBox } from './ShareBox.tsx';
import { entryPageUrl } from './share.ts';
import './public-entry.css';

/**
 * A published entry for anyone (R11, R16): the player, what it is about, who made it, sharing, embedding,
 * reporting.
 */
export default function PublicEntryPage() {
  const { slug = '', entryId = '' } = useParams();
  const { t } = useTranslation();
  const id = /^\d{1,12}$/.test(entryId) ? Number(entryId) : 0;
  const entry = usePublicEntry(id);
  const contest = useContest(slug);
  const origin = useOrigin();
  useTitle(entry.data?.title);
  const offset = contest.data ? clockOffset(contest.data.serverTime, contest.dataUpdatedAt) : 0;
  const now = useServerNow(offset, DEADLINE_CHECK_MS);
  const hydrated = useHydrated();

  if (!id || (entry.isError && entry.error instanceof ApiError && entry.error.status === 404)) {
    return (
      <Notice kind="info" testId="public-entry-missing">
        <p>{t('publicEntry.notFound')}</p>
        <Link to={`/c/${encodeURIComponent(slug)}/gallery`}>{t('publicEntry.toGallery')}</Link>
      </Notice>
    );
  }
  if (entry.isError) return <Notice kind="error">{errorText(entry.error, t('errors.unreachable'))}</Notice>;
  if (!entry.data) return <Loading />;

  const e = entry.data;
  const topic = e.topicIndex !== null ? contest.data?.topics[e.topicIndex] : undefined;
  const url = entryPageUrl(origin, e.contest.slug, e.id);
  const gallery = `/c/${encodeURIComponent(e.contest.slug)}/gallery`;

  return (
    <article className="public-entry" data-testid="public-entry">
      <p className="crumbs">
        <Link to={`/c/${encodeURIComponent(e.contest.slug)}`}>{e.contest.name}</Link> ›{' '}
        <Link to={gallery} data-testid="to-gallery">
          {t('gallery.title')}
        </Link>
      </p>
      {e.masterUrl ? (
        <VideoPlayer
          src={e.masterUrl}
          poster={e.posterUrl ?? undefined}
          label={t('player.label', { title: e.title })}
          tracks={e.subtitles.map((s, i) => ({ ...s, isDefault: i === 0 && s.lang === 'vi' }))}
        />
      ) : (
        <Notice kind="info">{t('publicEntry.noVideo')}</Notice>
      )}
      <h1 data-testid="public-entry-title">{e.title}</h1>
      <p className="entry-facts">
        {e.form && <span data-testid="public-entry-form">{t(`entryForm.${e.form}`)}</span>}
        {e.durationSec !== null && <span>{formatDuration(e.durationSec)}</span>}
        <span>{t('publicEntry.publishedAt', { date: formatDate(e.publishedAt) })}</span>
        {e.code && <span className="code">{e.code}</span>}
      </p>
      {/* Drawn once hydrated: which side of the window the present is on is the browser's to say. */}
      {contest.data && hydrated && (
        <Voting
          slug={e.contest.slug}
          entryId={e.id}
          title={e.title}
          state={votingState(contest.data.phases, now)}
          timeZone={contest.data.timeZone}
        />
      )}
      <Credits credits={e.credits} />
      {topic && (
        <p>
          <strong>{t('publicEntry.topic')}</strong> {topic}
        </p>
      )}
      {e.synopsis.trim() && (
        <section aria-labelledby="synopsis-title">
          <h2 id="synopsis-title">{t('publicEntry.synopsis')}</h2>
          <p className="synopsis" data-testid="public-entry-synopsis">
            {e.synopsis}
          </p>
        </section>
      )}
      <ShareBox url={url} title={e.title} />
      <details className="card fold">
        <summary>{t('publicEntry.caption')}</summary>
        <p className="caption" data-testid="public-entry-caption">
          {e.caption}
        </p>
      </details>
      <EmbedBox origin={origin} entryId={e.id} title={e.title} />
      <ReportForm entryId={e.id} />
    </article>
  );
}

/** The vote button while voting is open; before and after, when it opens or that it closed. */
function Voting({
  slug,
  entryId,
  title,
  state,
  timeZone,
}: {
  slug: string;
  entryId: number;
  title: string;
  state: ReturnType<typeof votingState>;
  timeZone: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  if (state.kind === 'none') return null;
  const at = (iso: string) => formatVoteInstant(new Date(iso), timeZone, lang);
  return (
    <div className="entry-vote" data-testid="entry-vote">
      {state.kind === 'open' ? (
        <VoteButton slug={slug} entryId={entryId} title={title} />
      ) : (
        <p className="vote-note" data-testid="entry-vote-note">
          {state.kind === 'before'
            ? t('vote.opensAt', { start: at(state.startsAt), end: at(state.endsAt) })
            : t('vote.closedAt', { end: at(state.endsAt) })}
        </p>
      )}
    </div>
  );
}

function Credits({ credits }: { credits: PublicEntry['credits'] }) {
  const { t } = useTranslation();
  return (
    <dl className="credits" data-testid="public-entry-credits">
      {credits.groupName && (
        <>
          <dt>{t('publicEntry.group')}</dt>
          <dd>{credits.groupName}</dd>
        </>
      )}
      {credits.authors.length > 0 && (
        <>
          <dt>{t('publicEntry.authors', { count: credits.authors.length })}</dt>
          <dd>{credits.authors.join(', ')}</dd>
        </>
      )}
      {credits.unitName && (
        <>
          <dt>{t('publicEntry.unit')}</dt>
          <dd>{credits.unitName}</dd>
        </>
      )}
    </dl>
  );
}
