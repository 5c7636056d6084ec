import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '../../../api/client.ts';
import type { ContestView, UnitView } from '../../../api/types.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';
import { applyFieldErrors } from '../form-errors.ts';
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
  const [form] = Form.useForm<UnitBody>();
  const [unmatched, setUnmatched] = useState<FieldIssue[]>([]);
  const save = useMutation({
    mutationFn: (body: UnitBody) => saveUnit(slug, body, unit?.id),
    onSuccess: async () => {
      void message.success(t('common.saved'));
      await qc.invalidateQueries({ queryKey: unitsKey(slug) });
      onClose();
    },
    onError: (err) => setUnmatched(applyFieldErrors(form, err)),
  });
  return (
    <Modal
      open
      title={unit ? t('units.editTitle') : t('units.addTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <ApiErrorAlert error={save.error} issues={unmatched} />
      <Form
        form={form}
        name="unit"
        layout="vertical"
        initialValues={{
          name: unit?.name ?? '',
          categoryCode: unit?.categoryCode ?? categories[0]?.code,
          contactEmail: unit?.contactEmail ?? '',
        }}
        onFinish={(v) =>
          save.mutate({
            name: v.name.trim(),
            categoryCode: v.categoryCode,
            contactEmail: v.contactEmail?.trim() || undefined,
          })
        }
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
      </Form>
    </Modal>
  );
}
