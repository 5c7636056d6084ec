import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { formatDateTime } from '@core/time.ts';
import { api, enc, type FieldIssue } from '../../../api/client.ts';
import { contestKey, useContest } from '../../../api/contests.ts';
import { SESSION_KEY } from '../../../api/session.ts';
import type { ContestUpdate, ContestView } from '../../../api/types.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';
import { applyFieldErrors, showFieldErrors } from '../form-errors.ts';
import { EligibilitySection } from './EligibilitySection.tsx';
import { EntryRulesSection } from './EntryRulesSection.tsx';
import { GeneralSection } from './GeneralSection.tsx';
import { PrizesSection } from './PrizesSection.tsx';
import { RubricSection } from './RubricSection.tsx';
import { ScheduleSection } from './ScheduleSection.tsx';
import { RetentionCard } from './RetentionCard.tsx';
import { fieldForIssue, toContestUpdate, toSettingsValues, type SettingsValues } from './settings-form.ts';

export default function SettingsTab() {
  const { slug = '' } = useParams();
  const contest = useContest(slug);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  if (!contest.data) return <Spin />;
  // A fresh form after every save, filled with what the server stored.
  return (
    <>
      <SettingsForm
        key={contest.data.updatedAt}
        view={contest.data}
        savedAt={savedAt}
        onSaved={() => setSavedAt(new Date())}
      />
      <RetentionCard slug={slug} timeZone={contest.data.timeZone} />
    </>
  );
}

function SettingsForm({ view, savedAt, onSaved }: { view: ContestView; savedAt: Date | null; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<SettingsValues>();
  const [unmatched, setUnmatched] = useState<FieldIssue[]>([]);
  const save = useMutation({
    mutationFn: (body: ContestUpdate) => api(`/api/contests/${enc(view.slug)}`, { method: 'PUT', json: body }),
  });

  function submit() {
    const out = toContestUpdate(form.getFieldsValue(true) as SettingsValues);
    if (!out.ok) {
      showFieldErrors(
        form,
        out.issues.map((i) => ({ name: i.name, errors: [t(i.key)] })),
      );
      return;
    }
    save.mutate(out.body, {
      onSuccess: async () => {
        void message.success(t('common.saved'));
        onSaved();
        setUnmatched([]);
        await Promise.all([
          qc.invalidateQueries({ queryKey: contestKey(view.slug) }),
          qc.invalidateQueries({ queryKey: ['contests'] }),
          qc.invalidateQueries({ queryKey: SESSION_KEY }),
        ]);
      },
      onError: (err) => setUnmatched(applyFieldErrors(form, err, (path) => fieldForIssue(path, out.phaseKinds))),
    });
  }

  return (
    <Form
      form={form}
      name="settings"
      layout="vertical"
      initialValues={toSettingsValues(view)}
      onFinish={submit}
      scrollToFirstError={{ block: 'center' }}
      onValuesChange={() => {
        if (save.isError) save.reset();
      }}
      data-testid="settings-form"
    >
      <h1 className="manage-title">{t('manage.tab.settings')}</h1>
      {savedAt && !save.isError && (
        <Alert
          type="success"
          showIcon
          role="status"
          title={t('settings.savedAt', { time: formatDateTime(savedAt, view.timeZone) })}
          data-testid="settings-saved"
          style={{ marginBottom: 16 }}
        />
      )}
      <ApiErrorAlert error={save.error} issues={unmatched} testId="settings-error" />
      <GeneralSection />
      <ScheduleSection />
      <EntryRulesSection />
      <EligibilitySection />
      <PrizesSection />
      <RubricSection />
      <div className="manage-savebar">
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="settings-save">
          {t('common.save')}
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            save.reset();
          }}
        >
          {t('settings.discard')}
        </Button>
      </div>
    </Form>
  );
}
