import { useEffect, useId, useState, type ChangeEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntryRules } from '@core/contest.ts';
import { formatBytes, formatDuration, type VideoRule } from '@core/video-policy.ts';
import type { EntryView, UploadView } from '../../api/types.ts';
import { Notice } from '../../components/Notice.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { RuleList, type RuleLine } from './RuleList.tsx';
import { useEntryUpload, type UploadState } from './use-upload.ts';
import { rulesSummary } from './rule-names.ts';

interface Props {
  entry: EntryView;
  rules: EntryRules;
  /** Whether a new upload may start now (the entry is an editable draft and the deadline has not passed). */
  mayUpload: boolean;
  onUploaded: () => Promise<unknown> | void;
  /** The submission deadline and its grace period, shown while a file may be or is being sent. */
  deadline?: ReactNode;
}

/** The entry's video: what the server holds and its verdict, and choosing, checking and uploading a new file. */
export function FileSection({ entry, rules, mayUpload, onUploaded, deadline }: Props) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const up = useEntryUpload(entry.id, rules, lang, onUploaded);
  const inputId = useId();
  const busy = up.state.step === 'uploading' || up.state.step === 'probing';
  const server = entry.upload;

  function picked(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) void up.choose(file);
  }

  return (
    <section className="card" aria-labelledby="file-title" data-testid="file-section">
      <h2 id="file-title">{t('entry.file.title')}</h2>
      <p className="hint">{rulesSummary(t, rules, lang)}</p>
      {(mayUpload || busy || server?.status === 'uploading') && deadline}

      {server && up.state.step !== 'uploading' && (
        <ServerFile upload={server} rules={rules} lang={lang} mayResume={mayUpload} />
      )}

      {mayUpload && !busy && (
        <div className="file-pick">
          {/* The native input is kept (keyboard, screen readers) but drawn as the button its label is. */}
          <input
            id={inputId}
            type="file"
            accept=".mp4,video/mp4"
            className="file-input"
            onChange={picked}
            data-testid="file-input"
          />
          <label htmlFor={inputId} className="button button-secondary file-button">
            {server && server.status !== 'uploading' ? t('entry.file.chooseAnother') : t('entry.file.choose')}
          </label>
          {server?.status === 'accepted' && <p className="hint">{t('entry.file.replaces')}</p>}
        </div>
      )}

      <LocalFile
        state={up.state}
        rules={rules}
        lang={lang}
        onUpload={(f) => void up.upload(f)}
        onPause={up.pause}
        onResume={up.resume}
        onCancel={up.cancel}
        onReset={up.reset}
      />
    </section>
  );
}

function ServerFile({
  upload,
  rules,
  lang,
  mayResume,
}: {
  upload: UploadView;
  rules: EntryRules;
  lang: 'vi' | 'en';
  mayResume: boolean;
}) {
  const { t } = useTranslation();
  const name = <strong className="filename">{upload.filename}</strong>;
  const size = formatBytes(upload.sizeBytes, lang);
  switch (upload.status) {
    case 'accepted': {
      const passed = passedRules(upload);
      return (
        <div className="file-status file-ok" data-testid="file-accepted">
          <p>
            <span aria-hidden="true">✓ </span>
            {t('entry.file.accepted')} {name} ({size})
          </p>
          <RuleList lines={passed.map((rule) => ({ rule, state: 'passed' }))} rules={rules} />
        </div>
      );
    }
    case 'refused': {
      const failures = upload.verdict?.failures ?? [];
      const passed = passedRules(upload);
      const lines: RuleLine[] = [
        ...failures.map((f): RuleLine => ({ rule: f.rule as VideoRule, state: 'failed', message: f.message[lang] })),
        ...passed.map((rule): RuleLine => ({ rule, state: 'passed' })),
      ];
      return (
        <div className="file-status file-bad" data-testid="file-refused">
          <p role="alert">
            <span aria-hidden="true">✗ </span>
            {t('entry.file.refused')} {name} ({size})
          </p>
          <RuleList lines={lines} rules={rules} />
          <p>{t('entry.file.refusedNext')}</p>
        </div>
      );
    }
    case 'checking':
      return (
        <p className="file-status file-wait" role="status" data-testid="file-checking">
          <span className="spinner" aria-hidden="true" />
          {t('entry.file.checking')} ({upload.filename}, {size})
        </p>
      );
    case 'uploading':
      return <Unfinished upload={upload} lang={lang} mayResume={mayResume} />;
    default:
      return null;
  }
}

function passedRules(upload: UploadView): VideoRule[] {
  const passed = (upload.verdict as { passed?: unknown } | null)?.passed;
  return Array.isArray(passed) ? passed.filter((r): r is VideoRule => typeof r === 'string') : [];
}

