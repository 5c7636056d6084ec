import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useParams } from 'react-router';
import { useReceipt } from '../../api/entries.ts';
import { errorText } from '../../api/errors.ts';
import { useSession } from '../../api/session.ts';
import { Loading } from '../../components/Loading.tsx';
import { Notice } from '../../components/Notice.tsx';
import { useTitle } from '../../components/useTitle.ts';
import { ReceiptDetails } from './ReceiptDetails.tsx';
import './entries.css';

/** The printable receipt of a submitted entry. */
export default function ReceiptPage() {
  const { id = '' } = useParams();
  const entryId = Number(id);
  const { t } = useTranslation();
  const location = useLocation();
  const session = useSession();
  const receipt = useReceipt(entryId, !!session.data?.user && Number.isInteger(entryId));
  useTitle(receipt.data ? t('receipt.titleCode', { code: receipt.data.code }) : t('receipt.title'));

  if (session.isPending) return <Loading />;
  if (!session.data?.user) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  if (receipt.isError) return <Notice kind="error">{errorText(receipt.error, t('errors.unreachable'))}</Notice>;
  if (!receipt.data) return <Loading />;
  return (
    <article className="receipt-page" data-testid="receipt-page">
      <p className="crumbs no-print">
        <Link to={`/entries/${entryId}`}>{t('receipt.back')}</Link>
      </p>
      <div className="card receipt-card">
        <p className="receipt-kicker">{receipt.data.contestName}</p>
        <h1>{t('receipt.title')}</h1>
        <p>{t('receipt.intro')}</p>
        <ReceiptDetails receipt={receipt.data} />
        <p className="hint receipt-note">{t('receipt.note')}</p>
      </div>
      <div className="actions no-print">
        <button type="button" className="button" onClick={() => window.print()} data-testid="print">
          {t('receipt.print')}
        </button>
        <Link className="button button-secondary" to={`/entries/${entryId}`}>
          {t('receipt.back')}
        </Link>
      </div>
    </article>
  );
}
