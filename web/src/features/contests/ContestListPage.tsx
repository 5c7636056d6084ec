import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { directContest, type HomeBucket } from '@core/contest-lifecycle.ts';
import { formatDate } from '@core/time.ts';
import { useContests } from '../../api/contests.ts';
import { errorText } from '../../api/errors.ts';
import { useSession } from '../../api/session.ts';
import type { ContestSummary } from '../../api/types.ts';
import { Loading } from '../../components/Loading.tsx';
import { Notice } from '../../components/Notice.tsx';
import { useTitle } from '../../components/useTitle.ts';

const SECTIONS: HomeBucket[] = ['open', 'upcoming', 'past', 'draft'];

/**
 * The contests of this site, open, upcoming and past (drafts too, for their staff). With exactly one contest open,
 * the site's home page is that contest's; `all` (at /contests) always shows the list.
 */
export default function ContestListPage({ all = false }: { all?: boolean }) {
  const { t } = useTranslation();
  const contests = useContests();
  const session = useSession();
  const isAdmin = session.data?.user?.isSiteAdmin ?? false;
  useTitle(t('list.title'));
  if (contests.isPending) return <Loading />;
  if (contests.isError) return <Notice kind="error">{errorText(contests.error, t('errors.unreachable'))}</Notice>;
  const only = all ? null : directContest(contests.data);
  if (only) return <Navigate to={`/c/${only.slug}`} replace />;
  return (
    <section data-testid="contest-list-page">
      <h1>{t('list.title')}</h1>
      {isAdmin && contests.data.length > 0 && (
        <p>
          <Link to="/manage" data-testid="manage-contests">
            {t('contestList.manage')}
          </Link>
        </p>
      )}
      {contests.data.length === 0 &&
        (isAdmin ? (
          <div className="card" data-testid="first-contest">
            <p>{t('contestList.firstStart')}</p>
            <Link to="/manage" className="button" data-testid="create-first-contest">
              {t('contestList.createFirst')}
            </Link>
          </div>
        ) : (
          <p>{t('list.empty')}</p>
        ))}
      {SECTIONS.map((bucket) => {
        const list = contests.data.filter((c) => c.bucket === bucket);
        if (list.length === 0) return null;
        return (
          <section key={bucket} aria-labelledby={`contests-${bucket}`} data-testid={`contests-${bucket}`}>
            <h2 id={`contests-${bucket}`}>{t(bucket === 'draft' ? 'contestList.drafts' : `contestList.${bucket}`)}</h2>
            <ul className="contest-list" data-testid="contest-list">
              {list.map((c) => (
                <ContestCard key={c.id} c={c} />
              ))}
            </ul>
          </section>
        );
      })}
    </section>
  );
}

function ContestCard({ c }: { c: ContestSummary }) {
  const { t } = useTranslation();
  return (
    <li className="card" data-testid={`contest-card-${c.slug}`}>
      {c.isDemo && <span className="demo-badge">{t('home.demoBadge')}</span>}
      {c.status === 'draft' && <span className="demo-badge">{t('contestList.draftBadge')}</span>}
      <h3>
        <Link to={`/c/${c.slug}`}>{c.name}</Link>
      </h3>
      <p className="theme clamp">{c.theme}</p>
      <p className={`state state-${c.phaseState}`}>
        {c.phaseState === 'open' && c.currentPhase
          ? t('home.state.open', { phase: t(`phase.${c.currentPhase}`) })
          : t(`home.state.${c.phaseState}`)}
      </p>
      {c.bucket === 'upcoming' && c.startsAt && <p>{t('contestList.opensOn', { date: formatDate(c.startsAt) })}</p>}
      {c.bucket === 'past' && c.endsAt && <p>{t('contestList.endedOn', { date: formatDate(c.endsAt) })}</p>}
    </li>
  );
}
