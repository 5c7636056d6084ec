import { Checkbox, Form, Input, InputNumber, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { suggestCopySlug } from '@core/contest-lifecycle.ts';
import { copyContest, createBlankContest } from '../../../api/contest-admin.ts';
import type { ContestSummary } from '../../../api/types.ts';
import { FormModal } from '../FormModal.tsx';
import { nameRules, slugRules } from './slug-rules.ts';

interface Values {
  mode: 'blank' | 'copy';
  source?: string;
  name: string;
  slug: string;
  offsetDays?: number;
  includeRoster?: boolean;
}

/** A new contest: blank, or copied from an earlier one with its phases moved by a number of days. */
export function CreateContestModal({
  contests,
  source,
  onClose,
  onDone,
}: {
  contests: ContestSummary[];
  source?: ContestSummary;
  onClose: () => void;
  onDone: (slug: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const mode = Form.useWatch('mode', form) ?? (source ? 'copy' : 'blank');
  const taken = contests.map((c) => c.slug);
  const year = new Date().getFullYear() + 1;
  const suggest = (slug: string) => suggestCopySlug(slug, taken, year);

  return (
    <FormModal<Values, { slug: string }>
      title={t('contestAdmin.create')}
      okText={t('contestAdmin.createOk')}
      form={form}
      name="contest-create"
      width={640}
      fieldErrors
      errorTestId="contest-create-error"
      initialValues={{
        mode: source ? 'copy' : 'blank',
        source: source?.slug,
        name: source?.name ?? '',
        slug: source ? suggest(source.slug) : '',
        offsetDays: 365,
        includeRoster: false,
      }}
      onClose={onClose}
      send={(v) =>
        v.mode === 'copy'
          ? copyContest(v.source!, {
              slug: v.slug.trim(),
              name: v.name.trim(),
              offsetDays: v.offsetDays ?? 0,
              includeRoster: v.includeRoster ?? false,
            })
          : createBlankContest(v.slug.trim(), v.name.trim())
      }
      onDone={(r) => onDone(r.slug)}
    >
      <Form.Item name="mode" label={t('contestAdmin.mode')}>
        <Radio.Group
          optionType="button"
          disabled={contests.length === 0}
          options={[
            { value: 'blank', label: t('contestAdmin.modeBlank') },
            { value: 'copy', label: t('contestAdmin.modeCopy') },
          ]}
        />
      </Form.Item>
      {mode === 'copy' && (
        <>
          <Form.Item
            name="source"
            label={t('contestAdmin.source')}
            rules={[{ required: true, message: t('contestAdmin.sourceRequired') }]}
            extra={t('contestAdmin.copyWhat')}
          >
            <Select
              data-testid="contest-source"
              options={contests.map((c) => ({ value: c.slug, label: c.name }))}
              onChange={(slug: string) => {
                const c = contests.find((x) => x.slug === slug);
                if (c) form.setFieldsValue({ name: c.name, slug: suggest(c.slug) });
              }}
            />
          </Form.Item>
          <Form.Item
            name="offsetDays"
            label={t('contestAdmin.offset')}
            extra={t('contestAdmin.offsetHelp')}
            rules={[{ required: true, type: 'integer', min: -3650, max: 3650, message: t('contestAdmin.offsetRange') }]}
          >
            <InputNumber step={1} precision={0} suffix={t('contestAdmin.days')} data-testid="contest-offset" />
          </Form.Item>
          <Form.Item name="includeRoster" valuePropName="checked">
            <Checkbox data-testid="contest-include-roster">{t('contestAdmin.includeRoster')}</Checkbox>
          </Form.Item>
        </>
      )}
      <Form.Item name="name" label={t('contestAdmin.name')} rules={nameRules(t)}>
        <Input maxLength={300} data-testid="contest-name" />
      </Form.Item>
      <Form.Item name="slug" label={t('contestAdmin.slug')} rules={slugRules(t)} extra={t('contestAdmin.slugHelp')}>
        <Input maxLength={80} prefix="/c/" data-testid="contest-slug" />
      </Form.Item>
    </FormModal>
  );
}
