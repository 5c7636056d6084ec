import { Card, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { enc } from '../../../api/client.ts';

/**
 * The drafts of the decisions establishing the organizing committee and the jury: the issuing body, place and signer
 * come from the contest's document details (the card above), the members from the roster; the grounds are the
 * document's own.
 */
export function RosterDecisions({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const [grounds, setGrounds] = useState('');
  const href = (body: string, format: string) => {
    const q = new URLSearchParams({ body });
    if (grounds.trim()) q.set('grounds', grounds.trim());
    return `/api/contests/${enc(slug)}/documents/roster-decision.${format}?${q.toString()}`;
  };
  const link = (body: string, format: string, label: string) => (
    <a
      className="ant-btn ant-btn-default"
      href={href(body, format)}
      download
      data-testid={`decision-${body}-${format}`}
    >
      {label}
    </a>
  );
  return (
    <Card title={t('paperwork.decisionsTitle')} className="manage-section" style={{ marginBottom: 16 }}>
      <p>{t('paperwork.decisionsIntro')}</p>
      <Space direction="vertical" style={{ width: '100%' }}>
        <label>
          {t('paperwork.grounds')}
          <Input.TextArea value={grounds} onChange={(e) => setGrounds(e.target.value)} rows={3} maxLength={4000} />
        </label>
        <Space wrap>
          {link('organizing_committee', 'docx', t('paperwork.committeeDocx'))}
          {link('organizing_committee', 'pdf', t('paperwork.committeePdf'))}
          {link('jury', 'docx', t('paperwork.juryDocx'))}
          {link('jury', 'pdf', t('paperwork.juryPdf'))}
        </Space>
      </Space>
    </Card>
  );
}