/** An upload begun earlier (another visit, a closed tab) that has not finished: how far it got, and how to go on. */
function Unfinished({ upload, lang, mayResume }: { upload: UploadView; lang: 'vi' | 'en'; mayResume: boolean }) {
  const { t } = useTranslation();
  const [offset, setOffset] = useState<number | null>(null);
  useEffect(() => {
    // Only whoever may resume the upload may ask the server how far it got.
    if (!mayResume) return;
    let live = true;
    fetch(`/api/uploads/${encodeURIComponent(upload.id)}`, {
      method: 'HEAD',
      headers: { 'Tus-Resumable': '1.0.0' },
      credentials: 'same-origin',
    })
      .then((res) => {
        const o = Number(res.headers.get('Upload-Offset'));
        if (live && res.ok && Number.isFinite(o)) setOffset(o);
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [upload.id, mayResume]);
  const percent = offset !== null && upload.sizeBytes > 0 ? Math.floor((offset / upload.sizeBytes) * 100) : null;
  return (
    <div className="notice notice-info" role="status" data-testid="file-unfinished">
      <p>
        {percent !== null
          ? t('entry.file.unfinishedAt', { name: upload.filename, size: formatBytes(upload.sizeBytes, lang), percent })
          : t('entry.file.unfinished', { name: upload.filename, size: formatBytes(upload.sizeBytes, lang) })}
      </p>
      {mayResume && <p>{t('entry.file.unfinishedHow')}</p>}
    </div>
  );
}

interface LocalProps {
  state: UploadState;
  rules: EntryRules;
  lang: 'vi' | 'en';
  onUpload(file: File): void;
  onPause(): void;
  onResume(): void;
  onCancel(): void;
  onReset(): void;
}

function LocalFile({ state, rules, lang, onUpload, onPause, onResume, onCancel, onReset }: LocalProps) {
  const { t } = useTranslation();
  const [confirmCancel, setConfirmCancel] = useState(false);
  switch (state.step) {
    case 'idle':
      return null;
    case 'canceled':
      return (
        <Notice kind="info" testId="upload-canceled">
          {t('entry.file.canceled')}
        </Notice>
      );
    case 'probing':
      return (
        <p role="status" className="file-status file-wait">
          <span className="spinner" aria-hidden="true" />
          {t('entry.file.probing', { name: state.file.name })}
        </p>
      );
    case 'checked': {
      const lines: RuleLine[] = state.checks.map((c) => ({
        rule: c.rule,
        state: c.state,
        message: c.failure?.message[lang],
      }));
      return (
        <div className={`precheck ${state.ok ? 'file-ok' : 'file-bad'}`} data-testid="precheck">
          <h3>{t('entry.file.precheckTitle', { name: state.file.name })}</h3>
          <p className="hint">
            {t('entry.file.precheckHint', {
              seconds: (Math.max(state.ms, 10) / 1000).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US', {
                maximumSignificantDigits: 2,
              }),
            })}
          </p>
          {state.unreadable && <Notice kind="info">{t('entry.file.unreadable')}</Notice>}
          <RuleList lines={lines} rules={rules} />
          {state.ok ? (
            <div className="actions">
              <button type="button" className="button" onClick={() => onUpload(state.file)} data-testid="upload-start">
                {t('entry.file.upload')}
              </button>
              <button type="button" className="button button-secondary" onClick={onReset}>
                {t('entry.file.chooseOther')}
              </button>
            </div>
          ) : (
            <p role="alert" className="field-error" data-testid="precheck-refused">
              {t('entry.file.precheckRefused')}
            </p>
          )}
        </div>
      );
    }
    case 'uploading': {
      const percent = state.total > 0 ? Math.floor((state.sent / state.total) * 100) : 0;
      return (
        <div className="upload" data-testid="upload-progress">
          <p className="upload-name">
            <strong className="filename">{state.file.name}</strong> ({formatBytes(state.total, lang)})
          </p>
          <div
            className="progress"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-label={t('entry.file.progressLabel')}
          >
            <div className="progress-bar" style={{ width: `${percent}%` }} />
          </div>
          <p className="upload-figures" aria-live="polite">
            <span data-testid="upload-percent">{percent}%</span>
            {' · '}
            {t('entry.file.sentOf', { sent: formatBytes(state.sent, lang), total: formatBytes(state.total, lang) })}
            {!state.paused && !state.retrying && state.bytesPerSec !== null && (
              <>
                {' · '}
                {t('entry.file.speed', { speed: formatBytes(state.bytesPerSec, lang) })}
                {state.secondsLeft !== null && (
                  <>
                    {' · '}
                    {t('entry.file.timeLeft', { time: formatDuration(Math.max(1, state.secondsLeft), lang) })}
                  </>
                )}
              </>
            )}
          </p>
          {state.retrying && (
            <Notice kind="info" testId="upload-offline">
              {t('entry.file.offline')}
            </Notice>
          )}
          {state.paused && (
            <p className="hint" data-testid="upload-paused">
              {t('entry.file.paused')}
            </p>
          )}
          <div className="actions">
            {state.paused ? (
              <button type="button" className="button" onClick={onResume} data-testid="upload-resume">
                {t('entry.file.resume')}
              </button>
            ) : (
              <button type="button" className="button button-secondary" onClick={onPause} data-testid="upload-pause">
                {t('entry.file.pause')}
              </button>
            )}
            {confirmCancel ? (
              <>
                <button
                  type="button"
                  className="button button-danger"
                  onClick={onCancel}
                  data-testid="upload-cancel-confirm"
                >
                  {t('entry.file.cancelConfirm')}
                </button>
                <button type="button" className="button button-secondary" onClick={() => setConfirmCancel(false)}>
                  {t('entry.file.cancelKeep')}
                </button>
              </>
            ) : (
              <button
                type="button"
                className="button button-secondary"
                onClick={() => setConfirmCancel(true)}
                data-testid="upload-cancel"
              >
                {t('entry.file.cancel')}
              </button>
            )}
          </div>
          <p className="hint">{t('entry.file.resumeHint')}</p>
        </div>
      );
    }
    case 'failed':
      return (
        <Notice kind="error" testId="upload-error">
          <p>{state.message ?? t('entry.file.failed')}</p>
          <div className="actions">
            {(state.status === null || state.status >= 500) && (
              <button type="button" className="button" onClick={() => onUpload(state.file)} data-testid="upload-retry">
                {t('entry.file.retry')}
              </button>
            )}
            <button type="button" className="button button-secondary" onClick={onReset}>
              {t('entry.file.chooseOther')}
            </button>
          </div>
        </Notice>
      );
  }
}
