import { useEffect, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import type uPlot from 'uplot';
import { api, enc } from '../../../api/client.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';
import { hourLabel, hourRange, hourTicks } from './hour-axis.ts';

type Counts = { counted: number; quarantined: number; invalidated: number };
interface Stats {
  timeZone: string;
  perHour: ({ hour: string } & Counts)[];
  perEntry: ({ code: string } & Counts)[];
  totals: Counts;
}

/** Tick steps of the hour axis, in seconds: 1, 2, 3, 6 and 12 hours, a day, two, a week. */
const HOUR_STEPS = [3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800];

/** Tick steps of the vote counts: whole votes only. */
const COUNT_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000];

const COLORS = { counted: '#389e0d', quarantined: '#d48806', invalidated: '#cf1322', rate: '#1d39c4' };

/** uPlot and its stylesheet, fetched the first time a chart is drawn: the staff area only, never the public pages. */
let uplotModule: Promise<typeof uPlot> | null = null;
function loadUplot(): Promise<typeof uPlot> {
  uplotModule ??= import('./uplot-lazy.ts').then((m) => m.default);
  return uplotModule;
}

function Chart({
  build,
  label,
}: {
  build: (U: typeof uPlot, width: number) => [uPlot.Options, uPlot.AlignedData];
  label: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let plot: uPlot | null = null;
    let gone = false;
    const el = box.current;
    const width = () => Math.max(280, el?.clientWidth ?? 0);
    // A phone turned sideways, or a window resized: the chart follows its box's width.
    const resized = new ResizeObserver(() => {
      if (plot && plot.width !== width()) plot.setSize({ width: width(), height: plot.height });
    });
    void loadUplot().then((U) => {
      if (gone || !el) return;
      const [opts, data] = build(U, width());
      plot = new U(opts, data, el);
      resized.observe(el);
    });
    return () => {
      gone = true;
      resized.disconnect();
      plot?.destroy();
    };
  }, [build]);
  return <div ref={box} role="img" aria-label={label} className="voting-chart" />;
}

/** Votes per hour with the quarantine rate, and votes per entry, by status (uPlot, loaded lazily). */
export function VotingCharts({ slug }: { slug: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en-GB' : 'vi-VN';
  const stats = useQuery({
    queryKey: ['voting-stats', slug],
    queryFn: () => api<Stats>(`/api/contests/${enc(slug)}/voting/stats`),
  });
  const s = stats.data;
  const total = s ? s.totals.counted + s.totals.quarantined + s.totals.invalidated : 0;
  const series = (key: keyof Counts): uPlot.Series => ({
    label: t(`votingCharts.${key}`),
    stroke: COLORS[key],
    width: 2,
  });
  const perHour = (U: typeof uPlot, width: number): [uPlot.Options, uPlot.AlignedData] => {
    const h = s!.perHour;
    const zone = s!.timeZone;
    const hours = h.map((x) => Date.parse(x.hour) / 1000);
    return [
      {
        width,
        height: 240,
        tzDate: (ts) => U.tzDate(new Date(ts * 1000), zone),
        series: [
          { label: t('votingCharts.hour'), value: (_u, v) => hourLabel(v, zone) },
          series('counted'),
          series('quarantined'),
          series('invalidated'),
          {
            label: t('votingCharts.rate'),
            stroke: COLORS.rate,
            scale: '%',
            dash: [6, 4],
            value: (_u, v) => (v == null ? '—' : `${v.toLocaleString(lang)} %`),
          },
        ],
        axes: [
          // Ticks on whole hours at the least: the votes are counted by the hour.
          { values: (_u, splits) => hourTicks(splits, zone), incrs: HOUR_STEPS },
          { label: t('votingCharts.votes'), incrs: COUNT_STEPS },
          { side: 1, scale: '%', grid: { show: false }, values: (_u, vs) => vs.map((v) => `${v} %`) },
        ],
        scales: { x: { range: () => hourRange(hours) }, '%': { range: [0, 100] } },
      },
      [
        hours,
        h.map((x) => x.counted),
        h.map((x) => x.quarantined),
        h.map((x) => x.invalidated),
        h.map((x) => {
          const all = x.counted + x.quarantined + x.invalidated;
          return all ? Math.round(((x.quarantined + x.invalidated) * 1000) / all) / 10 : 0;
        }),
      ],
    ];
  };
  const perEntry = (U: typeof uPlot, width: number): [uPlot.Options, uPlot.AlignedData] => {
    const e = s!.perEntry;
    const bars = U.paths.bars!({ size: [0.6, 60] });
    return [
      {
        width,
        height: 240,
        scales: { x: { time: false, range: [-0.5, e.length - 0.5] } },
        series: [
          { label: t('votingCharts.entry'), value: (_u, i) => (i == null ? '—' : (e[i]?.code ?? '')) },
          { ...series('counted'), paths: bars, fill: `${COLORS.counted}99` },
          { ...series('quarantined'), paths: bars, fill: `${COLORS.quarantined}99` },
        ],
        axes: [
          { values: (_u, vs) => vs.map((i) => e[i]?.code ?? ''), incrs: [1] },
          { label: t('votingCharts.votes'), incrs: COUNT_STEPS },
        ],
      },
      [e.map((_x, i) => i), e.map((x) => x.counted), e.map((x) => x.quarantined)],
    ];
  };
  return (
    <Card title={t('votingCharts.title')} style={{ marginTop: 16 }} data-testid="voting-charts">
      <ApiErrorAlert error={stats.error} />
      {s && total === 0 && <Empty description={t('votingCharts.none')} />}
      {s && total > 0 && (
        <>
          <h3>{t('votingCharts.perHour')}</h3>
          <Chart build={perHour} label={t('votingCharts.perHourLabel', { total })} />
          <h3>{t('votingCharts.perEntry')}</h3>
          <Chart build={perEntry} label={t('votingCharts.perEntryLabel', { entries: s.perEntry.length })} />
        </>
      )}
    </Card>
  );
}
