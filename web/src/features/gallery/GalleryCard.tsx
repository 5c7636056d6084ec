import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { GalleryCardView } from '../../api/types.ts';
import { formatDuration } from '../../lib/format.ts';
import { VoteButton } from '../voting/VoteButton.tsx';

/**
 * How wide a card is (gallery.css): two columns in the page's 1rem margins on phones, three to four from 48rem, four
 * of about 14rem once the page stops growing at 60rem. The browser picks the small poster or the big one from this.
 */
const POSTER_SIZES = '(min-width: 60rem) 14rem, (min-width: 48rem) 31vw, 46vw';

/**
 * One published entry in the grid: the poster (in a fixed 16:9 box so nothing moves), title, unit, form, length,
 * and the vote button while voting is open. The first row's posters are asked for at once and first (`priority`),
 * the others only when scrolled near.
 */
export function GalleryCard({
  slug,
  item,
  priority,
  voting,
}: {
  slug: string;
  item: GalleryCardView;
  priority: boolean;
  voting: boolean;
}) {
  const { t } = useTranslation();
  const duration = formatDuration(item.durationSec);
  return (
    <li className="gallery-card" data-testid={`gallery-card-${item.id}`}>
      <Link to={`/c/${encodeURIComponent(slug)}/e/${item.id}`} className="gallery-link">
        <span className="gallery-thumb">
          {item.posterUrl && (
            <img
              className="gallery-poster"
              src={item.posterUrl}
              srcSet={item.posterSrcset ?? undefined}
              sizes={item.posterSrcset ? POSTER_SIZES : undefined}
              alt=""
              loading={priority ? 'eager' : 'lazy'}
              fetchPriority={priority ? 'high' : 'auto'}
              decoding="async"
              width={320}
              height={180}
            />
          )}
          {duration && (
            <span className="gallery-duration" aria-label={t('gallery.duration', { duration })}>
              {duration}
            </span>
          )}
        </span>
        <span className="gallery-title">{item.title}</span>
      </Link>
      <span className="gallery-meta">
        {item.unitName ?? item.credit}
        {item.form && <> · {t(`entryForm.${item.form}`)}</>}
      </span>
      {voting && <VoteButton slug={slug} entryId={item.id} title={item.title} />}
    </li>
  );
}
