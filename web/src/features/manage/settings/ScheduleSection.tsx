import { Button, Card, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { PHASE_KINDS, type PhaseKind } from '@core/phases.ts';
import { zonedToUtc } from '@core/time.ts';
import { phaseRange } from '../../../lib/format.ts';
import { useRequiredRules } from './fields.tsx';

const ZONES = Intl.supportedValuesOf('timeZone').map((z) => ({ value: z, label: z }));

/** The contest's time zone and the six phases, as wall-clock times in that zone. */
export function ScheduleSection() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const zone = Form.useWatch<string | undefined>('timeZone');
  const { required } = useRequiredRules();
  return (
    <Card title={t('settings.schedule')} className="manage-section">
      <Form.Item name="timeZone" label={t('settings.timeZone')} extra={t('settings.timeZoneHint')} rules={required}>
        <Select showSearch options={ZONES} style={{ maxWidth: 320 }} />
      </Form.Item>
      <p>{t('settings.phasesHint', { zone })}</p>
      {PHASE_KINDS.map((kind) => (
        <fieldset key={kind} className="manage-row manage-fieldset" data-testid={`settings-phase-${kind}`}>
          <legend>{t(`phase.${kind}`)}</legend>
          <Form.Item name={['phases', kind, 'start']} label={t('settings.phaseStart')}>
            <Input type="datetime-local" />
          </Form.Item>
          <Form.Item name={['phases', kind, 'end']} label={t('settings.phaseEnd')}>
            <Input type="datetime-local" />
          </Form.Item>
          <div className="manage-row-action">
            <Button
              onClick={() => form.setFieldValue(['phases', kind], { start: '', end: '' })}
              aria-label={t('settings.clearPhase', { phase: t(`phase.${kind}`) })}
            >
              {t('settings.clear')}
            </Button>
          </div>
          <PhasePreview kind={kind} zone={zone} />
        </fieldset>
      ))}
    </Card>
  );
}

/** The phase as the public page will word it, so that the organizer sees what "00:00 the next day" means. */
function PhasePreview({ kind, zone }: { kind: PhaseKind; zone: string | undefined }) {
  const { t } = useTranslation();
  const value = Form.useWatch<{ start?: string; end?: string } | undefined>(['phases', kind]);
  if (!zone || !value?.start || !value.end) return null;
  let range;
  try {
    range = phaseRange(zonedToUtc(value.start, zone).toISOString(), zonedToUtc(value.end, zone).toISOString(), zone);
  } catch {
    return null; // not a complete date-time yet, or an unknown zone: the form reports it on save
  }
  const text = t(range.wholeDays ? 'home.timeline.rangeDays' : 'home.timeline.rangeTimes', {
    start: range.start,
    end: range.end,
  });
  return (
    <p className="manage-phase-preview" data-testid={`settings-phase-preview-${kind}`}>
      {t('settings.phasePreview', { text })}
    </p>
  );
}
