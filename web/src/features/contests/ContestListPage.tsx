import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { useContests } from '../../api/contests.ts';
import { errorText } from '../../api/errors.ts';
import { Loading } from '../../components/Loading.tsx';
import { Notice } from '../../components/Notice.tsx';
import { useTitle } from '../../components/useTitle.ts';

/** All contests of this site; with a single one, its home page is the site's home page. */
export default function ContestListPage() {
  const { t } = useTranslation();
  const contests = useContests();
  useTitle(t('list.title'));
  if (contests.isPending) return <Loading />;
  if (contests.isError) return <Notice kind="error">{errorText(contests.error, t('errors.unreachable'))}</Notice>;
  const only = contests.data.length === 1 ? contests.data[0] : undefined;
  if (only) return <Navigate to={`/c/${only.slug}`} replace />;
  return (
    <section data-testid="contest-list-page">
      <h1>{t('list.title')}</h1>
      {contests.data.length === 0 ? (
        <p>{t('list.empty')}</p>
      ) : (
        <ul className="contest-list" data-testid="contest-list">
          {contests.data.map((c) => (
            <li key={c.id} className="card">
              {c.isDemo && <span className="demo-badge">{t('home.demoBadge')}</span>}
              <h2>
                <Link to={`/c/${c.slug}`}>{c.name}</Link>
              </h2>
              <p className="theme clamp">{c.theme}</p>
              <p className={`state state-${c.phaseState}`}>
                {c.phaseState === 'open' && c.currentPhase
                  ? t('home.state.open', { phase: t(`phase.${c.currentPhase}`) })
                  : t(`home.state.${c.phaseState}`)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
