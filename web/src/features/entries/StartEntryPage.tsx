import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { canStartUpload } from '@core/eligibility.ts';
import { formatDateTime } from '@core/time.ts';
import { STAFF_ROLES, type ContestRole } from '@core/roles.ts';
import { useContest } from '../../api/contests.ts';
import { createEntry, myEntriesKey, useMyEntries } from '../../api/entries.ts';
import { errorText } from '../../api/errors.ts';
import { useSession } from '../../api/session.ts';
import type { EntryDraft } from '../../api/types.ts';
import { Loading } from '../../components/Loading.tsx';
import { Notice } from '../../components/Notice.tsx';
import { useTitle } from '../../components/useTitle.ts';
import { clockOffset, DEADLINE_CHECK_MS, useServerNow } from '../../lib/server-clock.ts';
import { emptyDraft, openDrafts, representedUnits } from './draft.ts';
import './entries.css';

/**
 * "Nộp tác phẩm": who enters (a unit the user represents, or the user as a person), then a draft is created. A user
 * with a draft already open in this contest is offered to continue it first, and starts another only on asking.
 */
export default function StartEntryPage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const session = useSession();
  const contest = useContest(slug);
  const mine = useMyEntries(!!session.data?.user);
  const [another, setAnother] = useState(false);
  useTitle(t('start.title'));
  const [choice, setChoice] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const offset = contest.data ? clockOffset(contest.data.serverTime, contest.dataUpdatedAt) : 0;
  const now = useServerNow(offset, DEADLINE_CHECK_MS);

  if (session.isPending || contest.isPending) return <Loading />;
  const user = session.data?.user;
  if (!user) return <Navigate to={`/login?next=${encodeURIComponent(`/c/${slug}/submit`)}`} replace />;
  // Without the list the offer to continue cannot be made; a list that fails to load does not block starting.
  if (mine.isPending) return <Loading />;
  if (contest.isError) return <Notice kind="error">{errorText(contest.error, t('errors.unreachable'))}</Notice>;

  const view = contest.data;
  const memberships = session.data?.memberships ?? [];
  const units = representedUnits(memberships, slug);
  const staffRoles = memberships.filter((m) => m.slug === slug && STAFF_ROLES.includes(m.role as ContestRole));
  const open = canStartUpload(view.phases, now).ok;
  const selected = choice ?? (units[0] ? `unit:${units[0].unitId}` : 'person');
  const drafts = openDrafts(mine.data ?? [], slug);
  const showForm = drafts.length === 0 || another;

  async function start(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const party: EntryDraft['party'] = selected.startsWith('unit:')
      ? { kind: 'unit', unitId: Number(selected.slice(5)) }
      : { kind: 'person' };
    const draft = {
      ...emptyDraft(party, { fullName: user!.fullName, email: user!.email ?? '', phone: user!.phone ?? '' }),
      title: title.trim(),
    };
    try {
      const { id } = await createEntry(slug, draft);
      await qc.invalidateQueries({ queryKey: myEntriesKey });
      navigate(`/entries/${id}`, { replace: true });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <section className="narrow" data-testid="start-entry">
      <p className="crumbs">
        <Link to={`/c/${slug}`}>{view.name}</Link>
      </p>
      <h1>{t('start.title')}</h1>
      {!open && (
        <Notice kind="info" testId="start-closed">
          {t('start.closed')}
        </Notice>
      )}
      {staffRoles.length > 0 && (
        <Notice kind="error" testId="start-staff">
          {t('start.staff', { roles: staffRoles.map((m) => t(`role.${m.role}`)).join(', ') })}
        </Notice>
      )}
      {drafts.length > 0 && (
        <div className="card" data-testid="start-drafts">
          <h2>{t('flow.draftsTitle', { count: drafts.length })}</h2>
          <p>{t('flow.draftsIntro')}</p>
          <ul className="draft-list">
            {drafts.map((d) => (
              <li key={d.id}>
                <Link className="button" to={`/entries/${d.id}`} data-testid={`continue-draft-${d.id}`}>
                  {t('flow.continueDraft', { title: d.title || t('entry.untitled') })}
                </Link>
                <span className="hint"> {t('entries.updatedAt', { at: formatDateTime(d.updatedAt) })}</span>
              </li>
            ))}
          </ul>
          {!another && (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => setAnother(true)}
              data-testid="start-another"
            >
              {t('flow.startAnother')}
            </button>
          )}
        </div>
      )}
      {showForm && (
        <form className="form" onSubmit={(e) => void start(e)} noValidate>
          <fieldset className="choice-group">
            <legend>{t('start.who')}</legend>
            {units.map((u) => (
              <label key={u.unitId} className="choice-card">
                <input
                  type="radio"
                  name="party"
                  value={`unit:${u.unitId}`}
                  checked={selected === `unit:${u.unitId}`}
                  onChange={() => setChoice(`unit:${u.unitId}`)}
                  data-testid={`party-unit-${u.unitId}`}
                />
                <span>
                  <strong>
                    {u.unitName
                      ? t('start.forUnit', { unit: u.unitName })
                      : units.length > 1
                        ? t('start.forUnitN', { id: u.unitId })
                        : t('start.forMyUnit')}
                  </strong>
                  <span className="hint">{t('start.unitHint')}</span>
                </span>
              </label>
            ))}
            <label className="choice-card">
              <input
                type="radio"
                name="party"
                value="person"
                checked={selected === 'person'}
                onChange={() => setChoice('person')}
                data-testid="party-person"
              />
              <span>
                <strong>{t('start.asPerson')}</strong>
                <span className="hint">{t('start.personHint', { count: view.maxEntriesPerPerson })}</span>
              </span>
            </label>
          </fieldset>
          <div className="field">
            <label htmlFor="start-title">{t('start.workTitle')}</label>
            <input
              id="start-title"
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              maxLength={300}
              aria-describedby="start-title-hint"
            />
            <p id="start-title-hint" className="hint">
              {t('start.workTitleHint')}
            </p>
          </div>
          {error !== null && (
            <Notice kind="error" testId="start-error">
              {errorText(error, t('errors.unreachable'))}
            </Notice>
          )}
          <button type="submit" className="button" disabled={busy || !open} data-testid="start-submit">
            {busy ? t('common.working') : t('start.create')}
          </button>
        </form>
      )}
    </section>
  );
}
