import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import type { FieldIssue } from '../../api/client.ts';
import { applyFieldErrors } from './form-errors.ts';

export interface FormSend<V, R> {
  /** Sends the form's values to the server. */
  send: (values: V) => Promise<R>;
  /** After the server accepted. */
  onDone: (result: R) => void | Promise<unknown>;
  /** Put the server's messages next to the fields they concern; the rest stay with the error message. */
  fieldErrors?: boolean;
}

/**
 * Sending a staff form: the request, and with `fieldErrors` the server's messages placed at their fields. `unmatched`
 * holds the messages that match no field, to show with the error; `formProps` go on the form element.
 */
export function useFormSend<V, R>(form: FormInstance<V>, { send, onDone, fieldErrors }: FormSend<V, R>) {
  const [unmatched, setUnmatched] = useState<FieldIssue[]>([]);
  const mutation = useMutation({
    mutationFn: send,
    onSuccess: async (result) => {
      setUnmatched([]);
      await onDone(result);
    },
    onError: (err) => {
      if (fieldErrors) setUnmatched(applyFieldErrors(form, err));
    },
  });
  /** What the form element takes: the form, the usual layout, and sending when its rules pass. */
  const formProps = { form, layout: 'vertical' as const, onFinish: (v: V) => mutation.mutate(v) };
  return { mutation, unmatched, formProps };
}
