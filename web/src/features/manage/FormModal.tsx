import type { ReactNode } from 'react';
import { Form, Input, Modal, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from './ApiErrorAlert.tsx';
import { useFormSend, type FormSend } from './use-form-send.ts';

interface Props<V, R> extends FormSend<V, R> {
  title: ReactNode;
  okText: string;
  /** The OK button in red, for an action that takes something away. */
  danger?: boolean;
  width?: number;
  /** Pass one from `Form.useForm` to watch a field; otherwise the dialog makes its own. */
  form?: FormInstance<V>;
  /** The form's name: its fields' ids are `name_field`. */
  name?: string;
  initialValues: Partial<V>;
  onClose: () => void;
  errorTestId?: string;
  /** Above the form: what the staff member decides on. */
  intro?: ReactNode;
  /** Below the form: a preview. */
  after?: ReactNode;
  children: ReactNode;
}

/**
 * A dialog that sends one form to the server: OK checks and sends the form, the server's refusal shows above it, and
 * the dialog closes once `onDone` has run.
 */
export function FormModal<V extends object, R>({
  title,
  okText,
  danger,
  width,
  form: given,
  name,
  initialValues,
  onClose,
  errorTestId,
  intro,
  after,
  children,
  ...sending
}: Props<V, R>) {
  const { t } = useTranslation();
  const [form] = Form.useForm<V>(given);
  const { mutation, unmatched, formProps } = useFormSend(form, {
    ...sending,
    onDone: async (result: R) => {
      await sending.onDone(result);
      onClose();
    },
  });
  return (
    <Modal
      open
      width={width}
      title={title}
      okText={okText}
      okButtonProps={danger ? { danger: true } : undefined}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <ApiErrorAlert error={mutation.error} issues={unmatched} testId={errorTestId} />
      {intro}
      <Form<V> {...formProps} name={name} initialValues={initialValues}>
        {children}
      </Form>
      {after}
    </Modal>
  );
}

/**
 * The written reason for a decision that someone is told about: required, and at least `min` characters so that
 * they are told something real (the server asks the same).
 */
export function ReasonField({
  name,
  label,
  extra,
  min,
  tooShort,
  maxLength,
  testId,
}: {
  name: string;
  label: string;
  extra: string;
  min: number;
  tooShort: string;
  maxLength: number;
  testId: string;
}) {
  return (
    <Form.Item
      name={name}
      label={label}
      extra={extra}
      rules={[{ required: true, whitespace: true, min, message: tooShort }]}
    >
      <Input.TextArea rows={3} maxLength={maxLength} showCount data-testid={testId} />
    </Form.Item>
  );
}
