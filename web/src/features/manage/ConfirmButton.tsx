import type { ReactNode } from 'react';
import { Button, Popconfirm } from 'antd';
import { useTranslation } from 'react-i18next';

/** A small red button that asks first: `title` is the question, `okText` both the button's and the answer's text. */
export function ConfirmButton({
  title,
  okText,
  onConfirm,
  ariaLabel,
  loading,
  testId,
}: {
  title: ReactNode;
  okText: string;
  onConfirm: () => void;
  ariaLabel?: string;
  loading?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Popconfirm title={title} okText={okText} cancelText={t('common.cancel')} onConfirm={onConfirm}>
      <Button size="small" danger aria-label={ariaLabel} loading={loading} data-testid={testId}>
        {okText}
      </Button>
    </Popconfirm>
  );
}
