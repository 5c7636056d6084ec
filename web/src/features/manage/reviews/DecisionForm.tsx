import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
// Month and weekday names in the picker when the staff area is in Vietnamese (antd's vi_VN locale asks dayjs for them).
import 'dayjs/locale/vi';
import { useTranslation } from 'react-i18next';
import { MIN_REASON_LENGTH, REVIEW_DECISIONS, type JudgedItem, type ReviewDecision } from '@core/review.ts';
import { timeZoneName } from '@core/time-zone-name.ts';
import { recordReview, refreshAfterReview } from '../../../api/reviews.ts';
import type { ContestView, EntryReviews, UploadView } from '../../../api/types.ts';
import { currentLanguage } from '../../../i18n/index.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';
import { STAFF_DATE_TIME } from '../WallClockPicker.tsx';
import { Checklist } from './Checklist.tsx';
import { defaultFixDeadline, fixDeadlineBounds, reasonMissing, reviewBody, WALL_CLOCK } from './review-form.ts';

interface Values {
  decision: ReviewDecision;
  ticks: Partial<Record<JudgedItem, boolean>>;
  reason: string;
  note: string;
  fixDeadline: Dayjs | null;
}

/**
 * The reviewer's decision with the checklist: approve, reject, or return for a fix by a deadline. `final`: the
 * organizer settles a disputed round.
 */
export function DecisionForm({
  entryId,
  contest,
  staff,
  upload,
  final,
}: {
  entryId: number;
  contest: ContestView;
  staff: NonNullable<EntryReviews['staff']>;
  upload: UploadView | null;
  final: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const decision = Form.useWatch('decision', form);
  const [now] = useState(() => new Date());
  const bounds = fixDeadlineBounds(now, contest.timeZone);
  const save = useMutation({
    mutationFn: (v: Values) =>
      recordReview(
        entryId,
        reviewBody({ ...v, fixDeadline: v.fixDeadline ? v.fixDeadline.format(WALL_CLOCK) : null }, contest.timeZone),
      ),
    onSuccess: async (res) => {
      void message.success(t('review.saved', { status: t(`review.statusName.${res.status}`) }));
      await refreshAfterReview(qc, entryId, contest.slug);
    },
  });

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={(v) => save.mutate(v)}
      initialValues={{
        decision: undefined,
        ticks: {},
        reason: '',
        note: '',
        fixDeadline: dayjs(defaultFixDeadline(now, contest.timeZone)),
      }}
      data-testid="review-form"
    >
      <Checklist staff={staff} upload={upload} editable />
      <h2 className="manage-subtitle">{final ? t('review.finalTitle') : t('review.formTitle')}</h2>
      {final && (
        <p className="manage-muted" style={{ fontSize: 14 }}>
          {t('review.finalHint')}
        </p>
      )}
      <Form.Item
        name="decision"
        label={t('review.decisionLabel')}
        rules={[{ required: true, message: t('review.chooseDecision') }]}
      >
        <Radio.Group
          data-testid="review-decision-choice"
          options={REVIEW_DECISIONS.map((d) => ({ value: d, label: t(`review.decision.${d}`) }))}
          optionType="button"
          buttonStyle="solid"
        />
      </Form.Item>
      {decision === 'return' && (
        <Form.Item
          name="fixDeadline"
          label={t('review.fixDeadline', { zone: timeZoneName(contest.timeZone, currentLanguage()) })}
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
            data-testid="review-deadline"
          />
        </Form.Item>
      )}
      <Form.Item
        name="reason"
        label={decision === 'approve' || !decision ? t('review.reasonOptional') : t('review.reasonRequired')}
        extra={t('review.reasonHint')}
        dependencies={['decision']}
        rules={[
          {
            validator: (_, value: string) =>
              decision && reasonMissing(decision, value ?? '')
                ? Promise.reject(new Error(t('review.reasonTooShort', { min: MIN_REASON_LENGTH })))
                : Promise.resolve(),
          },
        ]}
      >
        <Input.TextArea rows={3} maxLength={2000} showCount data-testid="review-reason" />
      </Form.Item>
      <Form.Item name="note" label={t('review.noteLabel')} extra={t('review.noteHint')}>
        <Input.TextArea rows={2} maxLength={2000} data-testid="review-note" />
      </Form.Item>
      <ApiErrorAlert error={save.error} testId="review-error" />
      <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="review-submit">
        {final ? t('review.submitFinal') : t('review.submit')}
      </Button>
    </Form>
  );
}
