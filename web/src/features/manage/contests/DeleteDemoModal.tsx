import { useMutation, useQuery } from '@tanstack/react-query';
import { Modal, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { deleteDemoContest, demoContents, type DemoContents } from '../../../api/contest-admin.ts';
import type { ContestSummary } from '../../../api/types.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';

/** Asks before removing the demo, naming everything that goes with it, counted by the server. */
export function DeleteDemoModal({
  contest,
  onClose,
  onDone,
}: {
  contest: ContestSummary;
  onClose: () => void;
  onDone: (removed: DemoContents) => void;
}) {
  const { t } = useTranslation();
  const preview = useQuery({ queryKey: ['demo-contents', contest.slug], queryFn: () => demoContents(contest.slug) });
  const remove = useMutation({
    mutationFn: () => deleteDemoContest(contest.slug),
    onSuccess: (removed) => {
      onDone(removed);
      onClose();
    },
  });
  const c = preview.data;
  return (
    <Modal
      open
      title={t('contestAdmin.deleteDemo.title')}
      okText={t('contestAdmin.deleteDemo.ok')}
      okButtonProps={{ danger: true, disabled: !c }}
      cancelText={t('common.cancel')}
      confirmLoading={remove.isPending}
      onOk={() => remove.mutate()}
      onCancel={onClose}
      destroyOnHidden
    >
      <ApiErrorAlert error={preview.error ?? remove.error} />
      {preview.isPending && <Spin />}
      {c && (
        <div data-testid="delete-demo-contents">
          <p>{t('contestAdmin.deleteDemo.intro', { name: c.name })}</p>
          <ul>
            <li>{t('contestAdmin.deleteDemo.settings')}</li>
            <li>{t('contestAdmin.deleteDemo.units', { count: c.units })}</li>
            <li>{t('contestAdmin.deleteDemo.roster', { count: c.rosterMembers })}</li>
            <li>{t('contestAdmin.deleteDemo.roles', { count: c.roles })}</li>
            <li>{t('contestAdmin.deleteDemo.entries', { count: c.entries, uploads: c.uploads })}</li>
            <li>{t('contestAdmin.deleteDemo.news', { count: c.newsPosts })}</li>
          </ul>
          <p>
            <strong>{t('contestAdmin.deleteDemo.final')}</strong>
          </p>
        </div>
      )}
    </Modal>
  );
}
