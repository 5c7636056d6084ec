import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { countdown } from '@core/time.ts';
import type { ContestView } from '../../api/types.ts';
import { useServerNow } from '../../lib/server-clock.ts';

const two = (n: number) => String(n).padStart(2, '0');

interface Props {
  next: NonNullable<ContestView['next']>;
  offsetMs: number;
  /** Called once the moment is reached, so the page can ask the server which phase is now in force. */
  onReached: () => void;
}

/** "Tiếp nhận tác phẩm kết thúc sau 5 ngày 03:12:45", live, by the server's clock. */
export function Countdown({ next, offsetMs, onReached }: Props) {
  const { t } = useTranslation();
  const now = useServerNow(offsetMs);
  const left = countdown(now, new Date(next.at));
  const reached = left.totalMs === 0;
  useEffect(() => {
    if (reached) onReached();
  }, [reached, onReached]);
  const phase = t(`phase.${next.kind}`);
  const time = `${two(left.hours)}:${two(left.minutes)}:${two(left.seconds)}`;
  return (
    <p className="countdown" data-testid="countdown">
      <span>{t(next.edge === 'start' ? 'home.countdown.starts' : 'home.countdown.ends', { phase })}</span>{' '}
      <span role="timer" aria-live="off" className="countdown-value">
        {left.days > 0 ? t('home.countdown.value', { count: left.days, days: left.days, time }) : time}
      </span>
    </p>
  );
}
