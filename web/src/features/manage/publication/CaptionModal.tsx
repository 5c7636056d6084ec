import { useMutation } from '@tanstack/react-query';
import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { publishEntries } from '../../../api/publication.ts';
import type { PublicationRow, PublishResult } from '../../../api/types.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';

/**
 * Publishes one entry, or edits the caption of one already public (publishing it again keeps its date). Before the
 * first publication the server writes the caption; an empty field leaves that to it.
 */
export function CaptionModal({
  slug,
  row,
  onDone,
  onClose,
}: {
  slug: string;
  row: PublicationRow;
  onDone: (r: PublishResult) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ caption: string }>();
  const live = row.state === 'published';
  const publish = useMutation({
    mutationFn: (caption: string) =>
      publishEntries(slug, { entryIds: [row.entryId], ...(caption.trim() ? { caption: caption.trim() } : {}) }),
    onSuccess: (r) => {
      onDone(r);
      onClose();
    },
  });
  return (
    <Modal
      open
      title={
        live
          ? t('publication.editCaptionTitle', { title: row.title })
          : t('publication.publishTitle', { title: row.title })
      }
      okText={live ? t('common.save') : t('publication.publish')}
      cancelText={t('common.cancel')}
      confirmLoading={publish.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <ApiErrorAlert error={publish.error} testId="caption-error" />
      {!live && <p>{t('publication.captionGenerated')}</p>}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ caption: live ? (row.caption ?? '') : '' }}
        onFinish={(v) => publish.mutate(v.caption ?? '')}
      >
        <Form.Item
          name="caption"
          label={live ? t('publication.caption') : t('publication.captionOptional')}
          extra={t('publication.captionHint')}
          rules={
            live
              ? [{ required: true, whitespace: true, min: 3, message: t('publication.captionTooShort') }]
              : [{ min: 3, message: t('publication.captionTooShort') }]
          }
        >
          <Input.TextArea rows={8} maxLength={3000} showCount data-testid="caption-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
