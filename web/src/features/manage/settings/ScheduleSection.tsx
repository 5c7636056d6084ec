import { Button, Card, Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { PHASE_KINDS, type PhaseKind } from '@core/phases.ts';
import { DEFAULT_TIME_ZONE, zonedToUtc } from '@core/time.ts';
import { timeZoneName } from '@core/time-zone-name.ts';
import { currentLanguage } from '../../../i18n/index.ts';
import { phaseRange } from '../../../lib/format.ts';
import { WallClockPicker } from '../WallClockPicker.tsx';
import { useRequiredRules } from './fields.tsx';

/**
 * Every zone by its name in words and its place, e.g. "giờ Việt Nam, UTC+7 · Ho Chi Minh". Browsers list Vietnam's
 * zone under its old name Asia/Saigon; the contest stores Asia/Ho_Chi_Minh, so that one is listed instead.
 */
function zoneOptions(lang: 'vi' | 'en'): { value: string; label: string }[] {
  const place = (z: string) => z.split('/').pop()!.replace(/_/g, ' ');
  const zones = new Set(Intl.supportedValuesOf('timeZone'));
  zones.delete('Asia/Saigon');
  zones.add(DEFAULT_TIME_ZONE);
  return [...zones].sort().map((z) => ({ value: z, label: `${timeZoneName(z, lang)} · ${place(z)}` }));
}
const ZONES: Partial<Record<'vi' | 'en', { value: string; label: string }[]>> = {};

/** The contest's time zone and the six phases, as wall-clock times in that zone. */
export function ScheduleSection() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const zone = Form.useWatch<string | undefined>('timeZone');
  const { required } = useRequiredRules();
  const lang = currentLanguage();
  const listed = (ZONES[lang] ??= zoneOptions(lang));
  // A zone the browser does not list (kept from an earlier contest) still shows in words.
  const options =
    zone && !listed.some((o) => o.value === zone)
      ? [{ value: zone, label: timeZoneName(zone, lang) }, ...listed]
      : listed;
  return (
    <Card title={t('settings.schedule')} className="manage-section">
      <Form.Item name="timeZone" label={t('settings.timeZone')} extra={t('settings.timeZoneHint')} rules={required}>
        <Select showSearch={{ optionFilterProp: 'label' }} options={options} style={{ maxWidth: 360 }} />
      </Form.Item>
      <p>{t('settings.phasesHint', { zone: zone ? timeZoneName(zone, lang) : '' })}</p>
      {PHASE_KINDS.map((kind) => (
        <fieldset key={kind} className="manage-row manage-fieldset" data-testid={`settings-phase-${kind}`}>
          <legend>{t(`phase.${kind}`)}</legend>
          <Form.Item name={['phases', kind, 'start']} label={t('settings.phaseStart')}>
            <WallClockPicker />
          </Form.Item>
          <Form.Item name={['phases', kind, 'end']} label={t('settings.phaseEnd')}>
            <WallClockPicker />
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
