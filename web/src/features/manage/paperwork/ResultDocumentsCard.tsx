import { Card, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { getAllocation } from '../../../api/awards.ts';
import { enc } from '../../../api/client.ts';

/**
 * The papers made from the announced results: the draft award decision, the prize payment list and the CCHC list per
 * unit, each with the contest's stored document details. Offered to each person as their rights allow.
 */
export function ResultDocumentsCard({
  slug,
  canGenerate,
  canViewBudget,
}: {
  slug: string;
  canGenerate: boolean;
  canViewBudget: boolean;
}) {
  const { t } = useTranslation();
  const view = useQuery({ queryKey: ['awards-allocation', slug], queryFn: () => getAllocation(slug) });
  const announced = view.data?.versions.some((v) => v.state === 'announced') ?? false;
  const link = (file: string, testId: string, label: string) =>
    announced ? (
      <a
        className="ant-btn ant-btn-default"
        href={`/api/contests/${enc(slug)}/documents/${file}`}
        download
        data-testid={testId}
      >
        {label}
      </a>
    ) : (
      <span className="ant-btn ant-btn-default ant-btn-disabled" aria-disabled="true">
        {label}
      </span>
    );
  return (
    <Card title={t('paperwork.resultDocsTitle')} className="manage-section" style={{ marginBottom: 16 }}>
      <p>{t('paperwork.resultDocsIntro')}</p>
      {!announced && view.isSuccess && <p>{t('paperwork.archiveNotYet')}</p>}
      <Space wrap>
        {canGenerate && link('award-decision.docx', 'doc-award-decision', t('paperwork.resultDocsAwardDecision'))}
        {canViewBudget && link('payment-list.xlsx', 'doc-payment-list', t('paperwork.resultDocsPaymentList'))}
        {canGenerate && link('cchc-list.xlsx', 'doc-cchc-list', t('paperwork.resultDocsCchcList'))}
      </Space>
    </Card>
  );
}
