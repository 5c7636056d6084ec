import { Card, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { enc } from '../../../api/client.ts';

/**
 * The drafts of the decisions establishing the organizing committee and the jury: the issuing body and the place of
 * the date line are asked here (the contest does not record them), the members come from the roster.
 */
export function RosterDecisions({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const [issuer, setIssuer] = useState('');
  const [abbr, setAbbr] = useState('UBND');
  const [place, setPlace] = useState('');
  const [signer, setSigner] = useState('');
  const [grounds, setGrounds] = useState('');
  const ready = issuer.trim().length > 0 && place.trim().length > 0;
  const href = (body: string, format: string) => {
    const q = new URLSearchParams({ body, issuer: issuer.trim(), abbr: abbr.trim() || 'UBND', place: place.trim() });
    if (signer.trim()) q.set('signer', signer.trim());
    if (grounds.trim()) q.set('grounds', grounds.trim());
    return `/api/contests/${enc(slug)}/documents/roster-decision.${format}?${q.toString()}`;
  };
  const link = (body: string, format: string, label: string) =>
    ready ? (
      <a
        className="ant-btn ant-btn-default"
        href={href(body, format)}
        download
        data-testid={`decision-${body}-${format}`}
      >
        {label}
      </a>
    ) : (
      <span className="ant-btn ant-btn-default ant-btn-disabled" aria-disabled="true">
        {label}
      </span>
    );
  return (
    <Card title={t('paperwork.decisionsTitle')} className="manage-section" style={{ marginBottom: 16 }}>
      <p>{t('paperwork.decisionsIntro')}</p>
      <Space direction="vertical" style={{ width: '100%' }}>
        <label>
          {t('paperwork.issuer')}
          <Input value={issuer} onChange={(e) => setIssuer(e.target.value)} placeholder="Ủy ban nhân dân huyện …" />
        </label>
        <div className="manage-row">
          <label className="grow">
            {t('paperwork.abbr')}
            <Input value={abbr} onChange={(e) => setAbbr(e.target.value)} maxLength={30} />
          </label>
          <label className="grow">
            {t('paperwork.place')}
            <Input value={place} onChange={(e) => setPlace(e.target.value)} maxLength={100} />
          </label>
          <label className="grow">
            {t('paperwork.signer')}
            <Input value={signer} onChange={(e) => setSigner(e.target.value)} maxLength={200} />
          </label>
        </div>
        <label>
          {t('paperwork.grounds')}
          <Input.TextArea value={grounds} onChange={(e) => setGrounds(e.target.value)} rows={3} maxLength={4000} />
        </label>
        {!ready && <p>{t('paperwork.fillFirst')}</p>}
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
