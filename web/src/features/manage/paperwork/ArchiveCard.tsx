import { Card, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { enc } from '../../../api/client.ts';
import { AnnouncedDownload, useResultsAnnounced } from './AnnouncedDownload.tsx';

/**
 * The contest archive for the records (organizer only): one ZIP with the records, documents and a manifest of
 * SHA-256 hashes, with or without the original videos (and, largest, their streaming copies, posters and
 * subtitles). Offered once the results are announced.
 */
export function ArchiveCard({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const { announced, known } = useResultsAnnounced(slug);
  const link = (media: 'manifest' | 'files' | 'all', label: string) => (
    <AnnouncedDownload
      href={`/api/contests/${enc(slug)}/archive.zip?media=${media}`}
      testId={`archive-${media}`}
      label={label}
      announced={announced}
    />
  );
  return (
    <Card title={t('paperwork.archiveTitle')} className="manage-section" style={{ marginBottom: 16 }}>
      <p>{t('paperwork.archiveIntro')}</p>
      {!announced && known && <p>{t('paperwork.archiveNotYet')}</p>}
      <Space wrap>
        {link('manifest', t('paperwork.archiveManifest'))}
        {link('files', t('paperwork.archiveFiles'))}
        {link('all', t('paperwork.archiveAll'))}
      </Space>
    </Card>
  );
}
