import { Card, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { getAllocation } from '../../../api/awards.ts';
import { enc } from '../../../api/client.ts';

/**
 * The contest archive for the records (organizer only): one ZIP with the records, documents and a manifest of
 * SHA-256 hashes, with or without the original videos (and, largest, their streaming copies, posters and
 * subtitles). Offered once the results are announced.
 */
export function ArchiveCard({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const view = useQuery({ queryKey: ['awards-allocation', slug], queryFn: () => getAllocation(slug) });
  const announced = view.data?.versions.some((v) => v.state === 'announced') ?? false;
  const link = (media: 'manifest' | 'files' | 'all', label: string) =>
    announced ? (
      <a
        className="ant-btn ant-btn-default"
        href={`/api/contests/${enc(slug)}/archive.zip?media=${media}`}
        download
        data-testid={`archive-${media}`}
      >
        {label}
      </a>
    ) : (
      <span className="ant-btn ant-btn-default ant-btn-disabled" aria-disabled="true">
        {label}
      </span>
    );
  return (
    <Card title={t('paperwork.archiveTitle')} className="manage-section" style={{ marginBottom: 16 }}>
      <p>{t('paperwork.archiveIntro')}</p>
      {!announced && view.isSuccess && <p>{t('paperwork.archiveNotYet')}</p>}
      <Space wrap>
        {link('manifest', t('paperwork.archiveManifest'))}
        {link('files', t('paperwork.archiveFiles'))}
        {link('all', t('paperwork.archiveAll'))}
      </Space>
    </Card>
  );
}
