import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_SETTINGS_LIMITS as L, type DocumentSettings } from '@core/documents/document-settings.ts';
import { api, enc } from '../../../api/client.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';
import { useFormSend } from '../use-form-send.ts';

interface Answer {
  settings: DocumentSettings;
  stored: boolean;
  updatedAt: string | null;
}

type Values = Omit<DocumentSettings, 'recipients'> & { recipients: string };

const toValues = (s: DocumentSettings): Values => ({ ...s, recipients: s.recipients.join('\n') });
const fromValues = (v: Values): DocumentSettings => ({
  ...v,
  recipients: v.recipients
    .split('\n')
    .map((r) => r.trim())
    .filter(Boolean),
});

/**
 * The contest's document details, typed once (ADR 0049): the issuing body, the place of the date line, who signs
 * the decisions and the certificates, and the recipients. Every document below prints them; the organizer saves
 * them, others who draft documents see them.
 */
export function DocumentSettingsCard({ slug, canEdit }: { slug: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const path = `/api/contests/${enc(slug)}/document-settings`;
  const key = ['document-settings', slug];
  const query = useQuery({ queryKey: key, queryFn: () => api<Answer>(path) });
  const [form] = Form.useForm<Values>();
  const { mutation, unmatched, formProps } = useFormSend(form, {
    send: (v: Values) => api<Answer>(path, { method: 'PUT', json: fromValues(v) }),
    onDone: async (r) => {
      qc.setQueryData(key, r);
      form.setFieldsValue(toValues(r.settings));
      void message.success(t('docSettings.saved'));
    },
    fieldErrors: true,
  });
  const signer = (name: 'signer' | 'committeeSigner', nameOptional: boolean) => (
    <fieldset className="doc-settings-signer">
      <legend>{t(`docSettings.${name}`)}</legend>
      <div className="manage-row">
        <Form.Item className="grow" name={[name, 'collective']} label={t('docSettings.collective')}>
          <Input maxLength={L.collective} placeholder={t('docSettings.collectiveHint')} />
        </Form.Item>
        <Form.Item className="grow" name={[name, 'deputyFor']} label={t('docSettings.deputyFor')}>
          <Select
            allowClear
            options={[{ value: '', label: t('docSettings.noDeputy') }, { value: 'Chủ tịch' }, { value: 'Trưởng ban' }]}
          />
        </Form.Item>
        <Form.Item
          className="grow"
          name={[name, 'position']}
          label={t('docSettings.position')}
          rules={[{ required: true, whitespace: true, message: t('docSettings.positionRequired') }]}
        >
          <Input maxLength={L.position} />
        </Form.Item>
        <Form.Item
          className="grow"
          name={[name, 'fullName']}
          label={t(nameOptional ? 'docSettings.fullNameOptional' : 'docSettings.fullName')}
          rules={nameOptional ? [] : [{ required: true, whitespace: true, message: t('docSettings.signerRequired') }]}
        >
          <Input maxLength={L.fullName} data-testid={`doc-settings-${name}-name`} />
        </Form.Item>
      </div>
    </fieldset>
  );
  return (
    <Card title={t('docSettings.title')} className="manage-section" style={{ marginBottom: 16 }}>
      <p>{t('docSettings.intro')}</p>
      {query.data && !query.data.stored && <p data-testid="doc-settings-defaults">{t('docSettings.defaults')}</p>}
      <ApiErrorAlert error={query.error ?? mutation.error} issues={unmatched} testId="doc-settings-error" />
      {query.data && (
        <Form<Values>
          // A fresh answer from the server (a cached one may be shown first) sets the fields again.
          key={query.dataUpdatedAt}
          {...formProps}
          name="docSettings"
          disabled={!canEdit}
          initialValues={toValues(query.data.settings)}
        >
          <div className="manage-row">
            <Form.Item className="grow" name="superior" label={t('docSettings.superior')}>
              <Input maxLength={L.superior} />
            </Form.Item>
            <Form.Item
              className="grow"
              name="issuer"
              label={t('docSettings.issuer')}
              rules={[{ required: true, whitespace: true, message: t('docSettings.issuerRequired') }]}
            >
              <Input maxLength={L.issuer} placeholder="Ủy ban nhân dân huyện …" />
            </Form.Item>
            <Form.Item name="abbr" label={t('docSettings.abbr')} rules={[{ required: true }]}>
              <Input maxLength={30} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item
              className="grow"
              name="place"
              label={t('docSettings.place')}
              rules={[{ required: true, whitespace: true, message: t('docSettings.placeRequired') }]}
            >
              <Input maxLength={L.place} placeholder="Vĩnh Linh" />
            </Form.Item>
          </div>
          {signer('signer', false)}
          {signer('committeeSigner', true)}
          <Form.Item name="recipients" label={t('docSettings.recipients')}>
            <Input.TextArea rows={4} />
          </Form.Item>
          {canEdit && (
            <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="doc-settings-save">
              {t('docSettings.save')}
            </Button>
          )}
        </Form>
      )}
    </Card>
  );
}
