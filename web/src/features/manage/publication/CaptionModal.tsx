import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { publishEntries } from '../../../api/publication.ts';
import type { PublicationRow, PublishResult } from '../../../api/types.ts';
import { FormModal } from '../FormModal.tsx';

/** What the Publication tab gives a dialog about one of its rows; `onDone` gets the server's answer. */
export interface PublicationModalProps<R = void> {
  slug: string;
  row: PublicationRow;
  onDone: (result: R) => void;
  onClose: () => void;
}

/**
 * Publishes one entry, or edits the caption of one already public (publishing it again keeps its date). Before the
 * first publication the server writes the caption; an empty field leaves that to it.
 */
export function CaptionModal({ slug, row, onDone, onClose }: PublicationModalProps<PublishResult>) {
  const { t } = useTranslation();
  const live = row.state === 'published';
  return (
    <FormModal
      title={
        live
          ? t('publication.editCaptionTitle', { title: row.title })
          : t('publication.publishTitle', { title: row.title })
      }
      okText={live ? t('common.save') : t('publication.publish')}
      initialValues={{ caption: live ? (row.caption ?? '') : '' }}
      send={(v) => {
        const caption = (v.caption ?? '').trim();
        return publishEntries(slug, { entryIds: [row.entryId], ...(caption ? { caption } : {}) });
      }}
      onDone={onDone}
      onClose={onClose}
      errorTestId="caption-error"
      intro={!live && <p>{t('publication.captionGenerated')}</p>}
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
    </FormModal>
  );
}
