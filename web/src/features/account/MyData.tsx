import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The person's own data: the downloads of everything held about them, and the privacy notice. */
export function MyData() {
  const { t } = useTranslation();
  return (
    <>
      <p>{t('privacy.myDataHint')}</p>
      <p className="button-row">
        <a className="button button-secondary" href="/api/account/personal-data" download data-testid="my-data-json">
          {t('privacy.downloadJson')}
        </a>{' '}
        <a className="button button-secondary" href="/api/account/personal-data.pdf" download data-testid="my-data-pdf">
          {t('privacy.downloadPdf')}
        </a>
      </p>
      <p>
        <Link to="/privacy">{t('privacy.readNotice')}</Link>
      </p>
    </>
  );
}
