import { useQuery } from '@tanstack/react-query';
import { Button, Checkbox, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Phase } from '@core/phases.ts';
import { formatNumber } from '@core/judging/format.ts';
import { MIN_REASON_LENGTH } from '@core/judging/round-state.ts';
import {
  AGGREGATIONS,
  DEFAULT_RANKING_METHOD,
  NORMALIZATIONS,
  type Aggregation,
  type Normalization,
} from '@core/judging/ranking-method.ts';
import { rubricFromContest, SCALE_STEPS, type RoundRubric } from '@core/judging/rubric.ts';
import { formatDateTime, utcToZonedLocal, zonedToUtc } from '@core/time.ts';
import { timeZoneName } from '@core/time-zone-name.ts';
import type { RubricCriterion } from '@core/contest.ts';
import {
  createRound,
  roundRanking,
  updateRound,
  type EntrySetSpec,
  type RoundBody,
  type StaffRound,
} from '../../../api/judging.ts';
import { currentLanguage } from '../../../i18n/index.ts';
import { FormModal } from '../FormModal.tsx';
import { WallClockPicker } from '../WallClockPicker.tsx';

interface CriterionValues {
  key?: string;
  name: string;
  weight: number;
  min: number;
  max: number;
  step: number;
  commentRequired: boolean;
}

interface Values {
  name: string;
  nameEn: string;
  start: string;
  end: string;
  entryKind: EntrySetSpec['kind'];
  n: number;
  includeBoundaryTies: boolean;
  chosenIds: number[];
  chosenReason: string;
  rubricMode: 'contest' | 'edited';
  criteria: CriterionValues[];
  assignmentMode: 'everyone' | 'balanced';
  perEntry: number;
  aggregation: Aggregation;
  normalization: Normalization;
  minScores: number;
  decimals: number;
  /** Criterion keys compared, in this order, when entries are tied; then the chair's decision if `tieChair`. */
  tieCriteria: string[];
  tieChair: boolean;
}

export interface RoundFormContest {
  slug: string;
  timeZone: string;
  phases: readonly Phase[];
  rubric: readonly RubricCriterion[];
}

const toCriteria = (r: RoundRubric): CriterionValues[] =>
  r.criteria.map((c) => ({
    key: c.key,
    name: c.name,
    weight: c.weight,
    min: c.min,
    max: c.max,
    step: c.step,
    commentRequired: c.comment.when === 'always',
  }));

/** The next `cN` key not used by the criteria: a new criterion gets its key at once so a tie rule can name it. */
function freshKey(criteria: readonly { key?: string }[]): string {
  const used = new Set(criteria.map((c) => c.key));
  let n = 1;
  while (used.has(`c${n}`)) n += 1;
  return `c${n}`;
}

/** Keeps the keys the criteria had (scores are stored under them) and gives new ones the next free `cN`. */
function toRubric(criteria: CriterionValues[]): RoundRubric {
  const used = new Set(criteria.map((c) => c.key).filter(Boolean));
  let n = 0;
  const fresh = () => {
    do n += 1;
    while (used.has(`c${n}`));
    used.add(`c${n}`);
    return `c${n}`;
  };
  return {
    criteria: criteria.map((c) => ({
      key: c.key || fresh(),
      name: c.name.trim(),
      weight: c.weight,
      min: c.min,
      max: c.max,
      step: c.step as RoundRubric['criteria'][number]['step'],
      comment: c.commentRequired ? { when: 'always' } : { when: 'never' },
    })),
  };
}

/**
 * Creates a round (`round` absent) or changes one in draft: name, window inside the judging phase, which entries it
 * takes (all approved, the previous round's top N, or the chair's choice with its reason), the rubric (the contest's
 * or edited for the round) and how entries are assigned (everyone scores everything, or balanced with a minimum of
 * jurors per entry).
 */
