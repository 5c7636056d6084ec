import { Alert, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { renameContest } from '../../../api/contest-admin.ts';
import type { ContestSummary } from '../../../api/types.ts';
import { FormModal } from '../FormModal.tsx';
import { nameRules, slugRules } from './slug-rules.ts';

interface Values {
  name: string;
  slug: string;
}

/** The contest's name and short address; a new slug breaks the links already shared. */
export function RenameContestModal({
  contest,
  onClose,
  onDone,
}: {
  contest: ContestSummary;
  onClose: () => void;
  onDone: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  return (
    <FormModal<Values, unknown>
      title={t('contestAdmin.action.rename')}
      okText={t('common.save')}
      name="contest-rename"
      fieldErrors
      errorTestId="contest-rename-error"
      initialValues={{ name: contest.name, slug: contest.slug }}
      onClose={onClose}
      send={(v) => {
        const body: { name?: string; slug?: string } = {};
        if (v.name.trim() !== contest.name) body.name = v.name.trim();
        if (v.slug.trim() !== contest.slug) body.slug = v.slug.trim();
        return renameContest(contest.slug, body);
      }}
      onDone={onDone}
      intro={<Alert type="warning" showIcon title={t('contestAdmin.renameWarning')} style={{ marginBottom: 16 }} />}
    >
      <Form.Item name="name" label={t('contestAdmin.name')} rules={nameRules(t)}>
        <Input maxLength={300} data-testid="rename-name" />
      </Form.Item>
      <Form.Item name="slug" label={t('contestAdmin.slug')} rules={slugRules(t)} extra={t('contestAdmin.slugHelp')}>
        <Input maxLength={80} prefix="/c/" data-testid="rename-slug" />
      </Form.Item>
    </FormModal>
  );
}
