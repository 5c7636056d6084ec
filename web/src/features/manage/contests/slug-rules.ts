import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';

/** The slug's rules as the form checks them before sending (the server checks the same and says why). */
export function slugRules(t: TFunction): Rule[] {
  return [
    { required: true, whitespace: true, message: t('contestAdmin.slugRequired') },
    { pattern: /^[a-z0-9]+(?:-[a-z0-9]+)*$/, message: t('contestAdmin.slugHelp') },
    { min: 3, max: 80, message: t('contestAdmin.slugLength') },
  ];
}

export function nameRules(t: TFunction): Rule[] {
  return [{ required: true, whitespace: true, min: 3, max: 300, message: t('contestAdmin.nameHelp') }];
}
