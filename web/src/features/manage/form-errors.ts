import type { FormInstance } from 'antd';
import { ApiError, type FieldIssue } from '../../api/client.ts';

export type FieldName = (string | number)[];

/** A dotted API path ("prizes.0.amountVnd") as an antd field name (["prizes", 0, "amountVnd"]). */
function pathToName(path: string): FieldName {
  return path
    .split('.')
    .filter(Boolean)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * Puts the server's validation messages next to the fields they concern and returns the issues that match no
 * field, so that the caller shows them with the error message.
 */
export function applyFieldErrors(
  form: FormInstance,
  err: unknown,
  toName: (path: string) => FieldName | null = pathToName,
): FieldIssue[] {
  if (!(err instanceof ApiError)) return [];
  const unmatched: FieldIssue[] = [];
  const fields: { name: FieldName; errors: string[] }[] = [];
  for (const issue of err.issues) {
    const name = toName(issue.path);
    if (name) fields.push({ name, errors: [issue.message] });
    else unmatched.push(issue);
  }
  showFieldErrors(form, fields);
  return unmatched;
}

/** Marks the fields with their messages and brings the first into view. */
export function showFieldErrors(form: FormInstance, fields: { name: FieldName; errors: string[] }[]): void {
  form.setFields(fields);
  const first = fields[0];
  if (first) form.scrollToField(first.name, { block: 'center' });
}
