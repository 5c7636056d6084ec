import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { usePublicEntry } from '../../api/public.ts';
import { useTitle } from '../../components/useTitle.ts';
import { useOrigin } from '../../ssr/render-context.ts';
import { VideoPlayer } from '../player/VideoPlayer.tsx';
import { entryPageUrl } from './share.ts';
import './embed.css';

/**
 * The player alone, for an <iframe> on another site (the only path the server lets others frame): the video fills
 * the frame, with one line crediting the entry and linking to its page here.
 */
export default function EmbedPage() {
  const { entryId = '' } = useParams();
  const { t } = useTranslation();
  const id = /^\d{1,12}$/.test(entryId) ? Number(entryId) : 0;
  const entry = usePublicEntry(id);
  const origin = useOrigin();
  useTitle(entry.data?.title);

  if (!id || entry.isError) {
    const missing = !id || (entry.error instanceof ApiError && entry.error.status === 404);
    return (
      <div className="embed embed-message" role="alert" data-testid="embed-error">
        {missing ? t('publicEntry.notFound') : t('errors.unreachable')}
      </div>
    );
  }
  if (!entry.data) return <div className="embed" aria-busy="true" />;
  const e = entry.data;
  const credit = e.credits.groupName ?? e.credits.authors.join(', ');
  return (
    <div className="embed" data-testid="embed">
      {e.masterUrl ? (
        <VideoPlayer
          src={e.masterUrl}
          poster={e.posterUrl ?? undefined}
          label={t('player.label', { title: e.title })}
          tracks={e.subtitles.map((s, i) => ({ ...s, isDefault: i === 0 && s.lang === 'vi' }))}
        />
      ) : (
        <div className="embed-message">{t('publicEntry.noVideo')}</div>
      )}
      <p className="embed-credit" data-testid="embed-credit">
        <a href={entryPageUrl(origin, e.contest.slug, e.id)} target="_blank" rel="noopener" data-testid="embed-link">
          {e.title}
        </a>
        {(credit || e.credits.unitName) && <> · {[credit, e.credits.unitName].filter(Boolean).join(' – ')}</>}
      </p>
    </div>
  );
}
