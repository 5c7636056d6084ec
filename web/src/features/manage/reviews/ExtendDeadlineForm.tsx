import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { formatDateTime, zonedToUtc } from '@core/time.ts';
import { timeZoneName } from '@core/time-zone-name.ts';
import { extendFixDeadline, refreshAfterReview } from '../../../api/reviews.ts';
import type { ContestView } from '../../../api/types.ts';
import { currentLanguage } from '../../../i18n/index.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';
import { STAFF_DATE_TIME } from '../WallClockPicker.tsx';
import { defaultFixDeadline, fixDeadlineBounds, WALL_CLOCK } from './review-form.ts';

/** A returned entry gets a later fix deadline: asked for by the entrant, or after the old one passed. */
export function ExtendDeadlineForm({
  entryId,
  contest,
  fixDeadline,
}: {
  entryId: number;
  contest: ContestView;
  fixDeadline: string | null;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [now] = useState(() => new Date());
  const bounds = fixDeadlineBounds(now, contest.timeZone);
  const suggested = defaultFixDeadline(now, contest.timeZone);
  const lapsed = !!fixDeadline && Date.parse(fixDeadline) <= now.getTime();
  const save = useMutation({
    mutationFn: (v: { fixDeadline: Dayjs }) =>
      extendFixDeadline(entryId, zonedToUtc(v.fixDeadline.format(WALL_CLOCK), contest.timeZone).toISOString()),
    onSuccess: async (res) => {
      void message.success(t('review.extend.done', { deadline: formatDateTime(res.fixDeadline, contest.timeZone) }));
      await refreshAfterReview(qc, entryId, contest.slug);
    },
  });
  const deadline = fixDeadline ? formatDateTime(fixDeadline, contest.timeZone) : '—';
  return (
    <section data-testid="extend-deadline" style={{ marginTop: 16 }}>
      <h2 className="manage-subtitle">{t('review.extend.title')}</h2>
      {lapsed ? (
        <Alert
          type="warning"
          showIcon
          title={t('review.extend.lapsed', { deadline })}
          style={{ marginBottom: 8 }}
          data-testid="extend-lapsed"
        />
      ) : (
        <p data-testid="extend-current">{t('review.extend.current', { deadline })}</p>
      )}
      <p className="manage-muted" style={{ fontSize: 14 }}>
        {t('review.extend.hint')}
      </p>
      <Form<{ fixDeadline: Dayjs }>
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{
          fixDeadline:
            !fixDeadline || zonedToUtc(suggested, contest.timeZone).getTime() > Date.parse(fixDeadline)
              ? dayjs(suggested)
              : undefined,
        }}
      >
        <Form.Item
          name="fixDeadline"
          label={t('review.extend.newDeadline', { zone: timeZoneName(contest.timeZone, currentLanguage()) })}
          extra={t('review.fixDeadlineHint')}
          rules={[{ required: true, message: t('review.fixDeadlineRequired') }]}
        >
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format={STAFF_DATE_TIME}
            minDate={dayjs(bounds.min)}
            maxDate={dayjs(bounds.max)}
            allowClear={false}
            style={{ width: 220 }}
            data-testid="extend-deadline-input"
          />
        </Form.Item>
        <ApiErrorAlert error={save.error} testId="extend-error" />
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="extend-submit">
          {t('review.extend.submit')}
        </Button>
      </Form>
    </section>
  );
}
