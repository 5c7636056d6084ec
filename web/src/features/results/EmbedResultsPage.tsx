import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { usePublicResults } from '../../api/results.ts';
import { useTitle } from '../../components/useTitle.ts';
import './embed-results.css';

/**
 * The results for an <iframe> on the district's portal (under /embed/, the only path others may frame): the winners
 * prize by prize, one line each, and a link to the full results page. No session request, no cookies.
 */
export default function EmbedResultsPage() {
  const { slug = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const results = usePublicResults(slug);
  const r = results.data;
  useTitle(r ? t('results.pageTitle', { contest: r.contest.name }) : t('results.title'));
  const full = `${window.location.origin}/c/${encodeURIComponent(slug)}/results`;
  if (results.isError)
    return (
      <main className="embed-results" data-testid="embed-results-error">
        <p>{t('results.notYet')}</p>
      </main>
    );
  if (!r) return <main className="embed-results" aria-busy="true" />;
  return (
    <main className="embed-results" data-testid="embed-results">
      <h1>{t('results.widgetTitle', { contest: r.contest.name })}</h1>
      <dl>
        {r.prizes.map((p) =>
          p.places.flatMap((o, i) =>
            o.kind === 'awarded'
              ? [
                  <div key={`${p.prizeIndex}:${i}`} className="embed-results-row">
                    <dt>{lang === 'en' && p.nameEn ? p.nameEn : p.name}</dt>
                    <dd>
                      <strong>{o.winner.title}</strong> — {o.winner.recipient.name}
                      {o.winner.unitName && o.winner.unitName !== o.winner.recipient.name && `, ${o.winner.unitName}`}
                    </dd>
                  </div>,
                ]
              : [],
          ),
        )}
      </dl>
      <p>
        <a href={full} target="_blank" rel="noopener" data-testid="embed-results-link">
          {t('results.fullPage')}
        </a>
      </p>
    </main>
  );
}
