import { useTranslation } from 'react-i18next';
import { unpublishEntry } from '../../../api/publication.ts';
import { FormModal, ReasonField } from '../FormModal.tsx';
import type { PublicationModalProps } from './CaptionModal.tsx';

const MIN_REASON = 5;

/** Takes an entry out of the gallery; the reason is sent to its author. */
export function UnpublishModal({ slug, row, onDone, onClose }: PublicationModalProps) {
  const { t } = useTranslation();
  return (
    <FormModal
      title={t('publication.unpublishTitle', { title: row.title })}
      okText={t('publication.unpublish')}
      danger
      initialValues={{ reason: '' }}
      send={(v) => unpublishEntry(slug, row.entryId, v.reason.trim())}
      onDone={() => onDone()}
      onClose={onClose}
      errorTestId="unpublish-error"
    >
      <ReasonField
        name="reason"
        label={t('publication.unpublishReason')}
        extra={t('publication.unpublishHint')}
        min={MIN_REASON}
        tooShort={t('publication.reasonTooShort', { min: MIN_REASON })}
        maxLength={1000}
        testId="unpublish-reason"
      />
    </FormModal>
  );
}
