import { useCallback, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useParams } from 'react-router';
import { canStartUpload, submissionWindow } from '@core/eligibility.ts';
import { can } from '@core/roles.ts';
import { formatDateTime } from '@core/time.ts';
import { useContest } from '../../api/contests.ts';
import { entryKey, myEntriesKey, useEntry } from '../../api/entries.ts';
import { errorText, fieldErrors } from '../../api/errors.ts';
import { principalFor, useSession } from '../../api/session.ts';
import type { ContestView, EntryView } from '../../api/types.ts';
import { DeadlineNotice } from '../../components/DeadlineNotice.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Notice } from '../../components/Notice.tsx';
import { useTitle } from '../../components/useTitle.ts';
import { clockOffset, DEADLINE_CHECK_MS, useServerNow } from '../../lib/server-clock.ts';
import { DeleteEntry } from './DeleteEntry.tsx';
import { EntryForm } from './EntryForm.tsx';
import { EntryHeader, MissingFields } from './EntryHeader.tsx';
import { EntryHistory } from './EntryHistory.tsx';
import { FileSection } from './FileSection.tsx';
import { PlaybackSection } from './PlaybackSection.tsx';
import { ReviewOutcome } from './ReviewOutcome.tsx';
import { fixWindowOpen } from './review-outcome.ts';
import { SaveBar } from './SaveBar.tsx';
import { SubmitSection } from './SubmitSection.tsx';
import { SubmittedSection } from './SubmittedSection.tsx';
import { SubtitlesSection } from './SubtitlesSection.tsx';
import { useEntryDraft } from './use-entry-draft.ts';
import './entries.css';

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

/** One entry: its owner edits and sends it; staff read it. */
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
  const qc = useQueryClient();
  const { data: session } = useSession();
  const principal = principalFor(session, contest.slug);
  const editable = entry.canEdit;
  const [justSubmitted, setJustSubmitted] = useState(false);

  const refresh = useCallback(
    () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: entryKey(entry.id) }),
        qc.invalidateQueries({ queryKey: myEntriesKey }),
      ]),
    [qc, entry.id],
  );
  const onSaved = useCallback(() => void refresh(), [refresh]);
  const draft = useEntryDraft({ slug: contest.slug, entryId: entry.id, initial: entry.draft, editable, onSaved });

  const now = useServerNow(clockOffset(contest.serverTime, contestFetchedAt), DEADLINE_CHECK_MS);
  const win = submissionWindow(contest.phases, contest.entryRules, now, entry.upload?.createdAt);
  /** Returned on review: it may be fixed and sent again until its fix deadline, even after submissions closed. */
  const fixOpen = fixWindowOpen(entry.review, now);
  const mayUpload = editable && (canStartUpload(contest.phases, now).ok || fixOpen);
  /** The entry's own people (its owner, or intake staff for an intake entry), as opposed to staff reading it. */
  const mayWrite = entry.canEdit || entry.canWithdraw;
  const isStaff = can(principal, 'entries.viewAll');
  const errors = fieldErrors(draft.saveError);
  const submission = contest.phases.find((p) => p.kind === 'submission');
  const offsetMs = clockOffset(contest.serverTime, contestFetchedAt);
  const deadline = (showGrace: boolean) =>
    submission && (
      <DeadlineNotice
        endsAt={submission.endsAt}
        timeZone={contest.timeZone}
        graceMinutes={contest.entryRules.uploadGraceMinutes}
        offsetMs={offsetMs}
        showGrace={showGrace}
      />
    );
  const form = (readOnly: boolean) => (
    <EntryForm draft={draft.draft} contest={contest} readOnly={readOnly} errors={errors} onChange={draft.change} />
  );

  return (
    <article className="entry-page" data-testid="entry-page">
      <EntryHeader entry={entry} contest={contest} title={draft.draft.title} backToStaff={!mayWrite && isStaff} />
      <ReviewOutcome review={entry.review} timeZone={contest.timeZone} now={now} />

      {entry.status === 'submitted' && (
        <SubmittedSection entry={entry} contest={contest} justSubmitted={justSubmitted} onWithdrawn={refresh} />
      )}

      {entry.status === 'draft' && entry.withdrawnAt && (
        <Notice kind="info">
          {t('entry.withdrawnNotice', { at: formatDateTime(entry.withdrawnAt, contest.timeZone) })}
        </Notice>
      )}
      {entry.status === 'draft' && mayWrite && !fixOpen && deadline(false)}
      {!editable && entry.status === 'draft' && <Notice kind="info">{t('entry.readOnly')}</Notice>}
      {entry.status === 'draft' && entry.missing.length > 0 && <MissingFields missing={entry.missing} />}

      {entry.status === 'submitted' ? (
        <details className="card submitted-details">
          <summary>{t('entry.showDetails')}</summary>
          {form(true)}
        </details>
      ) : (
        form(!editable)
      )}

      {editable && <SaveBar draft={draft} />}
      {draft.saveError !== null && (
        <Notice kind="error" testId="save-error">
          {errorText(draft.saveError, t('errors.unreachable'))}
          {Object.keys(errors).length > 0 && <> {t('entry.fixFields')}</>}
        </Notice>
      )}

      <FileSection
        entry={entry}
        rules={contest.entryRules}
        mayUpload={mayUpload}
        onUploaded={refresh}
        deadline={!fixOpen && deadline(true)}
      />
      {entry.acceptedUploadId && (
        <PlaybackSection key={entry.acceptedUploadId} entryId={entry.id} title={draft.draft.title} />
      )}
      <SubtitlesSection entryId={entry.id} />

      {entry.status === 'draft' && editable && (
        <SubmitSection
          entry={entry}
          win={win}
          fixOpen={fixOpen}
          saveFirst={draft.flush}
          onSubmitted={() => setJustSubmitted(true)}
          refresh={refresh}
        />
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
