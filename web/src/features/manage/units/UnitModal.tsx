import { useQueryClient } from '@tanstack/react-query';
import { App, Divider, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ContestView, UnitView } from '../../../api/types.ts';
import { normalizePhone } from '@core/normalize.ts';
import { FormModal } from '../FormModal.tsx';
import { saveUnit, unitsKey, type UnitBody } from './units-api.ts';

interface Props {
  slug: string;
  categories: ContestView['unitCategories'];
  /** The unit to edit; undefined to add one. */
  unit?: UnitView;
  onClose: () => void;
}

/** The same rule as the server's (core/units.ts), so the mistake shows before sending. */
function phoneCheck(v: string | undefined, message: string): Promise<void> {
  return !v?.trim() || normalizePhone(v) ? Promise.resolve() : Promise.reject(new Error(message));
}

export function UnitModal({ slug, categories, unit, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  return (
    <FormModal<UnitBody, unknown>
      title={unit ? t('units.editTitle') : t('units.addTitle')}
      okText={t('common.save')}
      name="unit"
      initialValues={{
        name: unit?.name ?? '',
        categoryCode: unit?.categoryCode ?? categories[0]?.code,
        contactEmail: unit?.contactEmail ?? '',
        contactName: unit?.contactName ?? '',
        contactPosition: unit?.contactPosition ?? '',
        contactPhone: unit?.contactPhone ?? '',
      }}
      send={(v) =>
        saveUnit(
          slug,
          {
            name: v.name.trim(),
            categoryCode: v.categoryCode,
            contactName: v.contactName?.trim() || undefined,
            contactPosition: v.contactPosition?.trim() || undefined,
            contactPhone: v.contactPhone?.trim() || undefined,
            contactEmail: v.contactEmail?.trim() || undefined,
          },
          unit?.id,
        )
      }
      onDone={async () => {
        void message.success(t('common.saved'));
        await qc.invalidateQueries({ queryKey: unitsKey(slug) });
      }}
      onClose={onClose}
      fieldErrors
    >
      <Form.Item
        name="name"
        label={t('units.name')}
        rules={[{ required: true, whitespace: true, message: t('settings.required') }]}
      >
        <Input maxLength={200} autoFocus />
      </Form.Item>
      <Form.Item
        name="categoryCode"
        label={t('units.category')}
        rules={[{ required: true, message: t('settings.required') }]}
      >
        <Select
          options={categories.map((c) => ({ value: c.code, label: (i18n.language === 'en' && c.nameEn) || c.name }))}
        />
      </Form.Item>
      <Divider titlePlacement="start" plain>
        {t('unitContacts.section')}
      </Divider>
      <Form.Item name="contactName" label={t('unitContacts.name')}>
        <Input maxLength={120} autoComplete="off" data-testid="unit-contact-name" />
      </Form.Item>
      <Form.Item name="contactPosition" label={t('unitContacts.position')}>
        <Input maxLength={120} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="contactPhone"
        label={t('unitContacts.phone')}
        rules={[{ validator: (_, v?: string) => phoneCheck(v, t('unitContacts.phoneInvalid')) }]}
      >
        <Input type="tel" maxLength={30} autoComplete="off" data-testid="unit-contact-phone" />
      </Form.Item>
      <Form.Item
        name="contactEmail"
        label={t('unitContacts.email')}
        rules={[{ type: 'email', message: t('units.emailInvalid') }]}
      >
        <Input type="email" maxLength={200} data-testid="unit-contact-email" />
      </Form.Item>
    </FormModal>
  );
}
