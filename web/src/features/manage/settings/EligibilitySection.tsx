import { Button, Card, Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';

/** Who may enter (R2, R3): unit categories with their quotas, and the limit per person. */
export function EligibilitySection() {
  const { t } = useTranslation();
  const required = [{ required: true, message: t('settings.required') }];
  return (
    <Card title={t('settings.eligibility')} className="manage-section">
      <Form.Item name="maxEntriesPerPerson" label={t('settings.maxEntriesPerPerson')} rules={required}>
        <InputNumber min={1} max={100} precision={0} />
      </Form.Item>
      <Form.List name="unitCategories">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <fieldset key={f.key} className="manage-row manage-fieldset">
                <legend>{t('settings.categoryN', { n: i + 1 })}</legend>
                <Form.Item
                  name={[f.name, 'code']}
                  label={t('settings.categoryCode')}
                  extra={t('settings.categoryCodeHint')}
                  rules={required}
                >
                  <Input maxLength={40} style={{ width: 160 }} />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'name']}
                  label={t('settings.categoryName')}
                  className="grow"
                  rules={[{ required: true, whitespace: true, message: t('settings.required') }]}
                >
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item name={[f.name, 'nameEn']} label={t('settings.nameEn')} className="grow">
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item name={[f.name, 'minEntries']} label={t('settings.minEntries')} rules={required}>
                  <InputNumber min={0} max={100} precision={0} />
                </Form.Item>
                <Form.Item name={[f.name, 'maxEntries']} label={t('settings.maxEntries')} rules={required}>
                  <InputNumber min={1} max={100} precision={0} />
                </Form.Item>
                <div className="manage-row-action">
                  <Button danger onClick={() => remove(f.name)} aria-label={t('settings.removeCategory', { n: i + 1 })}>
                    {t('common.remove')}
                  </Button>
                </div>
              </fieldset>
            ))}
            <Button type="dashed" onClick={() => add({ code: '', name: '', minEntries: 0, maxEntries: 2 })}>
              {t('settings.addCategory')}
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}
