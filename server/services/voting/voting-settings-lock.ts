import { AppError } from '@core/errors.ts';
import { lockedFieldsChanged, type VotingSettings } from '@core/voting/settings.ts';
import type { Phase } from '@core/phases.ts';
import { votingPhase } from '@core/voting/vote-window.ts';

const FIELD_NAMES = {
  rule: { vi: 'quy tắc bình chọn', en: 'the voting rule' },
  identities: { vi: 'cách xác minh người bình chọn', en: 'how voters verify' },
  residentListOnly: { vi: 'chỉ cư dân trong danh sách', en: 'residents on the list only' },
} as const;

/** Refuses a change of the fields that define a vote once voting has started (`voting.settingsLocked`). */
export function assertVotingSettingsChangeAllowed(
  before: VotingSettings,
  after: VotingSettings,
  phases: readonly Phase[],
  now: Date,
): void {
  const fields = lockedFieldsChanged(before, after, votingPhase(phases)?.startsAt ?? null, now);
  if (fields.length === 0) return;
  throw new AppError(
    'voting.settingsLocked',
    {
      fields: {
        vi: fields.map((f) => FIELD_NAMES[f].vi).join(', '),
        en: fields.map((f) => FIELD_NAMES[f].en).join(', '),
      },
    },
    { fields },
  );
}
