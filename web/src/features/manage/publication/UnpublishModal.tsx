import { useMutation } from '@tanstack/react-query';
import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { unpublishEntry } from '../../../api/publication.ts';
import type { PublicationRow } from '../../../api/types.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';

/** The server asks for at least this many characters, so that the author is told something real. */
const MIN_REASON = 5;

/** Takes an entry out of the gallery; the reason is sent to its author. */
export function UnpublishModal({
  slug,
  row,
  onDone,
  onClose,
}: {
  slug: string;
  row: PublicationRow;
  onDone: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const unpublish = useMutation({
    mutationFn: (reason: string) => unpublishEntry(slug, row.entryId, reason.trim()),
    onSuccess: () => {
      onDone();
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('publication.unpublishTitle', { title: row.title })}
      okText={t('publication.unpublish')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={unpublish.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <ApiErrorAlert error={unpublish.error} testId="unpublish-error" />
      <Form form={form} layout="vertical" initialValues={{ reason: '' }} onFinish={(v) => unpublish.mutate(v.reason)}>
        <Form.Item
          name="reason"
          label={t('publication.unpublishReason')}
          extra={t('publication.unpublishHint')}
          rules={[
            {
              required: true,
              whitespace: true,
              min: MIN_REASON,
              message: t('publication.reasonTooShort', { min: MIN_REASON }),
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="unpublish-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