export function RoundFormModal({
  contest,
  round,
  previousRoundId,
  onClose,
  onDone,
}: {
  contest: RoundFormContest;
  round?: StaffRound;
  /** The round before this one, whose ranking the top N or the chair's choice come from; null for a first round. */
  previousRoundId: number | null;
  onClose: () => void;
  onDone: (id: number) => Promise<unknown> | void;
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [form] = Form.useForm<Values>();
  const tz = contest.timeZone;
  const judging = contest.phases.find((p) => p.kind === 'judging');
  const local = (iso: string) => utcToZonedLocal(iso, tz);
  const previous = useQuery({
    queryKey: ['round-ranking', previousRoundId, 'for-next'],
    queryFn: () => roundRanking(previousRoundId!, false),
    enabled: previousRoundId !== null,
  });
  const set = round?.entrySet;
  const initialValues: Values = {
    name: round?.name ?? '',
    nameEn: round?.nameEn ?? '',
    start: round ? local(round.window.startsAt) : judging ? local(judging.startsAt) : '',
    end: round ? local(round.window.endsAt) : judging ? local(judging.endsAt) : '',
    entryKind: set?.kind ?? (previousRoundId === null ? 'all_approved' : 'top_n'),
    n: set?.kind === 'top_n' ? set.n : 10,
    includeBoundaryTies: set?.kind === 'top_n' ? set.includeBoundaryTies : false,
    chosenIds: set?.kind === 'chosen' ? set.entryIds : [],
    chosenReason: set?.kind === 'chosen' ? set.reason : '',
    rubricMode: round ? 'edited' : 'contest',
    criteria: toCriteria(round?.rubric ?? rubricFromContest(contest.rubric)),
    assignmentMode: round?.assignment.mode ?? 'everyone',
    perEntry: round?.assignment.mode === 'balanced' ? round.assignment.perEntry : 2,
    aggregation: (round?.method ?? DEFAULT_RANKING_METHOD).aggregation,
    normalization: (round?.method ?? DEFAULT_RANKING_METHOD).normalization,
    minScores: (round?.method ?? DEFAULT_RANKING_METHOD).minScores,
    decimals: (round?.method ?? DEFAULT_RANKING_METHOD).decimals,
    tieCriteria: (round?.method ?? DEFAULT_RANKING_METHOD).tieOrder.flatMap((r) =>
      r.kind === 'criterion' ? [r.key] : [],
    ),
    tieChair: (round?.method ?? DEFAULT_RANKING_METHOD).tieOrder.some((r) => r.kind === 'chair'),
  };
  const entryKind = Form.useWatch('entryKind', form) ?? initialValues.entryKind;
  const rubricMode = Form.useWatch('rubricMode', form) ?? initialValues.rubricMode;
  const assignmentMode = Form.useWatch('assignmentMode', form) ?? initialValues.assignmentMode;
  const criteria = Form.useWatch('criteria', { form, preserve: true }) ?? initialValues.criteria;
  const weightSum = (criteria ?? []).reduce((s, c) => s + (Number(c?.weight) || 0), 0);
  // The criteria a tie rule may name: the round's own when edited, else the contest's.
  const tieOptions = (
    rubricMode === 'edited'
      ? (criteria ?? []).filter((c) => c?.key)
      : rubricFromContest(contest.rubric).criteria.map((c) => ({ key: c.key, name: c.name }))
  ).map((c, i) => ({ value: c.key!, label: c.name?.trim() || t('judgingSetup.criterion', { n: i + 1 }) }));
  const required = [{ required: true, message: t('judgingSetup.windowRequired') }];

  const send = async (v: Values): Promise<number> => {
    const entrySet: EntrySetSpec =
      v.entryKind === 'all_approved'
        ? { kind: 'all_approved' }
        : v.entryKind === 'top_n'
          ? { kind: 'top_n', n: v.n, includeBoundaryTies: v.includeBoundaryTies }
          : { kind: 'chosen', entryIds: v.chosenIds, reason: v.chosenReason.trim() };
    const body: RoundBody = {
      name: v.name.trim(),
      ...(v.nameEn.trim() ? { nameEn: v.nameEn.trim() } : {}),
      window: { startsAt: zonedToUtc(v.start, tz).toISOString(), endsAt: zonedToUtc(v.end, tz).toISOString() },
      entrySet,
      assignment: v.assignmentMode === 'balanced' ? { mode: 'balanced', perEntry: v.perEntry } : { mode: 'everyone' },
      method: {
        aggregation: v.aggregation,
        normalization: v.normalization,
        minScores: v.minScores,
        decimals: v.decimals,
        tieOrder: [
          ...v.tieCriteria.map((key) => ({ kind: 'criterion' as const, key })),
          ...(v.tieChair ? [{ kind: 'chair' as const }] : []),
        ],
      },
    };
    // A new round takes the contest's rubric when none is sent; a round being changed is sent it explicitly.
    if (v.rubricMode === 'edited') body.rubric = toRubric(v.criteria);
    else if (round) body.rubric = rubricFromContest(contest.rubric);
    if (round) {
      await updateRound(round.id, body);
      return round.id;
    }
    return (await createRound(contest.slug, body)).id;
  };

  const rankedRows = (previous.data?.rows ?? []).filter((r) => r.entry !== null);
  return (
    <FormModal<Values, number>
      title={round ? t('judgingSetup.editRound') : t('judgingSetup.addRound')}
      okText={t('common.save')}
      width={760}
      form={form}
      name="judging-round"
      initialValues={initialValues}
      onClose={onClose}
      send={send}
      onDone={onDone}
      errorTestId="round-form-error"
    >
      <Form.Item
        name="name"
        label={t('judgingSetup.name')}
        rules={[{ required: true, whitespace: true, message: t('judgingSetup.nameRequired') }]}
      >
        <Input maxLength={200} data-testid="round-name" />
      </Form.Item>
      <Form.Item name="nameEn" label={t('judgingSetup.nameEn')}>
        <Input maxLength={200} />
      </Form.Item>
      <fieldset className="manage-fieldset">
        <legend>{t('judgingSetup.window')}</legend>
        <p className="manage-muted" id="round-window-hint">
          {t('judgingSetup.windowHint', {
            zone: timeZoneName(tz, lang),
            start: judging ? formatDateTime(judging.startsAt, tz) : '—',
            end: judging ? formatDateTime(judging.endsAt, tz) : '—',
          })}
        </p>
        <Space wrap>
          <Form.Item name="start" label={t('judgingSetup.windowStart')} rules={required}>
            <WallClockPicker aria-describedby="round-window-hint" data-testid="round-start" />
          </Form.Item>
          <Form.Item name="end" label={t('judgingSetup.windowEnd')} rules={required}>
            <WallClockPicker aria-describedby="round-window-hint" data-testid="round-end" />
          </Form.Item>
        </Space>
      </fieldset>
      <Form.Item name="entryKind" label={t('judgingSetup.entries')}>
        <Radio.Group data-testid="round-entry-kind">
          <Space direction="vertical">
            <Radio value="all_approved">{t('judgingSetup.entrySet.all_approved')}</Radio>
            {previousRoundId !== null && <Radio value="top_n">{t('judgingSetup.entrySet.top_nChoice')}</Radio>}
            {previousRoundId !== null && <Radio value="chosen">{t('judgingSetup.entrySet.chosenChoice')}</Radio>}
          </Space>
        </Radio.Group>
      </Form.Item>
      {entryKind === 'top_n' && (
        <Space wrap align="end">
          <Form.Item name="n" label={t('judgingSetup.topN')} rules={[{ required: true, type: 'integer', min: 1 }]}>
            <InputNumber min={1} max={10000} data-testid="round-top-n" />
          </Form.Item>
          <Form.Item name="includeBoundaryTies" valuePropName="checked">
            <Checkbox>{t('judgingSetup.boundaryTies')}</Checkbox>
          </Form.Item>
        </Space>
      )}
      {entryKind === 'chosen' && (
        <>
          <Form.Item
            name="chosenIds"
            label={t('judgingSetup.chosenEntries')}
            extra={rankedRows.length === 0 ? t('judgingSetup.chosenNone') : undefined}
            rules={[{ required: true, type: 'array', min: 1, message: t('judgingSetup.pickAtLeastOne') }]}
          >
            <Checkbox.Group>
              <Space direction="vertical">
                {rankedRows.map((r) => (
                  <Checkbox key={r.ref} value={r.entry!.entryId} data-testid={`round-choose-${r.ref}`}>
                    {r.rank ?? '—'}. {r.ref} — {r.title}
                    {r.value !== null ? ` (${formatNumber(r.value, lang)})` : ''}
                  </Checkbox>
                ))}
              </Space>
            </Checkbox.Group>
          </Form.Item>
          <Form.Item
            name="chosenReason"
            label={t('judgingSetup.chosenReason')}
            rules={[
              { required: true, whitespace: true, min: MIN_REASON_LENGTH, message: t('judgingSetup.reasonTooShort') },
            ]}
          >
            <Input.TextArea rows={2} maxLength={4000} />
          </Form.Item>
        </>
      )}
      <Form.Item name="rubricMode" label={t('judgingSetup.rubric')}>
        <Radio.Group>
          <Space direction="vertical">
            <Radio value="contest">{t('judgingSetup.rubricFromContest')}</Radio>
            <Radio value="edited" data-testid="round-rubric-edited">
              {t('judgingSetup.rubricEdited')}
            </Radio>
          </Space>
        </Radio.Group>
      </Form.Item>
      {rubricMode === 'edited' && <CriteriaEditor weightSum={weightSum} />}
      <Form.Item name="assignmentMode" label={t('judgingSetup.assignment')}>
        <Radio.Group>
          <Space direction="vertical">
            <Radio value="everyone">{t('judgingSetup.assignmentMode.everyone')}</Radio>
            <Radio value="balanced" data-testid="round-balanced">
              {t('judgingSetup.assignmentMode.balanced')}
            </Radio>
          </Space>
        </Radio.Group>
      </Form.Item>
      {assignmentMode === 'balanced' && (
        <Form.Item
          name="perEntry"
          label={t('judgingSetup.perEntry')}
          rules={[{ required: true, type: 'integer', min: 1 }]}
        >
          <InputNumber min={1} max={50} data-testid="round-per-entry" />
        </Form.Item>
      )}
      <Form.Item name="aggregation" label={t('judgingSetup.aggregation')}>
        <Select
          data-testid="round-aggregation"
          options={AGGREGATIONS.map((a) => ({ value: a, label: t(`judgingSetup.aggregations.${a}`) }))}
        />
      </Form.Item>
      <Form.Item name="normalization" label={t('judgingSetup.normalization')}>
        <Radio.Group>
          <Space direction="vertical">
            {NORMALIZATIONS.map((n) => (
              <Radio key={n} value={n}>
                {t(`judgingSetup.normalizations.${n}`)}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      </Form.Item>
      <Space wrap align="start">
        <Form.Item
          name="minScores"
          label={t('judgingSetup.minScores')}
          dependencies={['assignmentMode', 'perEntry']}
          rules={[
            { required: true, type: 'integer', min: 1, max: 50, message: t('judgingSetup.minScoresRange') },
            ({ getFieldValue }) => ({
              validator: (_, value: number) =>
                getFieldValue('assignmentMode') === 'balanced' && value > getFieldValue('perEntry')
                  ? Promise.reject(new Error(t('judgingSetup.minScoresAbovePerEntry')))
                  : Promise.resolve(),
            }),
          ]}
        >
          <InputNumber min={1} max={50} precision={0} data-testid="round-min-scores" />
        </Form.Item>
        <Form.Item
          name="decimals"
          label={t('judgingSetup.decimals')}
          rules={[{ required: true, type: 'integer', min: 0, max: 4, message: t('judgingSetup.decimalsRange') }]}
        >
          <InputNumber min={0} max={4} precision={0} data-testid="round-decimals" />
        </Form.Item>
      </Space>
      <fieldset className="manage-fieldset">
        <legend>{t('judgingSetup.tieOrder')}</legend>
        <p className="manage-muted" id="round-tie-hint">
          {t('judgingSetup.tieOrderHint')}
        </p>
        <Form.Item
          name="tieCriteria"
          label={t('judgingSetup.tieCriteria')}
          dependencies={['criteria', 'rubricMode']}
          rules={[
            {
              validator: (_, keys: string[] | undefined) =>
                (keys ?? []).every((k) => tieOptions.some((o) => o.value === k))
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('judgingSetup.tieCriterionGone'))),
            },
          ]}
        >
          <Select
            mode="multiple"
            allowClear
            options={tieOptions}
            placeholder={t('judgingSetup.tieCriteriaNone')}
            aria-describedby="round-tie-hint"
            data-testid="round-tie-criteria"
          />
        </Form.Item>
        <Form.Item name="tieChair" valuePropName="checked">
          <Checkbox data-testid="round-tie-chair">{t('judgingSetup.tieChair')}</Checkbox>
        </Form.Item>
      </fieldset>
    </FormModal>
  );
}

function CriteriaEditor({ weightSum }: { weightSum: number }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const form = Form.useFormInstance<Values>();
  const num = (name: (string | number)[], label: string, min: number, max: number, step = 1) => (
    <Form.Item name={name} label={label} rules={[{ required: true, type: 'number', min, max }]}>
      <InputNumber min={min} max={max} step={step} decimalSeparator={lang === 'vi' ? ',' : '.'} />
    </Form.Item>
  );
  return (
    <Form.List name="criteria">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, i) => (
            <fieldset key={field.key} className="manage-fieldset" data-testid={`round-criterion-${i + 1}`}>
              <legend>{t('judgingSetup.criterion', { n: i + 1 })}</legend>
              <Form.Item
                name={[field.name, 'name']}
                label={t('judgingSetup.criterionName')}
                rules={[{ required: true, whitespace: true }]}
              >
                <Input maxLength={200} />
              </Form.Item>
              <Space wrap align="end">
                {num([field.name, 'weight'], t('judgingSetup.weight'), 0.1, 100, 0.5)}
                {num([field.name, 'min'], t('judgingSetup.min'), 0, 999)}
                {num([field.name, 'max'], t('judgingSetup.max'), 1, 1000)}
                <Form.Item name={[field.name, 'step']} label={t('judgingSetup.step')}>
                  <Select
                    style={{ width: 100 }}
                    options={SCALE_STEPS.map((s) => ({ value: s, label: formatNumber(s, lang) }))}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'commentRequired']} valuePropName="checked">
                  <Checkbox>{t('judgingSetup.commentRequired')}</Checkbox>
                </Form.Item>
                <Form.Item>
                  <Button onClick={() => remove(field.name)} disabled={fields.length === 1}>
                    {t('judgingSetup.removeCriterion', { n: i + 1 })}
                  </Button>
                </Form.Item>
              </Space>
            </fieldset>
          ))}
          <p className="manage-muted" aria-live="polite" data-testid="round-weight-sum">
            {t('judgingSetup.weightsSum', { sum: formatNumber(weightSum, lang) })}
          </p>
          <Button
            onClick={() =>
              add({
                key: freshKey(form.getFieldValue('criteria') ?? []),
                name: '',
                weight: 10,
                min: 0,
                max: 10,
                step: 1,
                commentRequired: false,
              })
            }
            style={{ marginBottom: 16 }}
          >
            {t('judgingSetup.addCriterion')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
