import { useMutation } from '@tanstack/react-query';
import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { saveNews, type NewsBody } from '../../../api/publication.ts';
import type { NewsPost } from '../../../api/types.ts';
import { Markdown } from '../../../components/Markdown.tsx';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';

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
  const save = useMutation({
    mutationFn: (v: NewsBody) => saveNews(slug, { title: v.title.trim(), body: v.body.trim() }, post?.id),
    onSuccess: () => {
      onDone();
      onClose();
    },
  });
  return (
    <Modal
      open
      width={760}
      title={post ? t('staffNews.editTitle') : t('staffNews.newTitle')}
      okText={post ? t('common.save') : t('staffNews.publish')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <ApiErrorAlert error={save.error} testId="news-error" />
      <Form<NewsBody>
        form={form}
        layout="vertical"
        initialValues={{ title: post?.title ?? '', body: post?.body ?? '' }}
        onFinish={(v) => save.mutate(v)}
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
      </Form>
      {body.trim() && (
        <>
          <div className="manage-muted">{t('staffNews.preview')}</div>
          <div className="manage-preview">
            <Markdown source={body} />
          </div>
        </>
      )}
    </Modal>
  );
}
