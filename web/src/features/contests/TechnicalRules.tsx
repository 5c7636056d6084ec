import { useTranslation } from 'react-i18next';
import type { ContestView } from '../../api/types.ts';
import { formatBytes, formatMinutes } from '../../lib/format.ts';

const RESOLUTION_NAMES: Record<string, string> = { '1280x720': 'HD', '1920x1080': 'Full HD', '3840x2160': '4K UHD' };

/** The video requirements (R5–R7) as the organizers set them. */
export function TechnicalRules({ rules }: { rules: ContestView['entryRules'] }) {
  const { t } = useTranslation();
  const resolutions = rules.allowedResolutions.map((r) => {
    const name = RESOLUTION_NAMES[`${r.width}x${r.height}`];
    return `${r.width} × ${r.height}${name ? ` (${name})` : ''}`;
  });
  return (
    <dl className="facts" data-testid="technical-rules">
      <dt>{t('home.tech.forms')}</dt>
      <dd>{rules.allowedForms.map((f) => t(`entryForm.${f}`)).join(', ')}</dd>
      <dt>{t('home.tech.duration')}</dt>
      <dd>
        {t('home.tech.durationValue', {
          min: formatMinutes(rules.minDurationSec),
          max: formatMinutes(rules.maxDurationSec),
        })}
      </dd>
      <dt>{t('home.tech.resolution')}</dt>
      <dd>{resolutions.join(t('home.tech.or'))}</dd>
      <dt>{t('home.tech.aspect')}</dt>
      <dd>{`${rules.aspectRatio.width}:${rules.aspectRatio.height}`}</dd>
      <dt>{t('home.tech.container')}</dt>
      <dd>{rules.containers.map((c) => `.${c}`).join(', ')}</dd>
      <dt>{t('home.tech.maxSize')}</dt>
      <dd>{formatBytes(rules.maxSizeBytes)}</dd>
    </dl>
  );
}
