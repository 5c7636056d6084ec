import { useTranslation } from 'react-i18next';
import { useTitle } from '../../components/useTitle.ts';

/** The privacy notice (Luật 91/2025/QH15): who holds the data, why, for how long, and how to ask for it. */
export default function PrivacyPage() {
  const { t } = useTranslation();
  useTitle(t('privacy.title'));
  return (
    <article className="narrow" data-testid="privacy-page">
      <h1>{t('privacy.title')}</h1>
      <p>{t('privacy.law')}</p>
      <h2>{t('privacy.whoTitle')}</h2>
      <p>{t('privacy.who')}</p>
      <h2>{t('privacy.whatTitle')}</h2>
      <ul>
        <li>{t('privacy.account')}</li>
        <li>{t('privacy.authors')}</li>
        <li>{t('privacy.public')}</li>
        <li>{t('privacy.log')}</li>
        <li>{t('privacy.voting')}</li>
        <li>{t('privacy.mail')}</li>
      </ul>
      <h2>{t('privacy.howLongTitle')}</h2>
      <p>{t('privacy.howLong')}</p>
      <h2>{t('privacy.rightsTitle')}</h2>
      <ul>
        <li>{t('privacy.rightAccess')}</li>
        <li>{t('privacy.rightFix')}</li>
        <li>{t('privacy.rightWithdraw')}</li>
        <li>{t('privacy.rightErase')}</li>
      </ul>
    </article>
  );
}
