import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the tab title ("Page – Cuộc thi video"), which screen readers announce after navigation. */
export function useTitle(title: string | undefined): void {
  const { t } = useTranslation();
  const app = t('app.name');
  useEffect(() => {
    document.title = title ? `${title} – ${app}` : app;
  }, [title, app]);
}
