import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ContestView, UnitView } from '../../../api/types.ts';
import { FormModal } from '../FormModal.tsx';
import { saveUnit, unitsKey, type UnitBody } from './units-api.ts';

interface Props {
  slug: string;
  categories: ContestView['unitCategories'];
  /** The unit to edit; undefined to add one. */
  unit?: UnitView;
  onClose: () => void;
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
      }}
      send={(v) =>
        saveUnit(
          slug,
          { name: v.name.trim(), categoryCode: v.categoryCode, contactEmail: v.contactEmail?.trim() || undefined },
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
      <Form.Item
        name="contactEmail"
        label={t('units.contactEmail')}
        rules={[{ type: 'email', message: t('units.emailInvalid') }]}
      >
        <Input type="email" maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}
