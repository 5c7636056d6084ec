import { Card, Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { NameFields, RowList, useRequiredRules } from './fields.tsx';

/** Who may enter (R2, R3): unit categories with their quotas, and the limit per person. */
export function EligibilitySection() {
  const { t } = useTranslation();
  const { required } = useRequiredRules();
  return (
    <Card title={t('settings.eligibility')} className="manage-section">
      <Form.Item name="maxEntriesPerPerson" label={t('settings.maxEntriesPerPerson')} rules={required}>
        <InputNumber min={1} max={100} precision={0} />
      </Form.Item>
      <RowList
        name="unitCategories"
        legend={(n) => t('settings.categoryN', { n })}
        removeLabel={(n) => t('settings.removeCategory', { n })}
        addText={t('settings.addCategory')}
        newRow={{ code: '', name: '', minEntries: 0, maxEntries: 2 }}
      >
        {(f) => (
          <>
            <Form.Item
              name={[f.name, 'code']}
              label={t('settings.categoryCode')}
              extra={t('settings.categoryCodeHint')}
              rules={required}
            >
              <Input maxLength={40} style={{ width: 160 }} />
            </Form.Item>
            <NameFields field={f} label={t('settings.categoryName')} />
            <Form.Item name={[f.name, 'minEntries']} label={t('settings.minEntries')} rules={required}>
              <InputNumber min={0} max={100} precision={0} />
            </Form.Item>
            <Form.Item name={[f.name, 'maxEntries']} label={t('settings.maxEntries')} rules={required}>
              <InputNumber min={1} max={100} precision={0} />
            </Form.Item>
          </>
        )}
      </RowList>
    </Card>
  );
}
