import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Form, Input, Modal, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { contestEntriesKey, createEntry } from '../../../api/entries.ts';
import type { ContestView, UnitView } from '../../../api/types.ts';
import { emptyDraft } from '../../entries/draft.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';

interface Values {
  kind: 'unit' | 'person';
  unitId?: number;
  fullName?: string;
  phone?: string;
  title?: string;
}

/** R13: the secretariat registers an entry received by e-mail or in person, then completes it on the entry page. */
export function IntakeModal({
  contest,
  units,
  onClose,
}: {
  contest: ContestView;
  units: UnitView[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'unit';
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function finish(v: Values) {
    setBusy(true);
    setError(null);
    const party = v.kind === 'unit' ? { kind: 'unit' as const, unitId: v.unitId! } : { kind: 'person' as const };
    const unitName = v.kind === 'unit' ? (units.find((u) => u.id === v.unitId)?.name ?? '') : '';
    const draft = {
      ...emptyDraft(party, { fullName: v.fullName?.trim() ?? '', phone: v.phone?.trim() ?? '', unitName }),
      title: v.title?.trim() ?? '',
    };
    if (!draft.authors[0]!.fullName) draft.authors = [];
    try {
      const { id } = await createEntry(contest.slug, draft, { intake: true });
      await qc.invalidateQueries({ queryKey: contestEntriesKey(contest.slug) });
      navigate(`/entries/${id}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={t('intake.title')}
      okText={t('intake.create')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <p>{t('intake.intro')}</p>
      <ApiErrorAlert error={error} />
      <Form
        form={form}
        name="intake"
        layout="vertical"
        initialValues={{ kind: 'unit' }}
        onFinish={(v) => void finish(v)}
      >
        <Form.Item name="kind" label={t('intake.kind')}>
          <Radio.Group
            options={[
              { value: 'unit', label: t('intake.unit') },
              { value: 'person', label: t('intake.person') },
            ]}
          />
        </Form.Item>
        {kind === 'unit' && (
          <Form.Item
            name="unitId"
            label={t('intake.unitName')}
            rules={[{ required: true, message: t('intake.unitRequired') }]}
          >
            <Select showSearch optionFilterProp="label" options={units.map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
        )}
        <Form.Item
          name="fullName"
          label={t('intake.fullName')}
          rules={kind === 'person' ? [{ required: true, whitespace: true, message: t('settings.required') }] : []}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('intake.phone')}
          extra={kind === 'person' ? t('intake.phoneHint') : undefined}
          rules={kind === 'person' ? [{ required: true, whitespace: true, message: t('settings.required') }] : []}
        >
          <Input type="tel" maxLength={30} />
        </Form.Item>
        <Form.Item name="title" label={t('intake.workTitle')}>
          <Input maxLength={300} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
