import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { formatDateTime } from '@core/time.ts';
import { useContest } from '../../../api/contests.ts';
import { errorText } from '../../../api/errors.ts';
import { deleteNews, listNews, newsKey } from '../../../api/publication.ts';
import type { NewsPost } from '../../../api/types.ts';
import { Markdown } from '../../../components/Markdown.tsx';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';
import { ConfirmButton } from '../ConfirmButton.tsx';
import { NewsModal } from './NewsModal.tsx';

/** The contest's news on its home page (R19), newest first. */
export default function NewsTab() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const tz = useContest(slug).data?.timeZone;
  const news = useQuery({ queryKey: newsKey(slug), queryFn: () => listNews(slug) });
  // undefined: closed; null: a new post.
  const [editing, setEditing] = useState<NewsPost | null | undefined>(undefined);
  const refresh = () => qc.invalidateQueries({ queryKey: newsKey(slug) });
  const remove = useMutation({
    mutationFn: (id: number) => deleteNews(slug, id),
    onSuccess: () => {
      void message.success(t('staffNews.deleted'));
      void refresh();
    },
    onError: (err) => void message.error(errorText(err, t('errors.unreachable'))),
  });

  return (
    <>
      <h1 className="manage-title">{t('manage.tab.news')}</h1>
      <p className="manage-muted" style={{ fontSize: 14 }}>
        {t('staffNews.intro')}
      </p>
      <Button type="primary" onClick={() => setEditing(null)} style={{ marginBottom: 16 }} data-testid="news-new">
        {t('staffNews.new')}
      </Button>
      <ApiErrorAlert error={news.error} />
      {news.data?.length === 0 && <Empty description={t('staffNews.empty')} />}
      <Flex vertical gap={12} data-testid="news-list">
        {news.data?.map((p) => (
          <Card
            key={p.id}
            size="small"
            title={p.title}
            data-testid={`news-${p.id}`}
            extra={
              <Space>
                <Button size="small" onClick={() => setEditing(p)} data-testid={`news-edit-${p.id}`}>
                  {t('common.edit')}
                </Button>
                <ConfirmButton
                  title={t('staffNews.deleteConfirm')}
                  okText={t('common.delete')}
                  onConfirm={() => remove.mutate(p.id)}
                  loading={remove.isPending && remove.variables === p.id}
                  testId={`news-delete-${p.id}`}
                />
              </Space>
            }
          >
            <div className="manage-muted">
              {t('staffNews.postedAt', { at: formatDateTime(p.publishedAt, tz) })}
              {p.updatedAt !== p.publishedAt &&
                ` · ${t('staffNews.updatedAt', { at: formatDateTime(p.updatedAt, tz) })}`}
            </div>
            <Markdown source={p.body} />
          </Card>
        ))}
      </Flex>
      {editing !== undefined && (
        <NewsModal
          slug={slug}
          post={editing ?? undefined}
          onClose={() => setEditing(undefined)}
          onDone={() => {
            void message.success(t(editing ? 'common.saved' : 'staffNews.posted'));
            void refresh();
          }}
        />
      )}
    </>
  );
}
