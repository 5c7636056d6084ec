import { Button, Card, Form, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { CONTAINERS, ENTRY_FORMS } from '@core/contest.ts';
import { useRequiredRules } from './fields.tsx';
import { RequiredCheckboxGroup } from '../RequiredCheckboxGroup.tsx';

/** R5–R7 as the organizers set them: forms, duration, resolutions, aspect ratio, container and size. */
export function EntryRulesSection() {
  const { t } = useTranslation();
  const { required } = useRequiredRules();
  return (
    <Card title={t('settings.entryRules')} className="manage-section">
      <Form.Item name={['entryRules', 'allowedForms']} label={t('settings.allowedForms')} rules={required}>
        <RequiredCheckboxGroup options={ENTRY_FORMS.map((f) => ({ value: f, label: t(`entryForm.${f}`) }))} />
      </Form.Item>
      <div className="manage-row">
        <Form.Item name={['entryRules', 'minMinutes']} label={t('settings.minDurationMinutes')} rules={required}>
          <InputNumber min={0} precision={0} />
        </Form.Item>
        <Form.Item name={['entryRules', 'minSeconds']} label={t('settings.seconds')} rules={required}>
          <InputNumber min={0} max={59} precision={0} />
        </Form.Item>
        <Form.Item name={['entryRules', 'maxMinutes']} label={t('settings.maxDurationMinutes')} rules={required}>
          <InputNumber min={0} precision={0} />
        </Form.Item>
        <Form.Item name={['entryRules', 'maxSeconds']} label={t('settings.seconds')} rules={required}>
          <InputNumber min={0} max={59} precision={0} />
        </Form.Item>
      </div>
      <Form.List name={['entryRules', 'allowedResolutions']}>
        {(fields, { add, remove }) => (
          <fieldset className="manage-fieldset">
            <legend>{t('settings.resolutions')}</legend>
            {fields.map((f, i) => (
              <div key={f.key} className="manage-row">
                <Form.Item name={[f.name, 'width']} label={t('settings.width')} rules={required}>
                  <InputNumber min={16} max={8192} precision={0} />
                </Form.Item>
                <Form.Item name={[f.name, 'height']} label={t('settings.height')} rules={required}>
                  <InputNumber min={16} max={8192} precision={0} />
                </Form.Item>
                <div className="manage-row-action">
                  <Button onClick={() => remove(f.name)} aria-label={t('settings.removeResolution', { n: i + 1 })}>
                    {t('common.remove')}
                  </Button>
                </div>
              </div>
            ))}
            <Button type="dashed" onClick={() => add({ width: 1920, height: 1080 })}>
              {t('settings.addResolution')}
            </Button>
          </fieldset>
        )}
      </Form.List>
      <div className="manage-row" style={{ marginTop: 16 }}>
        <Form.Item name={['entryRules', 'aspectRatio', 'width']} label={t('settings.aspectWidth')} rules={required}>
          <InputNumber min={1} precision={0} />
        </Form.Item>
        <Form.Item name={['entryRules', 'aspectRatio', 'height']} label={t('settings.aspectHeight')} rules={required}>
          <InputNumber min={1} precision={0} />
        </Form.Item>
        <Form.Item name={['entryRules', 'containers']} label={t('settings.containers')} rules={required}>
          <RequiredCheckboxGroup options={CONTAINERS.map((c) => ({ value: c, label: `.${c}` }))} />
        </Form.Item>
      </div>
      <div className="manage-row">
        <Form.Item label={t('settings.maxSize')} required>
          <Space.Compact>
            <Form.Item name={['entryRules', 'maxSize']} noStyle rules={required}>
              <InputNumber min={0.01} aria-label={t('settings.maxSize')} />
            </Form.Item>
            <Form.Item name={['entryRules', 'maxSizeUnit']} noStyle>
              <Select
                aria-label={t('settings.sizeUnit')}
                options={[
                  { value: 'MB', label: 'MB' },
                  { value: 'GB', label: 'GB' },
                ]}
                style={{ width: 80 }}
              />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
        <Form.Item
          name={['entryRules', 'uploadGraceMinutes']}
          label={t('settings.uploadGrace')}
          extra={t('settings.uploadGraceHint')}
          rules={required}
        >
          <InputNumber min={0} max={10080} precision={0} />
        </Form.Item>
      </div>
    </Card>
  );
}
