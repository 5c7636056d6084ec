import { Card, Form, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { NameFields, RowList, useRequiredRules } from './fields.tsx';
import { rubricTotal, type SettingsValues } from './settings-form.ts';

/** The jury's criteria; their weights must add up to 100, so the running total is always in view. */
export function RubricSection() {
  const { t } = useTranslation();
  const rubric = Form.useWatch<SettingsValues['rubric'] | undefined>('rubric');
  const total = rubricTotal(rubric);
  const ok = (rubric ?? []).length === 0 || Math.abs(total - 100) < 1e-6;
  const { required } = useRequiredRules();
  return (
    <Card title={t('settings.rubric')} className="manage-section">
      <RowList
        name="rubric"
        legend={(n) => t('settings.criterionN', { n })}
        removeLabel={(n) => t('settings.removeCriterion', { n })}
        addText={t('settings.addCriterion')}
        newRow={{ name: '', weight: 0, scaleMax: 10 }}
        footer={(errors) => (
          <>
            <p style={{ marginTop: 12 }} role="status" data-testid="rubric-total">
              {t('settings.weightTotal')}{' '}
              <span className={ok ? 'manage-total-ok' : 'manage-total-bad'}>
                {t('settings.weightTotalValue', { total })}
              </span>
            </p>
            <Form.ErrorList errors={errors} />
          </>
        )}
      >
        {(f) => (
          <>
            <NameFields field={f} label={t('settings.criterionName')} />
            <Form.Item name={[f.name, 'weight']} label={t('settings.weight')} rules={required}>
              <InputNumber min={0} max={100} />
            </Form.Item>
            <Form.Item name={[f.name, 'scaleMax']} label={t('settings.scaleMax')} rules={required}>
              <InputNumber min={1} max={100} precision={0} />
            </Form.Item>
          </>
        )}
      </RowList>
    </Card>
  );
}
