/** The contest settings as the form holds them, and the conversions to and from the API's shape. */
import type { EntryForm, Prize, RubricCriterion } from '@core/contest.ts';
import { PHASE_KINDS, type PhaseKind } from '@core/phases.ts';
import { utcToZonedLocal, zonedToUtc } from '@core/time.ts';
import type { ContestUpdate, ContestView } from '../../../api/types.ts';
import type { FieldName } from '../form-errors.ts';

type SizeUnit = 'MB' | 'GB';
const UNIT_BYTES: Record<SizeUnit, number> = { MB: 1024 ** 2, GB: 1024 ** 3 };

export interface SettingsValues {
  name: string;
  theme: string;
  topics: string[];
  rulesMarkdown: string;
  timeZone: string;
  /** Wall-clock times in the contest's zone, as datetime-local inputs hold them; both empty = no such phase. */
  phases: Record<PhaseKind, { start: string; end: string }>;
  entryRules: {
    allowedForms: EntryForm[];
    minMinutes: number;
    minSeconds: number;
    maxMinutes: number;
    maxSeconds: number;
    allowedResolutions: { width: number; height: number }[];
    aspectRatio: { width: number; height: number };
    containers: ContestView['entryRules']['containers'];
    maxSize: number;
    maxSizeUnit: SizeUnit;
    uploadGraceMinutes: number;
  };
  prizes: (Omit<Prize, 'nameEn'> & { nameEn?: string })[];
  rubric: RubricCriterion[];
  maxEntriesPerPerson: number;
  unitCategories: { code: string; name: string; nameEn?: string; minEntries: number; maxEntries: number }[];
}

function sizeOf(bytes: number): { maxSize: number; maxSizeUnit: SizeUnit } {
  const gb = bytes / UNIT_BYTES.GB;
  if (gb >= 1 && Number.isInteger(gb * 100)) return { maxSize: gb, maxSizeUnit: 'GB' };
  return { maxSize: Math.round((bytes / UNIT_BYTES.MB) * 100) / 100, maxSizeUnit: 'MB' };
}

export function toSettingsValues(view: ContestView): SettingsValues {
  const r = view.entryRules;
  const phases = Object.fromEntries(PHASE_KINDS.map((k) => [k, { start: '', end: '' }])) as SettingsValues['phases'];
  for (const p of view.phases)
    phases[p.kind] = {
      start: utcToZonedLocal(p.startsAt, view.timeZone),
      end: utcToZonedLocal(p.endsAt, view.timeZone),
    };
  return {
    name: view.name,
    theme: view.theme,
    topics: [...view.topics],
    rulesMarkdown: view.rulesMarkdown,
    timeZone: view.timeZone,
    phases,
    entryRules: {
      allowedForms: [...r.allowedForms],
      minMinutes: Math.floor(r.minDurationSec / 60),
      minSeconds: r.minDurationSec % 60,
      maxMinutes: Math.floor(r.maxDurationSec / 60),
      maxSeconds: r.maxDurationSec % 60,
      allowedResolutions: r.allowedResolutions.map((x) => ({ ...x })),
      aspectRatio: { ...r.aspectRatio },
      containers: [...r.containers],
      ...sizeOf(r.maxSizeBytes),
      uploadGraceMinutes: r.uploadGraceMinutes,
    },
    prizes: view.prizes.map((p) => ({ ...p })),
    rubric: view.rubric.map((c) => ({ ...c })),
    maxEntriesPerPerson: view.maxEntriesPerPerson,
    unitCategories: view.unitCategories.map(({ code, name, nameEn, minEntries, maxEntries }) => ({
      code,
      name,
      nameEn,
      minEntries,
      maxEntries,
    })),
  };
}

/** A problem found before sending: the field it concerns and the i18n key of its message. */
interface LocalIssue {
  name: FieldName;
  key: string;
}

type Conversion = { ok: true; body: ContestUpdate; phaseKinds: PhaseKind[] } | { ok: false; issues: LocalIssue[] };

const optionalText = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);
const num = (n: number | null | undefined) => (typeof n === 'number' && Number.isFinite(n) ? n : 0);

