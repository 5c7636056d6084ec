import { Checkbox, Form, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { resolveReport, type ResolveBody } from '../../../api/publication.ts';
import type { ReportRow } from '../../../api/types.ts';
import { FormModal, ReasonField } from '../FormModal.tsx';

const MIN_OUTCOME = 5;

interface Values {
  status?: ResolveBody['status'];
  outcome: string;
  unpublish: boolean;
}

/** Records the committee's outcome; upholding may take the entry out of the gallery, the outcome told to its author. */
export function ResolveModal({
  report,
  onDone,
  onClose,
}: {
  report: ReportRow;
  onDone: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const status = Form.useWatch('status', form);
  return (
    <FormModal<Values, unknown>
      title={t('staffReports.resolveTitle', { title: report.entryTitle })}
      okText={t('staffReports.resolveOk')}
      form={form}
      initialValues={{ outcome: '', unpublish: false }}
      send={(v) =>
        resolveReport(report.id, {
          status: v.status!,
          outcome: v.outcome.trim(),
          unpublish: v.status === 'upheld' && v.unpublish,
        })
      }
      onDone={onDone}
      onClose={onClose}
      errorTestId="resolve-error"
      intro={
        <p style={{ whiteSpace: 'pre-wrap' }}>
          <strong>{t(`staffReports.kind.${report.kind}`, { defaultValue: report.kind })}:</strong> {report.reason}
        </p>
      }
    >
      <Form.Item
        name="status"
        label={t('staffReports.decision')}
        rules={[{ required: true, message: t('staffReports.chooseDecision') }]}
      >
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          data-testid="resolve-status"
          options={[
            { value: 'upheld', label: t('staffReports.uphold') },
            { value: 'dismissed', label: t('staffReports.dismiss') },
          ]}
        />
      </Form.Item>
      <ReasonField
        name="outcome"
        label={t('staffReports.outcome')}
        extra={t('staffReports.outcomeHint')}
        min={MIN_OUTCOME}
        tooShort={t('staffReports.outcomeTooShort', { min: MIN_OUTCOME })}
        maxLength={2000}
        testId="resolve-outcome"
      />
      {status === 'upheld' && report.published && (
        <Form.Item name="unpublish" valuePropName="checked" extra={t('staffReports.unpublishHint')}>
          <Checkbox data-testid="resolve-unpublish">{t('staffReports.unpublish')}</Checkbox>
        </Form.Item>
      )}
    </FormModal>
  );
}
