import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { saveNews, type NewsBody } from '../../../api/publication.ts';
import type { NewsPost } from '../../../api/types.ts';
import { Markdown } from '../../../components/Markdown.tsx';
import { FormModal } from '../FormModal.tsx';

/** Writes a news post, or edits one (`post`), with a preview as the public will see it. */
export function NewsModal({
  slug,
  post,
  onDone,
  onClose,
}: {
  slug: string;
  post?: NewsPost;
  onDone: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<NewsBody>();
  const body = Form.useWatch('body', form) ?? '';
  return (
    <FormModal
      width={760}
      title={post ? t('staffNews.editTitle') : t('staffNews.newTitle')}
      okText={post ? t('common.save') : t('staffNews.publish')}
      form={form}
      initialValues={{ title: post?.title ?? '', body: post?.body ?? '' }}
      send={(v) => saveNews(slug, { title: v.title.trim(), body: v.body.trim() }, post?.id)}
      onDone={onDone}
      onClose={onClose}
      errorTestId="news-error"
      after={
        body.trim() && (
          <>
            <div className="manage-muted">{t('staffNews.preview')}</div>
            <div className="manage-preview">
              <Markdown source={body} />
            </div>
          </>
        )
      }
    >
      <Form.Item
        name="title"
        label={t('staffNews.title')}
        rules={[{ required: true, whitespace: true, min: 3, message: t('staffNews.titleTooShort') }]}
      >
        <Input maxLength={300} data-testid="news-title" />
      </Form.Item>
      <Form.Item
        name="body"
        label={t('staffNews.body')}
        extra={t('staffNews.markdownHint')}
        rules={[{ required: true, whitespace: true, message: t('staffNews.bodyRequired') }]}
      >
        <Input.TextArea rows={10} maxLength={20_000} data-testid="news-body" />
      </Form.Item>
    </FormModal>
  );
}
