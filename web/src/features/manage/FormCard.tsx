import type { ReactNode } from 'react';
import { Button, Card, Form, type FormInstance } from 'antd';
import { ApiErrorAlert } from './ApiErrorAlert.tsx';
import { useFormSend, type FormSend } from './use-form-send.ts';

interface Props<V, R> extends FormSend<V, R> {
  title: string;
  submitText: string;
  /** Pass one from `Form.useForm` to watch a field; otherwise the card makes its own. */
  form?: FormInstance<V>;
  /** The form's name: its fields' ids are `name_field`. */
  name: string;
  initialValues: Partial<V>;
  children: ReactNode;
}

/** A form under a staff table that adds a row to it; once the server accepts, the form is emptied for the next. */
export function FormCard<V extends object, R>({
  title,
  submitText,
  form: given,
  name,
  initialValues,
  children,
  ...sending
}: Props<V, R>) {
  const [form] = Form.useForm<V>(given);
  const { mutation, unmatched, formProps } = useFormSend(form, {
    ...sending,
    onDone: (result: R) => {
      form.resetFields();
      return sending.onDone(result);
    },
  });
  return (
    <Card title={title} className="manage-section" style={{ marginTop: 16 }}>
      <ApiErrorAlert error={mutation.error} issues={unmatched} />
      <Form<V> {...formProps} name={name} initialValues={initialValues}>
        {children}
        <Button type="primary" htmlType="submit" loading={mutation.isPending}>
          {submitText}
        </Button>
      </Form>
    </Card>
  );
}
