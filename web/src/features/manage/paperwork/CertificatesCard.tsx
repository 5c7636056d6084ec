import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, enc } from '../../../api/client.ts';
import { errorText } from '../../../api/errors.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';

interface Certificate {
  id: number;
  number: string;
  recipient: string;
  entryCode: string;
  entryTitle: string;
  prizeName: string;
  issuedOn: string;
  status: 'valid' | 'revoked' | 'replaced';
  revokedReason: string | null;
  replacedByNumber: string | null;
  verificationUrl: string;
}

const ddMMyyyy = (isoDate: string) => isoDate.split('-').reverse().join('/');

/**
 * Certificates of the announced winners: issue them (the place, the bodies and the signer come from the contest's
 * document details), print the batch as one PDF or a ZIP, and reissue one with a corrected name (a new
 * number; the old one is shown as replaced on its verification page) or revoke it.
 */
export function CertificatesCard({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const path = `/api/contests/${enc(slug)}/certificates`;
  const key = ['certificates', slug];
  const list = useQuery({ queryKey: key, queryFn: () => api<Certificate[]>(path) });
  const [target, setTarget] = useState<{ c: Certificate; kind: 'reissue' | 'revoke' } | null>(null);
  const [recipient, setRecipient] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: key });
  const issue = useMutation({
    mutationFn: () => api<{ issued: number; total: number }>(path, { method: 'POST', json: {} }),
    onSuccess: async (r) => {
      setError(null);
      void message.success(t('certificates.issuedNote', { issued: r.issued, total: r.total }));
      await refresh();
    },
    onError: setError,
  });
  const act = useMutation({
    mutationFn: () =>
      target!.kind === 'reissue'
        ? api(`${path}/${target!.c.id}/reissue`, { method: 'POST', json: { recipient, reason } })
        : api(`${path}/${target!.c.id}/revoke`, { method: 'POST', json: { reason } }),
    onSuccess: async () => {
      void message.success(t(target!.kind === 'reissue' ? 'certificates.reissuedNote' : 'certificates.revokedNote'));
      setTarget(null);
      await refresh();
    },
  });
  const rows = list.data ?? [];
  const printable = rows.some((c) => c.status === 'valid');
  const open = (c: Certificate, kind: 'reissue' | 'revoke') => {
    act.reset();
    setRecipient(c.recipient);
    setReason('');
    setTarget({ c, kind });
  };
  return (
    <Card title={t('certificates.title')} className="manage-section" style={{ marginBottom: 16 }}>
      <p>{t('certificates.intro')}</p>
      <ApiErrorAlert error={list.error ?? error} testId="certificates-error" />
      <Space wrap style={{ margin: '12px 0' }}>
        <Button
          type="primary"
          loading={issue.isPending}
          onClick={() => issue.mutate()}
          data-testid="certificates-issue"
        >
          {t('certificates.issue')}
        </Button>
        {printable ? (
          <>
            <a className="ant-btn ant-btn-default" href={`${path}.pdf`} download data-testid="certificates-pdf">
              {t('certificates.batchPdf')}
            </a>
            <a className="ant-btn ant-btn-default" href={`${path}.zip`} download>
              {t('certificates.batchZip')}
            </a>
          </>
        ) : null}
      </Space>
      <Table<Certificate>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 760 }}
        dataSource={rows}
        loading={list.isPending}
        locale={{ emptyText: t('certificates.none') }}
        columns={[
          { title: t('certificates.number'), dataIndex: 'number' },
          { title: t('certificates.recipient'), dataIndex: 'recipient' },
          { title: t('certificates.prize'), render: (_, c) => `${c.prizeName} · ${c.entryCode}` },
          { title: t('certificates.issuedOn'), render: (_, c) => ddMMyyyy(c.issuedOn) },
          {
            title: t('certificates.status'),
            render: (_, c) =>
              c.status === 'valid' ? (
                <Tag color="green">{t('certificates.valid')}</Tag>
              ) : c.status === 'replaced' ? (
                <Tag>{t('certificates.replacedBy', { number: c.replacedByNumber ?? '' })}</Tag>
              ) : (
                <Tag color="red">{t('certificates.revoked')}</Tag>
              ),
          },
          {
            title: '',
            render: (_, c) =>
              c.status === 'valid' && (
                <Space wrap>
                  <Button size="small" onClick={() => open(c, 'reissue')} data-testid={`reissue-${c.id}`}>
                    {t('certificates.reissue')}
                  </Button>
                  <Button size="small" danger onClick={() => open(c, 'revoke')}>
                    {t('certificates.revoke')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <Modal
        open={target !== null}
        title={
          target &&
          t(target.kind === 'reissue' ? 'certificates.reissueTitle' : 'certificates.revokeTitle', {
            number: target.c.number,
          })
        }
        okText={target?.kind === 'reissue' ? t('certificates.reissue') : t('certificates.revoke')}
        cancelText={t('certificates.cancel')}
        okButtonProps={{ loading: act.isPending, danger: target?.kind === 'revoke' }}
        onOk={() => act.mutate()}
        onCancel={() => setTarget(null)}
        destroyOnHidden
      >
        {target?.kind === 'reissue' && (
          <>
            <p>{t('certificates.reissueIntro')}</p>
            <label>
              {t('certificates.recipient')}
              <Input value={recipient} onChange={(e) => setRecipient(e.target.value)} maxLength={300} />
            </label>
          </>
        )}
        <label>
          {t('certificates.reason')}
          <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={2000} />
        </label>
        {act.error ? (
          <p role="alert" className="ant-typography ant-typography-danger">
            {errorText(act.error, t('errors.unreachable'))}
          </p>
        ) : null}
      </Modal>
    </Card>
  );
}
