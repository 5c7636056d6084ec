import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDate } from '@core/time.ts';
import { api, enc } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { useTitle } from '../../components/useTitle.ts';

interface Answer {
  outcome: 'genuine' | 'invalidCode' | 'unknown' | 'altered';
  status?: 'valid' | 'revoked' | 'replaced';
  numberMatches?: boolean | null;
  certificate?: {
    number: string;
    recipient: string;
    members: string[];
    unitName: string;
    entryCode: string;
    entryTitle: string;
    prizeName: string;
    issuedOn: string;
    contest: { slug: string; name: string };
    revokedAt: string | null;
    revokedReason: string | null;
  };
  replacedBy?: { number: string; code: string } | null;
}

const ddMMyyyy = (isoDate: string) => isoDate.split('-').reverse().join('/');

/** What a certificate's QR code opens: the certificate as issued, or plainly why it cannot be confirmed. Light. */
export default function VerifyCertificatePage() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  useTitle(t('verify.title'));
  const [typed, setTyped] = useState('');
  const [number, setNumber] = useState('');
  const q = useQuery({
    queryKey: ['verify', code, number],
    queryFn: () => api<Answer>(`/api/public/certificates/${enc(code)}${number ? `?number=${enc(number)}` : ''}`),
  });
  const a = q.data;
  const c = a?.certificate;
  const verdict =
    a === undefined
      ? null
      : a.outcome !== 'genuine'
        ? { ok: false, text: t(`verify.outcome.${a.outcome}`) }
        : a.status === 'revoked'
          ? {
              ok: false,
              text: t('verify.revoked', {
                date: c?.revokedAt ? formatDate(c.revokedAt) : '',
                reason: c?.revokedReason ?? '',
              }),
            }
          : a.status === 'replaced'
            ? {
                ok: false,
                text: a.replacedBy
                  ? t('verify.replacedBy', {
                      number: a.replacedBy.number,
                      date: c?.revokedAt ? formatDate(c.revokedAt) : '',
                      reason: c?.revokedReason ?? '',
                    })
                  : t('verify.replaced'),
              }
            : a.numberMatches === false
              ? { ok: false, text: t('verify.numberForged', { number, real: c?.number ?? '' }) }
              : { ok: true, text: t('verify.genuine') };
  return (
    <main className="verify-page" data-testid="verify-page">
      <h1>{t('verify.title')}</h1>
      <p className="verify-code">
        {t('verify.code')}: <strong>{code.match(/.{1,4}/g)?.join('-') ?? code}</strong>
      </p>
      {q.isPending && <p role="status">{t('verify.checking')}</p>}
      {q.error && <p role="alert">{errorText(q.error, t('errors.unreachable'))}</p>}
      {verdict && (
        <p role="status" className={verdict.ok ? 'verify-ok' : 'verify-bad'} data-testid="verify-verdict">
          {verdict.text}
        </p>
      )}
      {a?.replacedBy && (
        <p>
          <Link to={`/v/${enc(a.replacedBy.code)}`} data-testid="verify-replacement">
            {t('verify.replacedLink', { number: a.replacedBy.number })}
          </Link>
        </p>
      )}
      {c && (
        <dl className="verify-facts">
          <dt>{t('verify.number')}</dt>
          <dd data-testid="verify-number">{c.number}</dd>
          <dt>{t('verify.recipient')}</dt>
          <dd data-testid="verify-recipient">{c.recipient}</dd>
          {c.members.length > 0 && (
            <>
              <dt>{t('verify.members')}</dt>
              <dd>{c.members.join(', ')}</dd>
            </>
          )}
          <dt>{t('verify.entry')}</dt>
          <dd>
            {c.entryTitle} ({c.entryCode})
          </dd>
          <dt>{t('verify.prize')}</dt>
          <dd>{c.prizeName}</dd>
          <dt>{t('verify.contest')}</dt>
          <dd>
            <Link to={`/c/${enc(c.contest.slug)}`}>{c.contest.name}</Link>
          </dd>
          <dt>{t('verify.issuedOn')}</dt>
          <dd>{ddMMyyyy(c.issuedOn)}</dd>
        </dl>
      )}
      {a?.outcome === 'genuine' && (
        <form
          className="verify-number-form"
          onSubmit={(e) => {
            e.preventDefault();
            setNumber(typed.trim());
          }}
        >
          <label htmlFor="verify-typed">{t('verify.typeNumber')}</label>
          <input id="verify-typed" value={typed} onChange={(e) => setTyped(e.target.value)} maxLength={40} />
          <button type="submit">{t('verify.compare')}</button>
        </form>
      )}
    </main>
  );
}
