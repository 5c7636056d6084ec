import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { formatVoteInstant } from '@core/voting/vote-day.ts';
import { api, ApiError, enc } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { Challenge, ChallengeFailed, type ChallengeHandle } from './Challenge.tsx';
import './vote.css';

interface VoterStatus {
  open: boolean;
  window: { startsAt: string; endsAt: string } | null;
  identities: ('phone' | 'email')[];
  timeZone: string;
  voter: { kind: 'phone' | 'email'; display: string } | null;
}

interface VoteCast {
  status: 'counted' | 'quarantined';
  message: { vi: string; en: string };
}

type Kind = 'phone' | 'email';

/**
 * Where the voter is: reading whether they are verified, giving a number or address, typing the code, the vote
 * being cast, its answer, or a refusal that ends the attempt.
 */
type Step =
  | { at: 'loading' }
  | { at: 'identify' }
  | { at: 'code'; kind: Kind; display: string }
  | { at: 'casting' }
  | { at: 'done'; text: string }
  | { at: 'refused'; text: string; retry: 'vote' | 'identify' | null };

/** Why the sheet takes no vote now (the server said voting is not open): before the window or after it. */
function windowText(s: VoterStatus, t: TFunction, lang: 'vi' | 'en'): string {
  if (!s.window) return t('vote.noWindow');
  const at = (iso: string) => formatVoteInstant(new Date(iso), s.timeZone, lang);
  return Date.now() < Date.parse(s.window.startsAt)
    ? t('vote.notYet', { start: at(s.window.startsAt), end: at(s.window.endsAt) })
    : t('vote.over', { end: at(s.window.endsAt) });
}

/** Refusals after which another challenge and another tap may well succeed. */
const RETRY_VOTE = new Set([
  'vote.challengeRequired',
  'vote.challengeInvalid',
  'vote.challengeReplayed',
  'vote.contestChanged',
  'internal',
]);

/**
 * The public vote sheet (a native modal dialog: focus stays inside, Escape closes, focus returns to the button):
 * a voter not yet verified gives a phone number (or an e-mail address where the contest allows), passes the
 * proof-of-work check and types the code sent to them; a verified voter's tap casts the vote after a fresh check.
 * Every refusal is the server's message, in the page's language.
 */
