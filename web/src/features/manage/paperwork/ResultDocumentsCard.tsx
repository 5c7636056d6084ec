import { Card, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { enc } from '../../../api/client.ts';
import { AnnouncedDownload, useResultsAnnounced } from './AnnouncedDownload.tsx';

/**
 * The papers made from the announced results: the draft award decision, the prize payment list and the CCHC list per
 * unit, each with the contest's stored document details. Offered to each person as their rights allow.
 */
export function ResultDocumentsCard(props: { slug: string; canGenerate: boolean; canViewBudget: boolean }) {
  const { t } = useTranslation();
  const { announced, known } = useResultsAnnounced(props.slug);
  const link = (file: string, testId: string, label: string) => (
    <AnnouncedDownload
      href={`/api/contests/${enc(props.slug)}/documents/${file}`}
      testId={testId}
      label={label}
      announced={announced}
    />
  );
  return (
    <Card title={t('paperwork.resultDocsTitle')} className="manage-section" style={{ marginBottom: 16 }}>
      <p>{t('paperwork.resultDocsIntro')}</p>
      {!announced && known && <p>{t('paperwork.archiveNotYet')}</p>}
      <Space wrap>
        {props.canGenerate && link('award-decision.docx', 'doc-award-decision', t('paperwork.resultDocsAwardDecision'))}
        {props.canViewBudget && link('payment-list.xlsx', 'doc-payment-list', t('paperwork.resultDocsPaymentList'))}
        {props.canGenerate && link('cchc-list.xlsx', 'doc-cchc-list', t('paperwork.resultDocsCchcList'))}
      </Space>
    </Card>
  );
}
