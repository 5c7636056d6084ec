import { useQuery } from '@tanstack/react-query';
import { Button, Progress, Space } from 'antd';
import type HlsType from 'hls.js';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ceremonyOrder } from '@core/awards/ceremony-order.ts';
import { getAllocation } from '../../../api/awards.ts';
import { api, enc } from '../../../api/client.ts';
import type { PublicResults, PublicWinner } from '../../../api/results.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';
import { memoryLoader, preloadClip, type PreloadedClip } from './ceremony-clips.ts';
import './ceremony.css';

const NEXT = new Set(['ArrowRight', 'PageDown', ' ', 'Spacebar', 'ArrowDown', 'Enter']);
const BACK = new Set(['ArrowLeft', 'PageUp', 'ArrowUp', 'Backspace']);
const PLAY_PAUSE = new Set(['p', 'P', 'k', 'K', 'MediaPlayPause']);

interface ClipsState {
  ready: number;
  failed: number;
  /** Winners with a published streaming copy. */
  total: number;
  /** False when this browser has no Media Source Extensions (hls.js cannot play from memory). */
  supported: boolean;
}

/**
 * The award ceremony (Hội nghị trao giải): one slide per prize won, from the consolation prizes up to the first, then
 * the most-voted (core/awards/ceremony-order.ts), driven by the keyboard or a presentation clicker (which sends
 * PageDown/PageUp or the arrows). "Prepare" loads the results, every poster (object URLs), every published winner's
 * clip (ceremony-clips.ts: the opening minute of its 720p stream, in memory) and the player's code, after which the
 * slides no longer need the network; "n/N clips ready" tells the operator when the cable may be pulled.
 */
