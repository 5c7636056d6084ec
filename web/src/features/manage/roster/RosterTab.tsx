import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Select, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ROSTER_ROLES, type RosterMemberInput } from '@core/roster.ts';
import { ROSTER_BODIES } from '@core/roles.ts';
import { api, enc } from '../../../api/client.ts';
import { errorText } from '../../../api/errors.ts';
import { useCan } from '../../../api/session.ts';
import type { RosterMemberView } from '../../../api/types.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';
import { actionsColumn } from '../columns.tsx';
import { ConfirmButton } from '../ConfirmButton.tsx';
import { FormCard } from '../FormCard.tsx';

const rosterKey = (slug: string) => ['roster', slug] as const;

/** The organizing committee, jury and secretariat: the people rule R4 keeps from entering. */
export default function RosterTab() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const editable = useCan(slug)('roster.edit');
  const qc = useQueryClient();
  const roster = useQuery({
    queryKey: rosterKey(slug),
    queryFn: () => api<RosterMemberView[]>(`/api/contests/${enc(slug)}/roster`),
  });
  const remove = useMutation({
    mutationFn: (id: number) => api(`/api/contests/${enc(slug)}/roster/${enc(id)}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: rosterKey(slug) }),
    onError: (err) => void message.error(errorText(err, t('errors.unreachable'))),
  });

  return (
    <>
      <h1 className="manage-title">{t('manage.tab.roster')}</h1>
      <Alert
        type="info"
        showIcon
        title={t('roster.r4Title')}
        description={t('roster.r4Body')}
        style={{ marginBottom: 16 }}
        data-testid="roster-r4"
      />
      <ApiErrorAlert error={roster.error} />
      <Table<RosterMemberView>
        rowKey="id"
        loading={roster.isFetching}
        dataSource={roster.data ?? []}
        pagination={false}
        data-testid="roster-table"
        columns={[
          { title: t('roster.body'), dataIndex: 'body', render: (b: RosterMemberView['body']) => t(`rosterBody.${b}`) },
          { title: t('roster.fullName'), dataIndex: 'fullName' },
          { title: t('roster.position'), dataIndex: 'position' },
          {
            title: t('roster.roleInBody'),
            dataIndex: 'roleInBody',
            render: (r: RosterMemberView['roleInBody']) => t(`rosterRole.${r}`),
          },
          { title: t('roster.email'), dataIndex: 'email' },
          { title: t('roster.phone'), dataIndex: 'phone' },
          ...actionsColumn(editable, t('common.actions'), (m: RosterMemberView) => (
            <ConfirmButton
              title={t('roster.confirmRemove', { name: m.fullName })}
              okText={t('common.remove')}
              onConfirm={() => remove.mutate(m.id)}
              ariaLabel={t('roster.removeNamed', { name: m.fullName })}
            />
          )),
        ]}
      />
      {editable && <AddMember slug={slug} />}
    </>
  );
}

function AddMember({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const opt = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);
  return (
    <FormCard<RosterMemberInput, unknown>
      title={t('roster.addTitle')}
      submitText={t('roster.add')}
      name="roster"
      initialValues={{ body: 'organizing_committee', roleInBody: 'member' }}
      send={(v) =>
        api(`/api/contests/${enc(slug)}/roster`, {
          method: 'POST',
          json: {
            body: v.body,
            fullName: v.fullName.trim(),
            position: opt(v.position),
            roleInBody: v.roleInBody,
            email: opt(v.email),
            phone: opt(v.phone),
          },
        })
      }
      onDone={async () => {
        void message.success(t('roster.added'));
        await qc.invalidateQueries({ queryKey: rosterKey(slug) });
      }}
      fieldErrors
    >
      <div className="manage-row">
        <Form.Item name="body" label={t('roster.body')} rules={[{ required: true }]}>
          <Select
            style={{ width: 220 }}
            options={ROSTER_BODIES.map((b) => ({ value: b, label: t(`rosterBody.${b}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="fullName"
          label={t('roster.fullName')}
          className="grow"
          rules={[{ required: true, whitespace: true, message: t('settings.required') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="position" label={t('roster.position')} className="grow">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="roleInBody" label={t('roster.roleInBody')}>
          <Select
            style={{ width: 180 }}
            options={ROSTER_ROLES.map((r) => ({ value: r, label: t(`rosterRole.${r}`) }))}
          />
        </Form.Item>
      </div>
      <div className="manage-row">
        <Form.Item
          name="email"
          label={t('roster.email')}
          className="grow"
          rules={[{ type: 'email', message: t('units.emailInvalid') }]}
        >
          <Input type="email" maxLength={200} />
        </Form.Item>
        <Form.Item name="phone" label={t('roster.phone')} className="grow">
          <Input type="tel" maxLength={30} />
        </Form.Item>
      </div>
      <p className="ant-form-item-extra">{t('roster.contactHint')}</p>
    </FormCard>
  );
}
