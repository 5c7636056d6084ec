import type { TFunction } from 'i18next';
import type { EntryRules } from '@core/contest.ts';
import { formatBytes, formatDurationRange, type VideoRule } from '@core/video-policy.ts';

/** A check's human name, with the contest's own figures where the rule has one ("Tỉ lệ khung hình 16:9"). */
export function ruleName(t: TFunction, rule: string, rules?: EntryRules): string {
  const formats = rules ? rules.containers.map((c) => c.toUpperCase()).join(', ') : 'MP4';
  const ratio = rules ? `${rules.aspectRatio.width}:${rules.aspectRatio.height}` : '16:9';
  return t(`videoRule.${rule as VideoRule}`, { formats, ratio, defaultValue: rule });
}

/**
 * One line for the top of the file section: "MP4 · từ 5 đến 10 phút · 1280×720 hoặc 1920×1080 (16:9) · tối đa 4 GB".
 */
export function rulesSummary(t: TFunction, rules: EntryRules, lang: 'vi' | 'en'): string {
  return t('entry.file.rulesSummary', {
    formats: rules.containers.map((c) => c.toUpperCase()).join(', '),
    duration: formatDurationRange(rules.minDurationSec, rules.maxDurationSec, lang),
    sizes: rules.allowedResolutions.map((r) => `${r.width}×${r.height}`).join(t('home.tech.or')),
    ratio: `${rules.aspectRatio.width}:${rules.aspectRatio.height}`,
    max: formatBytes(rules.maxSizeBytes, lang),
  });
}
