import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, fieldErrors } from '../../api/errors.ts';
import { REPORT_KINDS, useReportEntry, type ReportKind } from '../../api/public.ts';
import { Notice } from '../../components/Notice.tsx';
import { TextField } from '../../components/TextField.tsx';

/**
 * "Báo cáo tác phẩm": anyone may tell the committee an entry is copied, breaks someone's rights or is inappropriate.
 */
export function ReportForm({ entryId }: { entryId: number }) {
  const { t } = useTranslation();
  const report = useReportEntry(entryId);
  const [kind, setKind] = useState<ReportKind>('copied');
  const [reason, setReason] = useState('');
  const [contact, setContact] = useState('');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    report.mutate({
      kind,
      reason: reason.normalize('NFC'),
      contact: contact.trim() ? contact.normalize('NFC') : undefined,
    });
  };
  const issues = fieldErrors(report.error);

  return (
    <details className="card fold" data-testid="report-box">
      <summary>{t('publicEntry.report.title')}</summary>
      {report.isSuccess ? (
        <Notice kind="success" testId="report-done">
          {t('publicEntry.report.done')}
        </Notice>
      ) : (
        <form className="form" onSubmit={submit} noValidate data-testid="report-form">
          <p className="hint">{t('publicEntry.report.hint')}</p>
          <fieldset className="choice-group">
            <legend>{t('publicEntry.report.kind')}</legend>
            {REPORT_KINDS.map((k) => (
              <label key={k} className="choice-line">
                <input
                  type="radio"
                  name="report-kind"
                  value={k}
                  checked={kind === k}
                  onChange={() => setKind(k)}
                  data-testid={`report-kind-${k}`}
                />
                {t(`publicEntry.report.kinds.${k}`)}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="report-reason">{t('publicEntry.report.reason')}</label>
            <textarea
              id="report-reason"
              rows={4}
              maxLength={3000}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-describedby="report-reason-hint"
              aria-invalid={issues.reason ? true : undefined}
              data-testid="report-reason"
            />
            <p id="report-reason-hint" className="hint">
              {t('publicEntry.report.reasonHint')}
            </p>
            {issues.reason && <p className="field-error">{issues.reason}</p>}
          </div>
          <TextField
            id="report-contact"
            label={t('publicEntry.report.contact')}
            hint={t('publicEntry.report.contactHint')}
            maxLength={200}
            value={contact}
            onChange={(e) => setContact(e.target.value)}
            autoComplete="email"
            data-testid="report-contact"
          />
          {report.isError && !issues.reason && (
            <Notice kind="error" testId="report-error">
              {errorText(report.error, t('errors.unreachable'))}
            </Notice>
          )}
          <div className="actions">
            <button type="submit" className="button" disabled={report.isPending} data-testid="report-submit">
              {report.isPending ? t('common.working') : t('publicEntry.report.send')}
            </button>
          </div>
        </form>
      )}
    </details>
  );
}
