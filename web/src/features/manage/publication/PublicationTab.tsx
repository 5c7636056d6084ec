import { useState, type HTMLAttributes } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { formatDateTime } from '@core/time.ts';
import { errorText } from '../../../api/errors.ts';
import { useContest } from '../../../api/contests.ts';
import {
  captionsCsvUrl,
  listPublication,
  originalUrl,
  publicationKey,
  publishEntries,
} from '../../../api/publication.ts';
import type { PublicationRow, PublishResult } from '../../../api/types.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';
import { PAGINATION } from '../columns.tsx';
import { CaptionModal } from './CaptionModal.tsx';
import { PublishSummary } from './PublishSummary.tsx';
import { UnpublishModal } from './UnpublishModal.tsx';
import { publicPath, publishCandidates } from './publish-summary.ts';

const STATE_COLORS: Record<PublicationRow['state'], string> = {
  unpublished: 'default',
  published: 'green',
  withdrawn: 'red',
};

/** R11, R16: approved entries, their place in the public gallery and the fanpage package (captions, files). */
export default function PublicationTab() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const tz = useContest(slug).data?.timeZone;
  const list = useQuery({
    queryKey: publicationKey(slug),
    queryFn: () => listPublication(slug),
    refetchInterval: 60_000,
  });
  const rows = list.data ?? [];
  const [summary, setSummary] = useState<PublishResult | null>(null);
  const [captionFor, setCaptionFor] = useState<PublicationRow | null>(null);
  const [unpublishFor, setUnpublishFor] = useState<PublicationRow | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: publicationKey(slug) });
  const published = (r: PublishResult) => {
    setSummary(r);
    void refresh();
  };
  const publishAll = useMutation({
    mutationFn: () => publishEntries(slug, { entryIds: null }),
    onSuccess: published,
    onError: (err) => void message.error(errorText(err, t('errors.unreachable'))),
  });
  const candidates = publishCandidates(rows).length;

  return (
    <>
      <h1 className="manage-title">{t('manage.tab.publication')}</h1>
      <p className="manage-muted" style={{ fontSize: 14 }}>
        {t('publication.intro')}
      </p>
      <Space wrap style={{ marginBottom: 16 }}>
        <Popconfirm
          title={t('publication.publishAllConfirm', { count: candidates })}
          description={t('publication.publishAllHint')}
          okText={t('publication.publishAll')}
          cancelText={t('common.cancel')}
          onConfirm={() => publishAll.mutate()}
          disabled={candidates === 0}
        >
          <Button type="primary" loading={publishAll.isPending} disabled={candidates === 0} data-testid="publish-all">
            {t('publication.publishAll')}
          </Button>
        </Popconfirm>
        <Button href={captionsCsvUrl(slug)} download data-testid="captions-csv">
          {t('publication.captionsCsv')}
        </Button>
      </Space>
      {summary && <PublishSummary result={summary} rows={rows} onClose={() => setSummary(null)} />}
      <ApiErrorAlert error={list.error} />
      <Table<PublicationRow>
        rowKey="entryId"
        loading={list.isFetching}
        dataSource={rows}
        pagination={PAGINATION}
        scroll={{ x: 1000 }}
        data-testid="publication-table"
        locale={{ emptyText: t('publication.empty') }}
        onRow={(r) => ({ 'data-testid': `pub-row-${r.entryId}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('staffEntries.code'),
            dataIndex: 'code',
            width: 130,
            render: (c: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{c ?? '—'}</span>,
          },
          {
            title: t('staffEntries.work'),
            dataIndex: 'title',
            render: (title: string, r) => (
              <>
                <div>{title}</div>
                {r.unitName && <div className="manage-muted">{r.unitName}</div>}
              </>
            ),
          },
          {
            title: t('publication.state'),
            dataIndex: 'state',
            width: 200,
            render: (s: PublicationRow['state'], r) => (
              <>
                <Tag color={STATE_COLORS[s]} data-testid={`pub-state-${r.entryId}`}>
                  {t(`publication.stateName.${s}`)}
                </Tag>
                {!r.ready && <Tag color="gold">{t('publication.notReady')}</Tag>}
                {s === 'published' && r.publishedAt && (
                  <div className="manage-muted">
                    {t('publication.since', { at: formatDateTime(r.publishedAt, tz) })}
                  </div>
                )}
                {s === 'withdrawn' && r.unpublishReason && (
                  <div className="manage-muted">{t('publication.withdrawnBecause', { reason: r.unpublishReason })}</div>
                )}
              </>
            ),
          },
          {
            title: t('publication.caption'),
            dataIndex: 'caption',
            render: (c: string | null, r) =>
              c && r.state === 'published' ? (
                <Typography.Paragraph
                  style={{ whiteSpace: 'pre-line', marginBottom: 0 }}
                  copyable={{ text: c, tooltips: [t('publication.copyCaption'), t('publication.copied')] }}
                  data-testid={`pub-caption-${r.entryId}`}
                >
                  {c}
                </Typography.Paragraph>
              ) : (
                <span className="manage-muted">{t('publication.captionOnPublish')}</span>
              ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 220,
            render: (_: unknown, r) => <RowActions row={r} onCaption={setCaptionFor} onUnpublish={setUnpublishFor} />,
          },
        ]}
      />
      {captionFor && (
        <CaptionModal
          slug={slug}
          row={captionFor}
          onDone={(r) => {
            published(r);
            if (r.published.length) void message.success(t('publication.published'));
          }}
          onClose={() => setCaptionFor(null)}
        />
      )}
      {unpublishFor && (
        <UnpublishModal
          slug={slug}
          row={unpublishFor}
          onDone={() => {
            void message.success(t('publication.unpublished'));
            void refresh();
          }}
          onClose={() => setUnpublishFor(null)}
        />
      )}
    </>
  );
}

function RowActions({
  row,
  onCaption,
  onUnpublish,
}: {
  row: PublicationRow;
  onCaption: (r: PublicationRow) => void;
  onUnpublish: (r: PublicationRow) => void;
}) {
  const { t } = useTranslation();
  if (row.state !== 'published') {
    return row.reviewStatus === 'approved' ? (
      <Button
        size="small"
        type="primary"
        disabled={!row.ready}
        title={row.ready ? undefined : t('publication.notReadyHint')}
        onClick={() => onCaption(row)}
        data-testid={`publish-${row.entryId}`}
      >
        {row.state === 'withdrawn' ? t('publication.republish') : t('publication.publish')}
      </Button>
    ) : (
      <span className="manage-muted">{t('publication.noLongerApproved')}</span>
    );
  }
  return (
    <Space size={[4, 4]} wrap>
      {row.publicUrl && (
        <Button
          size="small"
          href={publicPath(row.publicUrl)}
          target="_blank"
          rel="noopener"
          data-testid={`public-link-${row.entryId}`}
        >
          {t('publication.viewPublic')}
        </Button>
      )}
      <Button size="small" onClick={() => onCaption(row)} data-testid={`edit-caption-${row.entryId}`}>
        {t('publication.editCaption')}
      </Button>
      <Button size="small" href={originalUrl(row.entryId)} download data-testid={`original-${row.entryId}`}>
        {t('publication.downloadOriginal')}
      </Button>
      <Button size="small" danger onClick={() => onUnpublish(row)} data-testid={`unpublish-${row.entryId}`}>
        {t('publication.unpublish')}
      </Button>
    </Space>
  );
}