export default function VoteDialog({
  slug,
  entryId,
  title,
  onClose,
}: {
  slug: string;
  entryId: number;
  title: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const dialog = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const [step, setStep] = useState<Step>({ at: 'loading' });
  const [status, setStatus] = useState<VoterStatus | null>(null);
  const base = `/api/contests/${enc(slug)}`;

  useEffect(() => {
    const d = dialog.current!;
    if (!d.open) d.showModal();
    return () => d.close();
  }, []);

  useEffect(() => {
    let gone = false;
    api<VoterStatus>(`${base}/voting/me`)
      .then((s) => {
        if (gone) return;
        setStatus(s);
        if (!s.open) setStep({ at: 'refused', text: windowText(s, t, lang), retry: null });
        else setStep(s.voter ? { at: 'casting' } : { at: 'identify' });
      })
      .catch((err: unknown) => {
        if (!gone) setStep({ at: 'refused', text: errorText(err, t('errors.unreachable')), retry: null });
      });
    return () => {
      gone = true;
    };
    // The status is read once per opening.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [base]);

  const refuse = (err: unknown) => {
    const code = err instanceof ApiError ? err.code : 'internal';
    setStep({
      at: 'refused',
      text: err instanceof ChallengeFailed ? t('vote.challengeFailed') : errorText(err, t('errors.unreachable')),
      retry: code === 'vote.verifyFirst' ? 'identify' : RETRY_VOTE.has(code) ? 'vote' : null,
    });
  };

  return (
    <dialog
      ref={dialog}
      className="vote-dialog"
      aria-labelledby={headingId}
      onClose={onClose}
      data-testid="vote-dialog"
    >
      <div className="vote-head">
        <h2 id={headingId}>{t('vote.title')}</h2>
        <button type="button" className="vote-close" onClick={() => dialog.current?.close()} data-testid="vote-close">
          <span aria-hidden="true">×</span>
          <span className="sr-only">{t('vote.close')}</span>
        </button>
      </div>
      <p className="vote-entry">{t('vote.for', { title })}</p>
      {step.at === 'loading' && (
        <p role="status" className="loading">
          {t('common.loading')}
        </p>
      )}
      {step.at === 'identify' && status && (
        <IdentifyStep
          base={base}
          kinds={status.identities}
          lang={lang}
          onSent={(kind, display) => setStep({ at: 'code', kind, display })}
        />
      )}
      {step.at === 'code' && (
        <CodeStep
          base={base}
          kind={step.kind}
          display={step.display}
          onVerified={() => setStep({ at: 'casting' })}
          onAgain={() => setStep({ at: 'identify' })}
        />
      )}
      {step.at === 'casting' && (
        <CastStep
          url={`${base}/entries/${enc(entryId)}/votes`}
          lang={lang}
          onCast={(cast) => setStep({ at: 'done', text: cast.message[lang] })}
          onRefused={refuse}
        />
      )}
      {step.at === 'done' && (
        <Outcome kind="success" testId="vote-done" text={step.text} onClose={() => dialog.current?.close()} />
      )}
      {step.at === 'refused' && (
        <Outcome kind="error" testId="vote-refused" text={step.text} onClose={() => dialog.current?.close()}>
          {step.retry && (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => setStep(step.retry === 'vote' ? { at: 'casting' } : { at: 'identify' })}
              data-testid="vote-retry"
            >
              {step.retry === 'vote' ? t('vote.tryAgain') : t('vote.verifyAgain')}
            </button>
          )}
        </Outcome>
      )}
    </dialog>
  );
}

/** The answer: read out at once and focused, with the button that closes the sheet. */
function Outcome({
  kind,
  testId,
  text,
  onClose,
  children,
}: {
  kind: 'success' | 'error';
  testId: string;
  text: string;
  onClose: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), []);
  return (
    <div
      ref={box}
      tabIndex={-1}
      className={`notice notice-${kind} vote-outcome`}
      role={kind === 'error' ? 'alert' : 'status'}
      data-testid={testId}
    >
      <p>{text}</p>
      <div className="vote-actions">
        {children}
        <button type="button" className="button" onClick={onClose} data-testid="vote-dismiss">
          {t('vote.close')}
        </button>
      </div>
    </div>
  );
}

function IdentifyStep({
  base,
  kinds,
  lang,
  onSent,
}: {
  base: string;
  kinds: Kind[];
  lang: 'vi' | 'en';
  onSent: (kind: Kind, display: string) => void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>(kinds[0] ?? 'phone');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const challenge = useRef<ChallengeHandle>(null);
  const id = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const altcha = await challenge.current!.solution();
      const sent = await api<{ kind: Kind; display: string }>(`${base}/voting/codes`, {
        method: 'POST',
        json: { kind, value, altcha },
      });
      onSent(sent.kind, sent.display);
    } catch (err) {
      setError(err instanceof ChallengeFailed ? t('vote.challengeFailed') : errorText(err, t('errors.unreachable')));
      challenge.current?.renew();
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="vote-identify">
      <p className="hint">{t('vote.whyVerify')}</p>
      {kinds.length > 1 && (
        <fieldset className="vote-kinds">
          <legend>{t('vote.verifyBy')}</legend>
          {kinds.map((k) => (
            <label key={k}>
              <input
                type="radio"
                name={`${id}-kind`}
                value={k}
                checked={kind === k}
                onChange={() => {
                  setKind(k);
                  setValue('');
                  setError(null);
                }}
              />{' '}
              {t(`vote.kind.${k}`)}
            </label>
          ))}
        </fieldset>
      )}
      <div className="field">
        <label htmlFor={`${id}-value`}>{kind === 'phone' ? t('vote.phoneLabel') : t('vote.emailLabel')}</label>
        <input
          id={`${id}-value`}
          type={kind === 'phone' ? 'tel' : 'email'}
          inputMode={kind === 'phone' ? 'tel' : 'email'}
          autoComplete={kind === 'phone' ? 'tel' : 'email'}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          required
          autoFocus
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          data-testid="vote-identity"
        />
        <p id={`${id}-hint`} className="hint">
          {kind === 'phone' ? t('vote.phoneHint') : t('vote.emailHint')}
        </p>
        {error && (
          <p id={`${id}-error`} className="field-error" role="alert" data-testid="vote-error">
            {error}
          </p>
        )}
      </div>
      <Challenge ref={challenge} lang={lang} />
      {/* Pressing the button under this statement is the voting consent (core/privacy.ts, recorded on verifying). */}
      <p className="hint" id={`${id}-consent`} data-testid="vote-consent">
        {t('vote.consent')}
      </p>
      <div className="vote-actions">
        <button
          type="submit"
          className="button"
          disabled={busy}
          aria-describedby={`${id}-consent`}
          data-testid="vote-send-code"
        >
          {busy ? t('vote.sending') : t('vote.sendCode')}
        </button>
      </div>
    </form>
  );
}

function CodeStep({
  base,
  kind,
  display,
  onVerified,
  onAgain,
}: {
  base: string;
  kind: Kind;
  display: string;
  onVerified: () => void;
  onAgain: () => void;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api(`${base}/voting/codes/confirm`, { method: 'POST', json: { code: code.replace(/\s/g, '') } });
      onVerified();
    } catch (err) {
      setError(errorText(err, t('errors.unreachable')));
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="vote-code-form">
      <p role="status" data-testid="vote-code-sent">
        {kind === 'phone' ? t('vote.codeSentSms', { display }) : t('vote.codeSentEmail', { display })}
      </p>
      <div className="field">
        <label htmlFor={`${id}-code`}>{t('vote.codeLabel')}</label>
        <input
          id={`${id}-code`}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={12}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          required
          autoFocus
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          data-testid="vote-code"
        />
        {error && (
          <p id={`${id}-error`} className="field-error" role="alert" data-testid="vote-error">
            {error}
          </p>
        )}
      </div>
      <div className="vote-actions">
        <button type="submit" className="button" disabled={busy} data-testid="vote-confirm">
          {t('vote.confirm')}
        </button>
        <button type="button" className="button button-secondary" onClick={onAgain} data-testid="vote-new-code">
          {t('vote.newCode')}
        </button>
      </div>
    </form>
  );
}

/** A verified voter's tap: the check is solved, then the vote is sent once with it. */
function CastStep({
  url,
  lang,
  onCast,
  onRefused,
}: {
  url: string;
  lang: 'vi' | 'en';
  onCast: (cast: VoteCast) => void;
  onRefused: (err: unknown) => void;
}) {
  const { t } = useTranslation();
  const challenge = useRef<ChallengeHandle>(null);
  const sent = useRef(false);

  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    void (async () => {
      try {
        const altcha = await challenge.current!.solution();
        onCast(await api<VoteCast>(url, { method: 'POST', json: { altcha } }));
      } catch (err) {
        onRefused(err);
      }
    })();
    // One vote per step: the effect runs once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <div data-testid="vote-casting">
      <p role="status">{t('vote.casting')}</p>
      <Challenge ref={challenge} lang={lang} />
    </div>
  );
}
