import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { deadlineMoment, zoneWords } from '@core/deadline.ts';
import { receiptKey, useReceipt, withdrawEntry } from '../../api/entries.ts';
import { errorText } from '../../api/errors.ts';
import type { ContestView, EntryView } from '../../api/types.ts';
import { Loading } from '../../components/Loading.tsx';
import { Notice } from '../../components/Notice.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { ConfirmAction } from './ConfirmAction.tsx';
import { ReceiptDetails } from './ReceiptDetails.tsx';

interface Props {
  entry: EntryView;
  contest: ContestView;
  /** Sent from this page a moment ago, rather than found sent. */
  justSubmitted: boolean;
  onWithdrawn: () => void;
}

/** A sent entry: its receipt, what happens next, and taking it back while submissions are open. */
export function SubmittedSection({ entry, contest, justSubmitted, onWithdrawn }: Props) {
  const { t } = useTranslation();
  const submission = contest.phases.find((p) => p.kind === 'submission');
  const lang = currentLanguage();
  // The same words as the deadline elsewhere, with the zone after a comma since the hint wraps it in brackets.
  const deadline = submission
    ? [
        deadlineMoment(submission.endsAt, contest.timeZone, lang),
        zoneWords(contest.timeZone, submission.endsAt, lang),
      ].join(', ')
    : '';
  return (
    <section className="card" aria-labelledby="submitted-title" data-testid="submitted">
      <h2 id="submitted-title">{justSubmitted ? t('entry.submitted.justNow') : t('entry.submitted.title')}</h2>
      <SubmittedReceipt entryId={entry.id} />
      <p>{t('entry.submitted.next')}</p>
      <div className="actions no-print">
        <Link className="button" to={`/entries/${entry.id}/receipt`} data-testid="receipt-link">
          {t('entry.submitted.receipt')}
        </Link>
      </div>
      {entry.canWithdraw && <Withdraw entryId={entry.id} onDone={onWithdrawn} deadline={deadline} />}
    </section>
  );
}

function SubmittedReceipt({ entryId }: { entryId: number }) {
  const { t } = useTranslation();
  const receipt = useReceipt(entryId);
  if (receipt.isPending) return <Loading />;
  if (receipt.isError) return <Notice kind="error">{errorText(receipt.error, t('errors.unreachable'))}</Notice>;
  return <ReceiptDetails receipt={receipt.data} />;
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
