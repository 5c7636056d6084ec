import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate, useParams } from 'react-router';
import { canStartUpload, submissionWindow } from '@core/eligibility.ts';
import { can } from '@core/roles.ts';
import { formatDateTime } from '@core/time.ts';
import { ApiError } from '../../api/client.ts';
import { useContest } from '../../api/contests.ts';
import {
  deleteEntry,
  entryKey,
  myEntriesKey,
  receiptKey,
  saveEntry,
  submitEntry,
  useEntry,
  useReceipt,
  withdrawEntry,
} from '../../api/entries.ts';
import { errorText, fieldErrors } from '../../api/errors.ts';
import { principalFor, useSession } from '../../api/session.ts';
import type { ContestView, EntryDraft, EntryView } from '../../api/types.ts';
import { Loading } from '../../components/Loading.tsx';
import { Notice } from '../../components/Notice.tsx';
import { useTitle } from '../../components/useTitle.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { clockOffset } from '../contests/server-clock.ts';
import { draftForSaving } from './draft.ts';
import { EntryForm, fieldId } from './EntryForm.tsx';
import { EntryHistory } from './EntryHistory.tsx';
import { FileSection } from './FileSection.tsx';
import { PlaybackSection } from './PlaybackSection.tsx';
import { SubtitlesSection } from './SubtitlesSection.tsx';
import { ReceiptDetails } from './ReceiptDetails.tsx';
import { ReviewOutcome } from './ReviewOutcome.tsx';
import { fixWindowOpen } from './review-outcome.ts';
import './entries.css';

const AUTOSAVE_MS = 1500;

export default function EntryPage() {
  const { id = '' } = useParams();
  const entryId = Number(id);
  const { t } = useTranslation();
  const location = useLocation();
  const session = useSession();
  const entry = useEntry(session.data?.user ? entryId : 0);
  const contest = useContest(entry.data?.contestSlug ?? '', !!entry.data);
  useTitle(entry.data ? entry.data.draft.title || t('entry.untitled') : t('entry.title'));

  if (session.isPending) return <Loading />;
  if (!session.data?.user) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  if (!Number.isInteger(entryId) || entryId <= 0) return <Notice kind="error">{t('entry.notFound')}</Notice>;
  if (entry.isError) return <Notice kind="error">{errorText(entry.error, t('errors.unreachable'))}</Notice>;
  if (contest.isError) return <Notice kind="error">{errorText(contest.error, t('errors.unreachable'))}</Notice>;
  if (!entry.data || !contest.data) return <Loading />;
  return (
    <EntryEditor
      key={entry.data.id}
      entry={entry.data}
      contest={contest.data}
      contestFetchedAt={contest.dataUpdatedAt}
    />
  );
}

