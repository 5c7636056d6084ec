import { Button, Card, Col, Form, Input, Row, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Markdown } from '../../../components/Markdown.tsx';
import { useRequiredRules } from './fields.tsx';

/** Name, theme, suggested topics and the rules text with its preview. */
export function GeneralSection() {
  const { t } = useTranslation();
  const rules = Form.useWatch<string | undefined>('rulesMarkdown');
  const { text } = useRequiredRules();
  return (
    <Card title={t('settings.general')} className="manage-section">
      <Form.Item name="name" label={t('settings.name')} rules={text}>
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item name="theme" label={t('settings.theme')} rules={text}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} />
      </Form.Item>
      <Form.List name="topics">
        {(fields, { add, remove }) => (
          <fieldset className="manage-fieldset">
            <legend>{t('settings.topics')}</legend>
            {fields.map((f, i) => (
              <Space.Compact key={f.key} block style={{ marginBottom: 8 }}>
                <Form.Item name={f.name} noStyle rules={text}>
                  <Input.TextArea
                    aria-label={t('settings.topicN', { n: i + 1 })}
                    autoSize={{ minRows: 1, maxRows: 4 }}
                  />
                </Form.Item>
                <Button onClick={() => remove(f.name)} aria-label={t('settings.removeTopic', { n: i + 1 })}>
                  {t('common.remove')}
                </Button>
              </Space.Compact>
            ))}
            <Button type="dashed" onClick={() => add('')}>
              {t('settings.addTopic')}
            </Button>
          </fieldset>
        )}
      </Form.List>
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col xs={24} lg={12}>
          <Form.Item name="rulesMarkdown" label={t('settings.rules')} extra={t('settings.rulesHint')}>
            <Input.TextArea autoSize={{ minRows: 10, maxRows: 24 }} />
          </Form.Item>
        </Col>
        <Col xs={24} lg={12}>
          <p id="rules-preview-label" className="ant-form-item-label">
            {t('settings.preview')}
          </p>
          <section className="manage-preview" aria-labelledby="rules-preview-label" tabIndex={0}>
            <Markdown source={rules ?? ''} />
          </section>
        </Col>
      </Row>
    </Card>
  );
}
