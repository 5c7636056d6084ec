import { Button, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { MIN_REASON_LENGTH } from '@core/judging/round-state.ts';
import { declareConflict } from '../../../api/judging.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';
import { ReasonField } from '../FormModal.tsx';
import { useFormSend } from '../use-form-send.ts';

/** A juror declares a conflict of interest with the entry on their screen, with a reason; it then leaves their list. */
export function DeclareConflict({
  roundId,
  refName,
  onDone,
}: {
  roundId: number;
  refName: string;
  onDone: () => Promise<unknown> | void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const { mutation, formProps } = useFormSend(form, {
    send: (v: { reason: string }) => declareConflict(roundId, refName, v.reason.trim()),
    onDone,
  });
  return (
    <details style={{ marginTop: 16 }} data-testid="declare-conflict">
      <summary>{t('judgingSetup.declareTitle')}</summary>
      <ApiErrorAlert error={mutation.error} testId="declare-error" />
      <Form {...formProps} name="declare-conflict">
        <ReasonField
          name="reason"
          label={t('judgingSetup.declareReason')}
          extra={t('judgingSetup.declareHint')}
          min={MIN_REASON_LENGTH}
          tooShort={t('judgingSetup.reasonTooShort')}
          maxLength={4000}
          testId="declare-reason"
        />
        <Button danger htmlType="submit" loading={mutation.isPending} data-testid="declare-submit">
          {t('judgingSetup.declareSubmit')}
        </Button>
      </Form>
    </details>
  );
}
