import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';

/** The server's message (already in the user's language), with the issues that could not be shown at a field. */
export function ApiErrorAlert({
  error,
  issues = [],
  testId,
}: {
  error: unknown;
  issues?: FieldIssue[];
  testId?: string;
}) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid={testId}
      title={errorText(error, t('errors.unreachable'))}
      description={
        issues.length > 0 && (
          <ul>
            {issues.map((i) => (
              <li key={i.path}>
                {i.path ? `${i.path}: ` : ''}
                {i.message}
              </li>
            ))}
          </ul>
        )
      }
      style={{ marginBottom: 16 }}
    />
  );
}