export default function CeremonyPage() {
  const { slug = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const allocation = useQuery({ queryKey: ['awards-allocation', slug], queryFn: () => getAllocation(slug) });
  const results = useQuery({
    queryKey: ['public-results', slug],
    queryFn: () => api<PublicResults>(`/api/public/contests/${enc(slug)}/results`),
  });
  const [posters, setPosters] = useState<Map<number, string> | null>(null);
  const [clips, setClips] = useState<Map<number, PreloadedClip>>(new Map());
  const [clipsState, setClipsState] = useState<ClipsState | null>(null);
  const [prepared, setPrepared] = useState(false);
  const [preparing, setPreparing] = useState(false);
  const [loaded, setLoaded] = useState(0);
  const [index, setIndex] = useState(0);
  const stage = useRef<HTMLDivElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const hlsClass = useRef<typeof HlsType | null>(null);
  const a = allocation.data?.stored?.state === 'announced' ? allocation.data.stored.allocation : null;
  const steps = a ? ceremonyOrder(a) : [];
  const winners = new Map<number, PublicWinner>();
  for (const p of results.data?.prizes ?? [])
    for (const o of p.places) if (o.kind === 'awarded') winners.set(o.winner.entryId, o.winner);

  useEffect(() => () => posters?.forEach((u) => URL.revokeObjectURL(u)), [posters]);

  // In the ceremony's order, so that the first slides are ready first.
  const ordered = [...new Set(steps.map((s) => s.entryId))].flatMap((id) =>
    winners.has(id) ? [winners.get(id)!] : [],
  );
  const withClip = ordered.filter((w) => w.masterUrl);
  const work = ordered.length + withClip.length;

  const prepare = async () => {
    setPreparing(true);
    setPrepared(false);
    setLoaded(0);
    let n = 0;
    // The player's code first: it must be here before the network goes.
    let supported: boolean;
    try {
      const { default: Hls } = await import('hls.js');
      hlsClass.current = Hls;
      supported = Hls.isSupported();
    } catch {
      supported = false;
    }
    const state: ClipsState = { ready: 0, failed: 0, total: withClip.length, supported };
    setClipsState({ ...state });
    const urls = new Map<number, string>();
    for (const w of ordered) {
      if (w.posterUrl) {
        const res = await fetch(w.posterUrl, { credentials: 'same-origin' }).catch(() => null);
        if (res?.ok) urls.set(w.entryId, URL.createObjectURL(await res.blob()));
      }
      setLoaded(++n);
    }
    setPosters(urls);
    const loadedClips = new Map<number, PreloadedClip>();
    for (const w of withClip) {
      if (supported) {
        try {
          loadedClips.set(w.entryId, await preloadClip(w.masterUrl!));
          state.ready++;
        } catch {
          state.failed++;
        }
      } else state.failed++;
      setClips(new Map(loadedClips));
      setClipsState({ ...state });
      setLoaded(++n);
    }
    setIndex(0);
    setPreparing(false);
    setPrepared(true);
    stage.current?.focus();
  };

  const fullscreen = async () => {
    await stage.current?.requestFullscreen?.().catch(() => undefined);
    stage.current?.focus();
  };

  const step0 = steps[index];
  const clip = step0 ? clips.get(step0.entryId) : undefined;
  // The current slide's clip, played by hls.js from memory; stopped when the slide changes.
  useEffect(() => {
    const el = video.current;
    const Hls = hlsClass.current;
    if (!el || !clip || !Hls) return;
    const hls = new Hls({ loader: memoryLoader(clip.files), enableWorker: false });
    hls.once(Hls.Events.MANIFEST_PARSED, () => void el.play().catch(() => undefined));
    hls.loadSource(clip.playlistUrl);
    hls.attachMedia(el);
    return () => hls.destroy();
  }, [clip, index]);

  const onKey = (e: React.KeyboardEvent) => {
    const last = steps.length; // the closing slide
    if (NEXT.has(e.key)) setIndex((i) => Math.min(last, i + 1));
    else if (BACK.has(e.key)) setIndex((i) => Math.max(0, i - 1));
    else if (e.key === 'Home') setIndex(0);
    else if (e.key === 'End') setIndex(last);
    else if (PLAY_PAUSE.has(e.key) && video.current) {
      if (video.current.paused) void video.current.play().catch(() => undefined);
      else video.current.pause();
    } else return;
    e.preventDefault();
  };

  if (allocation.error || results.error) return <ApiErrorAlert error={allocation.error ?? results.error} />;
  if (!allocation.data || !results.data) return null;
  if (!a) return <p>{t('ceremony.notAnnounced')}</p>;
  const step = step0;
  const clipFailure = clipsState?.supported
    ? t('ceremony.clipsFailed', { n: clipsState.failed })
    : t('ceremony.clipsUnsupported');
  const w = step ? winners.get(step.entryId) : undefined;
  const prizeName = step ? (lang === 'en' && step.prize.nameEn ? step.prize.nameEn : step.prize.name) : '';
  return (
    <>
      <h1 className="manage-title">{t('ceremony.title')}</h1>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={() => void prepare()} loading={preparing} data-testid="ceremony-prepare">
          {t('ceremony.prepare')}
        </Button>
        <Button onClick={() => void fullscreen()} disabled={!prepared} data-testid="ceremony-fullscreen">
          {t('ceremony.fullscreen')}
        </Button>
        <Progress
          percent={work ? Math.round((loaded / work) * 100) : 100}
          size="small"
          style={{ width: 160 }}
          aria-label={t('ceremony.loading')}
        />
        <span data-testid="ceremony-ready" role="status">
          {prepared ? t('ceremony.ready') : t('ceremony.help')}
        </span>
      </Space>
      {clipsState && (
        <p className="ceremony-status" data-testid="ceremony-clips">
          {clipsState.total === 0
            ? t('ceremony.noClips')
            : t('ceremony.clips', { n: clipsState.ready, total: clipsState.total })}
          {clipsState.failed > 0 && ` · ${clipFailure}`}
        </p>
      )}
      <p className="ceremony-status">{t('ceremony.keys')}</p>
      <div
        ref={stage}
        className="ceremony"
        tabIndex={0}
        role="region"
        aria-roledescription={t('ceremony.slides')}
        aria-label={t('ceremony.title')}
        onKeyDown={onKey}
        data-testid="ceremony-stage"
      >
        {step && w ? (
          <section className="ceremony-slide" aria-live="polite" data-testid="ceremony-slide">
            <p className="ceremony-prize" data-testid="ceremony-prize">
              {prizeName}
              {step.of > 1 && ` (${step.place}/${step.of})`}
            </p>
            {clip ? (
              <video
                key={`${index}`}
                ref={video}
                className="ceremony-clip"
                controls
                playsInline
                tabIndex={-1}
                poster={posters?.get(w.entryId)}
                aria-label={t('ceremony.clipLabel', { title: w.title })}
                data-testid="ceremony-clip"
              />
            ) : (
              posters?.get(w.entryId) && <img className="ceremony-poster" src={posters.get(w.entryId)} alt="" />
            )}
            <h2 className="ceremony-entry" data-testid="ceremony-entry">
              {w.title}
            </h2>
            <p className="ceremony-credit">{w.authors.join(', ')}</p>
            {w.unitName && <p className="ceremony-unit">{w.unitName}</p>}
          </section>
        ) : (
          <section className="ceremony-slide" aria-live="polite" data-testid="ceremony-slide">
            <h2 className="ceremony-entry" data-testid="ceremony-entry">
              {t('ceremony.end')}
            </h2>
          </section>
        )}
        <p className="ceremony-count" data-testid="ceremony-count">
          {t('ceremony.count', { n: Math.min(index + 1, steps.length + 1), total: steps.length + 1 })}
        </p>
      </div>
    </>
  );
}
