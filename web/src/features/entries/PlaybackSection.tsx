import { useTranslation } from 'react-i18next';
import { useRenditions } from '../../api/entries.ts';
import { enc } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { Notice } from '../../components/Notice.tsx';
import { VideoPlayer } from '../player/VideoPlayer.tsx';

/**
 * The entry's video for its owner and staff: the streaming renditions' progress while they are made (polled), the
 * player once they are done, why they failed otherwise, and the untouched original to download.
 */
export function PlaybackSection({ entryId, title }: { entryId: number; title: string }) {
  const { t } = useTranslation();
  const r = useRenditions(entryId);
  if (r.isPending) return null;
  if (r.isError) return <Notice kind="error">{errorText(r.error, t('errors.unreachable'))}</Notice>;
  const s = r.data;
  if (s.status === 'none') return null;
  return (
    <section className="card playback" aria-labelledby="playback-title" data-testid="playback">
      <h2 id="playback-title">{t('player.title')}</h2>
      {s.status === 'done' && s.masterUrl ? (
        <VideoPlayer
          src={s.masterUrl}
          poster={s.posterUrl}
          label={t('player.label', { title: title || t('entry.untitled') })}
          tracks={s.subtitles}
        />
      ) : s.status === 'failed' ? (
        <Notice kind="error" testId="renditions-failed">
          <p>{t('player.failed')}</p>
          {s.error && (
            <p className="muted">
              <small>{s.error}</small>
            </p>
          )}
        </Notice>
      ) : (
        <div className="renditions-progress" data-testid="renditions-progress">
          <label htmlFor={`renditions-${entryId}`}>
            {s.status === 'queued' ? t('player.queued') : t('player.preparing', { percent: Math.floor(s.percent) })}
          </label>
          <progress id={`renditions-${entryId}`} max={100} value={s.status === 'queued' ? undefined : s.percent} />
          <p className="hint">{t('player.preparingHint')}</p>
        </div>
      )}
      <p className="download-original">
        <a href={`/api/entries/${enc(entryId)}/original`} download data-testid="download-original">
          {t('player.downloadOriginal')}
        </a>
      </p>
    </section>
  );
}