function EntryEditor({
  entry,
  contest,
  contestFetchedAt,
}: {
  entry: EntryView;
  contest: ContestView;
  contestFetchedAt: number;
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const qc = useQueryClient();
  const { data: session } = useSession();
  const principal = principalFor(session, contest.slug);
  const [draft, setDraft] = useState<EntryDraft>(entry.draft);
  const version = useRef(0);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  /** The draft version whose save failed: autosave waits for the next change instead of retrying in a loop. */
  const [failedVersion, setFailedVersion] = useState<number | null>(null);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const [justSubmitted, setJustSubmitted] = useState(false);
  const editable = entry.canEdit;

  const refresh = useCallback(
    () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: entryKey(entry.id) }),
        qc.invalidateQueries({ queryKey: myEntriesKey }),
      ]),
    [qc, entry.id],
  );

  const save = useCallback(async (): Promise<boolean> => {
    const v = version.current;
    setSaving(true);
    try {
      await saveEntry(contest.slug, entry.id, draftForSaving(draftRef.current));
      setSaveError(null);
      setSavedAt(new Date());
      if (version.current === v) setDirty(false);
      void refresh();
      return true;
    } catch (err) {
      setSaveError(err);
      setFailedVersion(v);
      return false;
    } finally {
      setSaving(false);
    }
  }, [contest.slug, entry.id, refresh]);

  const draftRef = useRef(draft);
  draftRef.current = draft;

  function change(next: EntryDraft) {
    version.current++;
    setDraft(next);
    setDirty(true);
  }

  // Autosave a moment after the last change; an error stops it until the next change.
  useEffect(() => {
    if (!dirty || !editable || saving || failedVersion === version.current) return;
    const timer = setTimeout(() => void save(), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [dirty, editable, saving, failedVersion, draft, save]);

  // Leaving the page within the autosave delay still saves what was typed.
  const pending = useRef<() => void>(() => {});
  pending.current = () => {
    if (dirty && editable && !saving) void save();
  };
  useEffect(() => () => pending.current(), []);

  const now = new Date(Date.now() + clockOffset(contest.serverTime, contestFetchedAt));
  const win = submissionWindow(contest.phases, contest.entryRules, now, entry.upload?.createdAt);
  /** Returned on review: it may be fixed and sent again until its fix deadline, even after submissions closed. */
  const fixOpen = fixWindowOpen(entry.review, now);
  const mayUpload = editable && (canStartUpload(contest.phases, now).ok || fixOpen);
  const hasAcceptedFile = !!entry.acceptedUploadId && entry.upload?.status === 'accepted';
  const submission = contest.phases.find((p) => p.kind === 'submission');
  /** The entry's own people (its owner, or intake staff for an intake entry), as opposed to staff reading it. */
  const mayWrite = entry.canEdit || entry.canWithdraw;
  const isStaff = can(principal, 'entries.viewAll');

  async function submit() {
    setSubmitError(null);
    setSubmitting(true);
    try {
      if (dirty && !(await save())) return;
      const receipt = await submitEntry(entry.id);
      qc.setQueryData(receiptKey(entry.id), receipt);
      setJustSubmitted(true);
      void refresh();
    } catch (err) {
      setSubmitError(err);
      void refresh();
    } finally {
      setSubmitting(false);
    }
  }

  const blockers: string[] = [];
  if (entry.status === 'draft') {
    if (entry.missing.length) blockers.push(t('entry.submit.blockMissing', { count: entry.missing.length }));
    if (!hasAcceptedFile) blockers.push(t('entry.submit.blockFile'));
    if (!win.ok && !fixOpen)
      blockers.push(
        win.reason === 'notOpenYet'
          ? t('entry.submit.blockNotOpen')
          : win.reason === 'closed'
            ? t('entry.submit.blockClosed')
            : t('entry.submit.blockUnscheduled'),
      );
  }
  const errors = fieldErrors(saveError);
  const incompleteList =
    submitError instanceof ApiError && submitError.code === 'entry.incomplete'
      ? ((submitError.details as { missing?: { field: string; message: { vi: string; en: string } }[] } | undefined)
          ?.missing ?? [])
      : [];

  return (
    <article className="entry-page" data-testid="entry-page">
      <p className="crumbs">
        <Link to={mayWrite || !isStaff ? '/entries' : `/manage/${contest.slug}/entries`}>
          {mayWrite || !isStaff ? t('entries.title') : t('entry.backToStaff')}
        </Link>
        {' › '}
        <Link to={`/c/${contest.slug}`}>{contest.name}</Link>
      </p>
      <h1 data-testid="entry-title">{draft.title || t('entry.untitled')}</h1>
      <p className="entry-meta">
        <span className={`status status-${entry.status}`} data-testid="entry-status">
          {t(`entries.status.${entry.status}`)}
        </span>
        {entry.code && (
          <span className="code" data-testid="entry-code">
            {entry.code}
          </span>
        )}
        <span className="entry-party">
          {entry.unitName ? t('entry.party.unit', { unit: entry.unitName }) : t('entry.party.person')}
        </span>
        {entry.isIntake && <span className="entry-party">{t('entry.intake')}</span>}
      </p>
      <ReviewOutcome review={entry.review} timeZone={contest.timeZone} now={now} />

      {entry.status === 'submitted' && (
        <section className="card" aria-labelledby="submitted-title" data-testid="submitted">
          <h2 id="submitted-title">{justSubmitted ? t('entry.submitted.justNow') : t('entry.submitted.title')}</h2>
          <SubmittedReceipt entryId={entry.id} />
          <p>{t('entry.submitted.next')}</p>
          <div className="actions no-print">
            <Link className="button" to={`/entries/${entry.id}/receipt`} data-testid="receipt-link">
              {t('entry.submitted.receipt')}
            </Link>
          </div>
          {entry.canWithdraw && (
            <Withdraw
              entryId={entry.id}
              onDone={refresh}
              deadline={submission ? formatDateTime(submission.endsAt, contest.timeZone) : ''}
            />
          )}
        </section>
      )}

      {entry.status === 'draft' && entry.withdrawnAt && (
        <Notice kind="info">
          {t('entry.withdrawnNotice', { at: formatDateTime(entry.withdrawnAt, contest.timeZone) })}
        </Notice>
      )}
      {!editable && entry.status === 'draft' && <Notice kind="info">{t('entry.readOnly')}</Notice>}

      {entry.status === 'draft' && entry.missing.length > 0 && (
        <section className="card missing" aria-labelledby="missing-title" data-testid="missing">
          <h2 id="missing-title">{t('entry.missing.title', { count: entry.missing.length })}</h2>
          <ul className="plain-list">
            {entry.missing.map((m) => (
              <li key={m.field}>
                <a href={`#${fieldId(m.field)}`}>{m.message[lang]}</a>
              </li>
            ))}
          </ul>
        </section>
      )}

      {entry.status === 'submitted' ? (
        <details className="card submitted-details">
          <summary>{t('entry.showDetails')}</summary>
          <EntryForm draft={draft} contest={contest} readOnly errors={errors} onChange={change} />
        </details>
      ) : (
        <EntryForm draft={draft} contest={contest} readOnly={!editable} errors={errors} onChange={change} />
      )}

      {editable && (
        <div className="savebar" data-testid="savebar">
          <button
            type="button"
            className="button button-secondary"
            onClick={() => void save()}
            disabled={saving || !dirty}
            data-testid="save-draft"
          >
            {saving ? t('common.working') : t('entry.save')}
          </button>
          <span className="save-state" role="status" data-testid="save-state">
            {saving
              ? t('entry.saving')
              : dirty
                ? t('entry.unsaved')
                : savedAt
                  ? t('entry.savedAt', {
                      time: savedAt.toLocaleTimeString(lang === 'vi' ? 'vi-VN' : 'en-GB', {
                        hour: '2-digit',
                        minute: '2-digit',
                      }),
                    })
                  : t('entry.savedAll')}
          </span>
        </div>
      )}
      {saveError !== null && (
        <Notice kind="error" testId="save-error">
          {errorText(saveError, t('errors.unreachable'))}
          {Object.keys(errors).length > 0 && <> {t('entry.fixFields')}</>}
        </Notice>
      )}

      <FileSection entry={entry} rules={contest.entryRules} mayUpload={mayUpload} onUploaded={refresh} />
      {entry.acceptedUploadId && (
        <PlaybackSection key={entry.acceptedUploadId} entryId={entry.id} title={draft.title} />
      )}
      <SubtitlesSection entryId={entry.id} />

      {entry.status === 'draft' && editable && (
        <section className="card" aria-labelledby="submit-title" data-testid="submit-section">
          <h2 id="submit-title">{t('entry.submit.title')}</h2>
          {blockers.length > 0 ? (
            <ul className="plain-list blockers" data-testid="submit-blockers">
              {blockers.map((b) => (
                <li key={b}>{b}</li>
              ))}
            </ul>
          ) : (
            <p>{win.ok && win.inGrace ? t('entry.submit.readyGrace') : t('entry.submit.ready')}</p>
          )}
          {submitError !== null && (
            <Notice kind="error" testId="submit-error">
              <p>{errorText(submitError, t('errors.unreachable'))}</p>
              {incompleteList.length > 0 && (
                <ul>
                  {incompleteList.map((m) => (
                    <li key={m.field}>{m.message[lang]}</li>
                  ))}
                </ul>
              )}
            </Notice>
          )}
          <button
            type="button"
            className="button"
            disabled={blockers.length > 0 || submitting}
            onClick={() => void submit()}
            data-testid="submit-entry"
          >
            {submitting
              ? t('common.working')
              : t(entry.review?.status === 'returned' ? 'entry.submit.resubmit' : 'entry.submit.button')}
          </button>
          <p className="hint">{t('entry.submit.hint')}</p>
        </section>
      )}

      <EntryHistory events={entry.events} timeZone={contest.timeZone} />
      {((entry.status === 'draft' && mayWrite) || can(principal, 'entries.delete')) && (
        <DeleteEntry
          entryId={entry.id}
          asOrganizer={!mayWrite && can(principal, 'entries.delete')}
          backTo={mayWrite ? '/entries' : `/manage/${contest.slug}/entries`}
        />
      )}
    </article>
  );
}

function SubmittedReceipt({ entryId }: { entryId: number }) {
  const { t } = useTranslation();
  const receipt = useReceipt(entryId);
  if (receipt.isPending) return <Loading />;
  if (receipt.isError) return <Notice kind="error">{errorText(receipt.error, t('errors.unreachable'))}</Notice>;
  return <ReceiptDetails receipt={receipt.data} />;
}

/**
 * A destructive action behind a second click: the button, then the question with "yes" and "no". `run` throws to show
 * the server's message; `testId` prefixes the test ids (`-start`, `-confirm`).
 */
function ConfirmAction({
  keys,
  testId,
  run,
  children,
}: {
  keys: string;
  testId: string;
  run: () => Promise<void>;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function go() {
    setBusy(true);
    setError(null);
    try {
      await run();
      setConfirming(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      {error !== null && (
        <Notice kind="error" testId={`${testId}-error`}>
          {errorText(error, t('errors.unreachable'))}
        </Notice>
      )}
      {confirming ? (
        <div className="confirm" role="group" aria-label={t(`${keys}.confirmLabel`)}>
          <p>
            <strong>{t(`${keys}.confirm`)}</strong>
          </p>
          {children}
          <div className="actions">
            <button
              type="button"
              className="button button-danger"
              onClick={() => void go()}
              disabled={busy}
              data-testid={`${testId}-confirm`}
            >
              {busy ? t('common.working') : t(`${keys}.yes`)}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
              {t(`${keys}.no`)}
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          className="button button-secondary"
          onClick={() => setConfirming(true)}
          data-testid={`${testId}-start`}
        >
          {t(`${keys}.button`)}
        </button>
      )}
    </>
  );
}

function Withdraw({ entryId, deadline, onDone }: { entryId: number; deadline: string; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  return (
    <div className="withdraw no-print" data-testid="withdraw">
      <h3>{t('entry.withdraw.title')}</h3>
      <p className="hint">{t('entry.withdraw.hint', { deadline })}</p>
      <ConfirmAction
        keys="entry.withdraw"
        testId="withdraw"
        run={async () => {
          await withdrawEntry(entryId);
          qc.removeQueries({ queryKey: receiptKey(entryId) });
          onDone();
        }}
      />
    </div>
  );
}

/** Deleting an entry and all its files: the entrant's own draft, or any entry by the organizer with a reason. */
function DeleteEntry({ entryId, asOrganizer, backTo }: { entryId: number; asOrganizer: boolean; backTo: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [reason, setReason] = useState('');
  return (
    <section className="card delete-entry no-print" aria-labelledby="delete-title" data-testid="delete-entry">
      <h2 id="delete-title">{t('entry.delete.title')}</h2>
      <p className="hint">{t(asOrganizer ? 'entry.delete.hintOrganizer' : 'entry.delete.hint')}</p>
      <ConfirmAction
        keys="entry.delete"
        testId="delete"
        run={async () => {
          await deleteEntry(entryId, asOrganizer ? reason : undefined);
          qc.removeQueries({ queryKey: entryKey(entryId) });
          // The list may be cached from before: drop the entry at once rather than show it until the refetch.
          qc.setQueryData<{ id: number }[]>(myEntriesKey, (list) => list?.filter((e) => e.id !== entryId));
          await qc.invalidateQueries({ queryKey: myEntriesKey });
          navigate(backTo, { replace: true });
        }}
      >
        {asOrganizer && (
          <label className="field">
            <span>{t('entry.delete.reason')}</span>
            <textarea
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              rows={2}
              maxLength={1000}
              data-testid="delete-reason"
            />
          </label>
        )}
      </ConfirmAction>
    </section>
  );
}