/** The PUT body; phase times are read in the contest's zone. Half-filled phases are reported, not guessed. */
export function toContestUpdate(v: SettingsValues): Conversion {
  const issues: LocalIssue[] = [];
  const phases: ContestUpdate['phases'] = [];
  for (const kind of PHASE_KINDS) {
    const { start, end } = v.phases[kind] ?? { start: '', end: '' };
    if (!start && !end) continue;
    if (!start) {
      issues.push({ name: ['phases', kind, 'start'], key: 'settings.phases.startMissing' });
      continue;
    }
    if (!end) {
      issues.push({ name: ['phases', kind, 'end'], key: 'settings.phases.endMissing' });
      continue;
    }
    try {
      phases.push({
        kind,
        startsAt: zonedToUtc(start, v.timeZone).toISOString(),
        endsAt: zonedToUtc(end, v.timeZone).toISOString(),
      });
    } catch {
      issues.push({ name: ['timeZone'], key: 'settings.timeZoneInvalid' });
      break;
    }
  }
  if (issues.length) return { ok: false, issues };
  const r = v.entryRules;
  const body: ContestUpdate = {
    name: v.name,
    theme: v.theme,
    topics: (v.topics ?? []).map((t) => t ?? ''),
    rulesMarkdown: v.rulesMarkdown ?? '',
    timeZone: v.timeZone,
    entryRules: {
      allowedForms: r.allowedForms ?? [],
      minDurationSec: num(r.minMinutes) * 60 + num(r.minSeconds),
      maxDurationSec: num(r.maxMinutes) * 60 + num(r.maxSeconds),
      allowedResolutions: (r.allowedResolutions ?? []).map((x) => ({ width: num(x?.width), height: num(x?.height) })),
      aspectRatio: { width: num(r.aspectRatio?.width), height: num(r.aspectRatio?.height) },
      containers: r.containers ?? [],
      maxSizeBytes: Math.round(num(r.maxSize) * UNIT_BYTES[r.maxSizeUnit]),
      uploadGraceMinutes: num(r.uploadGraceMinutes),
    },
    prizes: (v.prizes ?? []).map((p) => ({
      name: p.name ?? '',
      nameEn: optionalText(p.nameEn),
      kind: p.kind,
      count: num(p.count),
      amountVnd: num(p.amountVnd),
    })),
    rubric: (v.rubric ?? []).map((c) => ({
      name: c.name ?? '',
      nameEn: optionalText(c.nameEn),
      weight: num(c.weight),
      scaleMax: num(c.scaleMax),
    })),
    maxEntriesPerPerson: num(v.maxEntriesPerPerson),
    phases,
    unitCategories: (v.unitCategories ?? []).map((c) => ({
      code: (c.code ?? '').trim(),
      name: c.name ?? '',
      nameEn: optionalText(c.nameEn),
      minEntries: num(c.minEntries),
      maxEntries: num(c.maxEntries),
    })),
  };
  return { ok: true, body, phaseKinds: phases.map((p) => p.kind) };
}

const ENTRY_RULE_FIELDS: Record<string, FieldName> = {
  allowedForms: ['entryRules', 'allowedForms'],
  minDurationSec: ['entryRules', 'minMinutes'],
  maxDurationSec: ['entryRules', 'maxMinutes'],
  containers: ['entryRules', 'containers'],
  maxSizeBytes: ['entryRules', 'maxSize'],
  uploadGraceMinutes: ['entryRules', 'uploadGraceMinutes'],
  allowedResolutions: ['entryRules', 'allowedResolutions'],
};

const LIST_FIELDS: Record<string, readonly string[]> = {
  prizes: ['name', 'nameEn', 'kind', 'count', 'amountVnd'],
  rubric: ['name', 'nameEn', 'weight', 'scaleMax'],
  unitCategories: ['code', 'name', 'nameEn', 'minEntries', 'maxEntries'],
};

/**
 * The form field a server issue concerns, or null when none shows it. `phaseKinds` are the kinds in the order
 * they were sent, since the server counts phases by their place in the body.
 */
export function fieldForIssue(path: string, phaseKinds: readonly PhaseKind[]): FieldName | null {
  const seg = path.split('.').filter(Boolean);
  const [head, a, b, c] = seg;
  const index = (s: string | undefined) => (s !== undefined && /^\d+$/.test(s) ? Number(s) : null);
  switch (head) {
    case 'name':
    case 'theme':
    case 'rulesMarkdown':
    case 'timeZone':
    case 'maxEntriesPerPerson':
      return seg.length === 1 ? [head] : null;
    case 'topics': {
      const i = index(a);
      return i === null ? null : ['topics', i];
    }
    case 'phases': {
      const i = index(a);
      const kind = i === null ? undefined : phaseKinds[i];
      if (!kind) return null;
      return ['phases', kind, b === 'endsAt' ? 'end' : 'start'];
    }
    case 'entryRules': {
      if (a === 'aspectRatio') return ['entryRules', 'aspectRatio', b === 'height' ? 'height' : 'width'];
      if (a === 'allowedResolutions' && index(b) !== null && (c === 'width' || c === 'height'))
        return ['entryRules', 'allowedResolutions', index(b)!, c];
      return (a && ENTRY_RULE_FIELDS[a]) || null;
    }
    case 'prizes':
    case 'rubric':
    case 'unitCategories': {
      if (a === undefined) return head === 'rubric' ? ['rubric'] : null;
      const i = index(a);
      return i !== null && b && LIST_FIELDS[head]!.includes(b) ? [head, i, b] : null;
    }
    default:
      return null;
  }
}

/** Sum of the rubric weights, for the running total next to the criteria. */
export function rubricTotal(rubric: readonly { weight?: number | null }[] | undefined): number {
  return Math.round((rubric ?? []).reduce((s, c) => s + num(c?.weight), 0) * 1000) / 1000;
}
