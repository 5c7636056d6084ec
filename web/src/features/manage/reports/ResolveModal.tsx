import { useMutation } from '@tanstack/react-query';
import { Checkbox, Form, Input, Modal, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { resolveReport, type ResolveBody } from '../../../api/publication.ts';
import type { ReportRow } from '../../../api/types.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';

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
  const resolve = useMutation({
    mutationFn: (v: Values) =>
      resolveReport(report.id, {
        status: v.status!,
        outcome: v.outcome.trim(),
        unpublish: v.status === 'upheld' && v.unpublish,
      }),
    onSuccess: () => {
      onDone();
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('staffReports.resolveTitle', { title: report.entryTitle })}
      okText={t('staffReports.resolveOk')}
      cancelText={t('common.cancel')}
      confirmLoading={resolve.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <ApiErrorAlert error={resolve.error} testId="resolve-error" />
      <p style={{ whiteSpace: 'pre-wrap' }}>
        <strong>{t(`staffReports.kind.${report.kind}`, { defaultValue: report.kind })}:</strong> {report.reason}
      </p>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ outcome: '', unpublish: false }}
        onFinish={(v) => resolve.mutate(v)}
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
        <Form.Item
          name="outcome"
          label={t('staffReports.outcome')}
          extra={t('staffReports.outcomeHint')}
          rules={[
            {
              required: true,
              whitespace: true,
              min: MIN_OUTCOME,
              message: t('staffReports.outcomeTooShort', { min: MIN_OUTCOME }),
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount data-testid="resolve-outcome" />
        </Form.Item>
        {status === 'upheld' && report.published && (
          <Form.Item name="unpublish" valuePropName="checked" extra={t('staffReports.unpublishHint')}>
            <Checkbox data-testid="resolve-unpublish">{t('staffReports.unpublish')}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
