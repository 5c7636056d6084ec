import { useCallback, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { can } from '@core/roles.ts';
import { timeZoneName } from '@core/time-zone-name.ts';
import { useContest } from '../../api/contests.ts';
import { errorText } from '../../api/errors.ts';
import { principalFor, useSession } from '../../api/session.ts';
import type { ContestView } from '../../api/types.ts';
import { Loading } from '../../components/Loading.tsx';
import { Markdown } from '../../components/Markdown.tsx';
import { Notice } from '../../components/Notice.tsx';
import { useTitle } from '../../components/useTitle.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { Countdown } from './Countdown.tsx';
import { HowToEnter, submitTarget } from './HowToEnter.tsx';
import { NewsSection } from './NewsSection.tsx';
import { PhaseTimeline } from './PhaseTimeline.tsx';
import { PrizeTable } from './PrizeTable.tsx';
import { clockOffset } from '../../lib/server-clock.ts';
import { TechnicalRules } from './TechnicalRules.tsx';
import { VotingResultsSection } from './VotingResultsSection.tsx';
import { WhoMayEnter } from './WhoMayEnter.tsx';

const SECTIONS = ['topics', 'timeline', 'prizes', 'tech', 'who', 'how', 'rules'] as const;

export default function ContestHomePage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const contest = useContest(slug);
  const { data: session } = useSession();
  useTitle(contest.data?.name);
  const { refetch } = contest;
  const refresh = useCallback(() => void refetch(), [refetch]);

  if (contest.isPending) return <Loading />;
  if (contest.isError) return <Notice kind="error">{errorText(contest.error, t('errors.unreachable'))}</Notice>;

  const view = contest.data;
  const offset = clockOffset(view.serverTime, contest.dataUpdatedAt);
  const mayManage = can(principalFor(session, view.slug), 'contest.viewStaffArea');
  const submitTo = submitTarget(view, !!session?.user);

  return (
    <article className="contest" data-testid="contest-home">
      <header className="hero">
        {view.isDemo && (
          <p className="demo-badge" data-testid="demo-badge">
            {t('home.demoBadge')}
          </p>
        )}
        {view.status === 'draft' && (
          <p className="demo-badge" data-testid="draft-badge">
            {t('contestList.drafts')}
          </p>
        )}
        {view.isDemo && session?.user?.isSiteAdmin && (
          <p>
            <Link to="/manage" data-testid="demo-remove-link">
              {t('contestAdmin.deleteDemo.action')}
            </Link>
          </p>
        )}
        <h1 data-testid="contest-name">{view.name}</h1>
        <p className="theme" data-testid="contest-theme">
          {view.theme}
        </p>
        <PhaseStatus view={view} />
        {view.next && <Countdown next={view.next} offsetMs={offset} onReached={refresh} />}
        <div className="actions">
          {submitTo && (
            <Link className="button" to={submitTo} data-testid="hero-submit">
              {t('home.how.submitButton')}
            </Link>
          )}
          {!session?.user && (
            <Link className={submitTo ? 'button button-secondary' : 'button'} to="/register">
              {t('home.how.register')}
            </Link>
          )}
          <Link className="button button-secondary" to={`/c/${view.slug}/gallery`} data-testid="gallery-link">
            {t('home.gallery')}
          </Link>
          {mayManage && (
            <Link className="button button-secondary" to={`/manage/${view.slug}`} data-testid="manage-link">
              {t('home.manage')}
            </Link>
          )}
        </div>
      </header>

      <nav className="toc" aria-label={t('home.toc')}>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s}>
              <a href={`#${s}`}>{t(`home.section.${s}`)}</a>
            </li>
          ))}
        </ul>
      </nav>

      {view.topics.length > 0 && (
        <Section id="topics" title={t('home.section.topics')}>
          <ol className="topics" data-testid="topics">
            {view.topics.map((topic, i) => (
              <li key={i}>{topic}</li>
            ))}
          </ol>
        </Section>
      )}
      <Section id="timeline" title={t('home.section.timeline')}>
        <p className="hint">{t('home.timeline.zone', { zone: timeZoneName(view.timeZone, currentLanguage()) })}</p>
        <PhaseTimeline view={view} offsetMs={offset} />
      </Section>
      <Section id="prizes" title={t('home.section.prizes')}>
        <PrizeTable view={view} />
      </Section>
      <Section id="tech" title={t('home.section.tech')}>
        <TechnicalRules rules={view.entryRules} />
      </Section>
      <Section id="who" title={t('home.section.who')}>
        <WhoMayEnter view={view} />
      </Section>
      <Section id="how" title={t('home.section.how')}>
        <HowToEnter view={view} loggedIn={!!session?.user} offsetMs={offset} />
      </Section>
      {view.rulesMarkdown.trim() && (
        <Section id="rules" title={t('home.section.rules')}>
          <Markdown source={view.rulesMarkdown} />
        </Section>
      )}
      <VotingResultsSection slug={view.slug} />
      <NewsSection slug={view.slug} timeZone={view.timeZone} />
    </article>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="card">
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

function PhaseStatus({ view }: { view: ContestView }) {
  const { t } = useTranslation();
  const text =
    view.phaseState === 'open' && view.currentPhase
      ? t('home.state.open', { phase: t(`phase.${view.currentPhase}`) })
      : t(`home.state.${view.phaseState}`);
  return (
    <p className={`state state-${view.phaseState}`} data-testid="phase-state">
      {text}
    </p>
  );
}
