import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, type ContestRole } from '@core/roles.ts';
import type { SessionInfo } from '../../api/types.ts';

/** The user's roles, contest by contest, with the way into each staff area they may open. */
export function MyRoles({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const user = session.user!;
  const byContest = new Map<string, { name: string; roles: ContestRole[] }>();
  for (const m of session.memberships) {
    const entry = byContest.get(m.slug) ?? { name: m.contestName, roles: [] };
    entry.roles.push(m.role as ContestRole);
    byContest.set(m.slug, entry);
  }
  return (
    <>
      {user.isSiteAdmin && <p data-testid="site-admin">{t('account.siteAdmin')}</p>}
      {byContest.size === 0 ? (
        <p>{t('account.noRoles')}</p>
      ) : (
        <ul className="plain-list" data-testid="my-roles">
          {[...byContest].map(([slug, c]) => (
            <li key={slug}>
              <Link to={`/c/${slug}`}>{c.name}</Link>
              {': '}
              {c.roles.map((r) => t(`role.${r}`)).join(', ')}
              {can({ isSiteAdmin: user.isSiteAdmin, roles: c.roles }, 'contest.viewStaffArea') && (
                <>
                  {' — '}
                  <Link to={`/manage/${slug}`}>{t('home.manage')}</Link>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
