import type { ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import { useTranslation } from 'react-i18next';
import { MANAGE_THEME } from './theme.ts';
import './manage.css';

/** Ant Design's locale and theme for every staff page. */
export function ManageFrame({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : viVN} theme={MANAGE_THEME}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
