import { Button, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { MIN_REASON_LENGTH } from '@core/judging/round-state.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';
import { ReasonField } from '../FormModal.tsx';
import { useFormSend } from '../use-form-send.ts';

/** Takes a conflict back with a reason: a juror's own declaration, or the chair's recusal (ADR 0044). */
export function TakeBackConflict({
  summary,
  testId,
  send,
  onDone,
}: {
  summary: string;
  testId: string;
  send: (reason: string) => Promise<unknown>;
  onDone: () => Promise<unknown> | void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const { mutation, formProps } = useFormSend(form, {
    send: (v: { reason: string }) => send(v.reason.trim()),
    onDone,
  });
  return (
    <details data-testid={testId}>
      <summary>{summary}</summary>
      <ApiErrorAlert error={mutation.error} testId={`${testId}-error`} />
      <Form {...formProps} name={testId}>
        <ReasonField
          name="reason"
          label={t('judgingSetup.takeBackReason')}
          extra={t('judgingSetup.takeBackHint')}
          min={MIN_REASON_LENGTH}
          tooShort={t('judgingSetup.reasonTooShort')}
          maxLength={4000}
          testId={`${testId}-reason`}
        />
        <Button htmlType="submit" loading={mutation.isPending} data-testid={`${testId}-submit`}>
          {t('judgingSetup.takeBackSubmit')}
        </Button>
      </Form>
    </details>
  );
}
