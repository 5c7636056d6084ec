import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/Notice.tsx';

const HLS_TYPE = 'application/vnd.apple.mpegurl';

type PlayerEngine = 'native' | 'hls.js' | 'none';

/**
 * An HLS player on the browser's own <video> controls (keyboard accessible, labelled): native HLS where the browser
 * has it (Safari, iOS), otherwise hls.js over Media Source Extensions, loaded only once play is pressed (its own
 * chunk, ~half a MB), so that a page with a player loads no more than one without. Subtitle tracks (WebVTT, same
 * origin) are offered in the controls' menu.
 */
/** A subtitle track as the server lists it: the WebVTT file's URL, its language and label. */
interface PlayerTrack {
  lang: string;
  label: string;
  url: string;
  isDefault: boolean;
}

export function VideoPlayer({
  src,
  poster,
  label,
  tracks = [],
  testId = 'video-player',
}: {
  src: string;
  poster?: string;
  label: string;
  tracks?: readonly PlayerTrack[];
  testId?: string;
}) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [engine, setEngine] = useState<PlayerEngine | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const el = video.current;
    if (!el) return;
    let cancelled = false;
    let destroy: (() => void) | null = null;
    setFailed(false);
    if (el.canPlayType(HLS_TYPE)) {
      el.src = src;
      setEngine('native');
    } else {
      setEngine('hls.js');
      // hls.js (its own chunk, the largest of the public pages) is fetched when the viewer presses play, not with
      // the page: on a slow line it would otherwise compete with the page's text and posters.
      const start = () => {
        void import('hls.js')
          .then(({ default: Hls }) => {
            if (cancelled) return;
            if (!Hls.isSupported()) {
              setEngine('none');
              setFailed(true);
              return;
            }
            const hls = new Hls({ capLevelToPlayerSize: true });
            let recovered = false;
            hls.on(Hls.Events.ERROR, (_event, data) => {
              if (!data.fatal) return;
              // One attempt to get past a decoding hiccup, then tell the viewer.
              if (data.type === Hls.ErrorTypes.MEDIA_ERROR && !recovered) {
                recovered = true;
                hls.recoverMediaError();
                return;
              }
              setFailed(true);
              hls.destroy();
            });
            // Attaching restarts the element's loading, which stops the play that was asked for: ask again.
            hls.once(Hls.Events.MANIFEST_PARSED, () => void el.play().catch(() => {}));
            hls.loadSource(src);
            hls.attachMedia(el);
            destroy = () => hls.destroy();
          })
          .catch(() => {
            if (!cancelled) setFailed(true);
          });
      };
      el.addEventListener('play', start, { once: true });
      destroy = () => el.removeEventListener('play', start);
    }
    return () => {
      cancelled = true;
      destroy?.();
      el.removeAttribute('src');
      el.load();
    };
  }, [src]);

  return (
    <div className="video-player">
      <video
        ref={video}
        controls
        playsInline
        preload="metadata"
        poster={poster}
        aria-label={label}
        data-testid={testId}
        data-engine={engine ?? ''}
        onError={() => setFailed(true)}
      >
        {/* Plain <track> elements: the browser loads and shows them with native HLS and with hls.js (MSE) alike. */}
        {tracks.map((tr) => (
          <track key={tr.url} kind="subtitles" srcLang={tr.lang} label={tr.label} src={tr.url} default={tr.isDefault} />
        ))}
        {t('player.noVideoSupport')}
      </video>
      {failed && (
        <Notice kind="error" testId={`${testId}-error`}>
          {engine === 'none' ? t('player.unsupported') : t('player.loadFailed')}
        </Notice>
      )}
    </div>
  );
}
