import { useQuery } from '@tanstack/react-query';
import { Button, Progress, Space } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ceremonyOrder } from '@core/awards/ceremony-order.ts';
import { getAllocation } from '../../../api/awards.ts';
import { api, enc } from '../../../api/client.ts';
import type { PublicResults, PublicWinner } from '../../../api/results.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';
import './ceremony.css';

const NEXT = new Set(['ArrowRight', 'PageDown', ' ', 'Spacebar', 'ArrowDown', 'Enter']);
const BACK = new Set(['ArrowLeft', 'PageUp', 'ArrowUp', 'Backspace']);

/**
 * The award ceremony (Hội nghị trao giải): one slide per prize won, from the consolation prizes up to the first, then
 * the most-voted (core/awards/ceremony-order.ts), driven by the keyboard or a presentation clicker (which sends
 * PageDown/PageUp or the arrows). "Prepare" loads the results and every poster into memory (object URLs), after
 * which the slides no longer need the network.
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
  const [loaded, setLoaded] = useState(0);
  const [index, setIndex] = useState(0);
  const stage = useRef<HTMLDivElement>(null);
  const a = allocation.data?.stored?.state === 'announced' ? allocation.data.stored.allocation : null;
  const steps = a ? ceremonyOrder(a) : [];
  const winners = new Map<number, PublicWinner>();
  for (const p of results.data?.prizes ?? [])
    for (const o of p.places) if (o.kind === 'awarded') winners.set(o.winner.entryId, o.winner);

  useEffect(() => () => posters?.forEach((u) => URL.revokeObjectURL(u)), [posters]);

  const prepare = async () => {
    const urls = new Map<number, string>();
    let n = 0;
    for (const w of winners.values()) {
      if (w.posterUrl) {
        const res = await fetch(w.posterUrl, { credentials: 'same-origin' });
        if (res.ok) urls.set(w.entryId, URL.createObjectURL(await res.blob()));
      }
      setLoaded(++n);
    }
    setPosters(urls);
    setIndex(0);
    await stage.current?.requestFullscreen?.().catch(() => undefined);
    stage.current?.focus();
  };

  const onKey = (e: React.KeyboardEvent) => {
    const last = steps.length; // the closing slide
    if (NEXT.has(e.key)) setIndex((i) => Math.min(last, i + 1));
    else if (BACK.has(e.key)) setIndex((i) => Math.max(0, i - 1));
    else if (e.key === 'Home') setIndex(0);
    else if (e.key === 'End') setIndex(last);
    else return;
    e.preventDefault();
  };

  if (allocation.error || results.error) return <ApiErrorAlert error={allocation.error ?? results.error} />;
  if (!allocation.data || !results.data) return null;
  if (!a) return <p>{t('ceremony.notAnnounced')}</p>;
  const step = steps[index];
  const w = step ? winners.get(step.entryId) : undefined;
  const prizeName = step ? (lang === 'en' && step.prize.nameEn ? step.prize.nameEn : step.prize.name) : '';
  return (
    <>
      <h1 className="manage-title">{t('ceremony.title')}</h1>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={() => void prepare()} data-testid="ceremony-prepare">
          {t('ceremony.prepare')}
        </Button>
        <Progress
          percent={winners.size ? Math.round((loaded / winners.size) * 100) : 100}
          size="small"
          style={{ width: 160 }}
          aria-label={t('ceremony.loading')}
        />
        <span data-testid="ceremony-ready">{posters ? t('ceremony.ready') : t('ceremony.help')}</span>
      </Space>
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
            {posters?.get(w.entryId) && <img className="ceremony-poster" src={posters.get(w.entryId)} alt="" />}
            <h2 className="ceremony-entry">{w.title}</h2>
            <p className="ceremony-credit">{w.authors.join(', ')}</p>
            {w.unitName && <p className="ceremony-unit">{w.unitName}</p>}
          </section>
        ) : (
          <section className="ceremony-slide" aria-live="polite" data-testid="ceremony-slide">
            <h2 className="ceremony-entry">{t('ceremony.end')}</h2>
          </section>
        )}
        <p className="ceremony-count">
          {t('ceremony.count', { n: Math.min(index + 1, steps.length + 1), total: steps.length + 1 })}
        </p>
      </div>
    </>
  );
}
