import { useTranslation } from 'react-i18next';
import { timeZoneName } from '@core/time-zone-name.ts';
import { formatBytes } from '@core/video-policy.ts';
import type { Receipt } from '../../api/types.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { ruleName } from './rule-names.ts';

const exact = (n: number, lang: 'vi' | 'en') => new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US').format(n);

/** What the receipt proves: the code, the server's time, and the exact file received (size and SHA-256). */
export function ReceiptDetails({ receipt }: { receipt: Receipt }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <dl className="facts receipt-facts" data-testid="receipt">
      <dt>{t('receipt.code')}</dt>
      <dd>
        <strong className="code" data-testid="receipt-code">
          {receipt.code}
        </strong>
      </dd>
      <dt>{t('receipt.work')}</dt>
      <dd data-testid="receipt-title">{receipt.title}</dd>
      <dt>{t('receipt.contest')}</dt>
      <dd>{receipt.contestName}</dd>
      <dt>{t('receipt.time')}</dt>
      <dd data-testid="receipt-time">
        {receipt.submittedAtLocal}{' '}
        <span className="muted">({t('receipt.zone', { zone: timeZoneName(receipt.timeZone, lang) })})</span>
        {receipt.inGrace && <span className="muted"> — {t('receipt.inGrace')}</span>}
      </dd>
      <dt>{t('receipt.file')}</dt>
      <dd className="filename" data-testid="receipt-file">
        {receipt.fileName}
      </dd>
      <dt>{t('receipt.size')}</dt>
      <dd data-testid="receipt-size">
        {t('receipt.sizeValue', {
          bytes: exact(receipt.fileSizeBytes, lang),
          size: formatBytes(receipt.fileSizeBytes, lang),
        })}
      </dd>
      <dt>{t('receipt.sha256')}</dt>
      <dd>
        <code className="hash" data-testid="receipt-sha256">
          {receipt.sha256}
        </code>
      </dd>
      <dt>{t('receipt.checks')}</dt>
      <dd>
        <ul className="checks-passed" data-testid="receipt-checks">
          {receipt.checksPassed.map((r) => (
            <li key={r}>
              <span aria-hidden="true">✓ </span>
              {ruleName(t, r)}
            </li>
          ))}
        </ul>
      </dd>
      {receipt.licence && (
        <>
          <dt>{t('usageLicence.receipt')}</dt>
          <dd data-testid="receipt-licence">
            {receipt.licence[lang]}{' '}
            <span className="muted">({t('usageLicence.version', { version: receipt.licence.version })})</span>
          </dd>
        </>
      )}
    </dl>
  );
}
