import { Button, Card, Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { rubricTotal, type SettingsValues } from './settings-form.ts';

/** The jury's criteria; their weights must add up to 100, so the running total is always in view. */
export function RubricSection() {
  const { t } = useTranslation();
  const rubric = Form.useWatch<SettingsValues['rubric'] | undefined>('rubric');
  const total = rubricTotal(rubric);
  const ok = (rubric ?? []).length === 0 || Math.abs(total - 100) < 1e-6;
  const required = [{ required: true, message: t('settings.required') }];
  return (
    <Card title={t('settings.rubric')} className="manage-section">
      <Form.List name="rubric">
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((f, i) => (
              <fieldset key={f.key} className="manage-row manage-fieldset">
                <legend>{t('settings.criterionN', { n: i + 1 })}</legend>
                <Form.Item
                  name={[f.name, 'name']}
                  label={t('settings.criterionName')}
                  className="grow"
                  rules={[{ required: true, whitespace: true, message: t('settings.required') }]}
                >
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item name={[f.name, 'nameEn']} label={t('settings.nameEn')} className="grow">
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item name={[f.name, 'weight']} label={t('settings.weight')} rules={required}>
                  <InputNumber min={0} max={100} />
                </Form.Item>
                <Form.Item name={[f.name, 'scaleMax']} label={t('settings.scaleMax')} rules={required}>
                  <InputNumber min={1} max={100} precision={0} />
                </Form.Item>
                <div className="manage-row-action">
                  <Button
                    danger
                    onClick={() => remove(f.name)}
                    aria-label={t('settings.removeCriterion', { n: i + 1 })}
                  >
                    {t('common.remove')}
                  </Button>
                </div>
              </fieldset>
            ))}
            <Button type="dashed" onClick={() => add({ name: '', weight: 0, scaleMax: 10 })}>
              {t('settings.addCriterion')}
            </Button>
            <p style={{ marginTop: 12 }} role="status" data-testid="rubric-total">
              {t('settings.weightTotal')}{' '}
              <span className={ok ? 'manage-total-ok' : 'manage-total-bad'}>
                {t('settings.weightTotalValue', { total })}
              </span>
            </p>
            <Form.ErrorList errors={errors} />
          </>
        )}
      </Form.List>
    </Card>
  );
}
