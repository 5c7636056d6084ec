import type { VotingSettings } from '@core/voting/settings.ts';
import { LOCKED_ONCE_VOTING_STARTS } from '@core/voting/settings.ts';
import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { loadVotingContest } from './voting-contest.ts';

export interface VotingSettingsView {
  settings: VotingSettings;
  /** Whether the stored settings are the defaults (none saved yet). */
  isDefault: boolean;
  window: { startsAt: string; endsAt: string } | null;
  /** The fields that can no longer change, once voting has started. */
  lockedFields: string[];
}

/** The voting settings in force, for the contest's staff (`votes.view`). */
export async function getVotingSettings(deps: Deps, actor: Actor, slug: string): Promise<VotingSettingsView> {
  const v = await loadVotingContest(deps.db, { slug });
  await authorize(deps, actor, v.contest.id, 'votes.view', { auditDenied: false });
  const started = v.window !== null && deps.clock().getTime() >= Date.parse(v.window.startsAt);
  return {
    settings: v.settings,
    isDefault: v.contest.settings.voting === undefined,
    window: v.window && { startsAt: v.window.startsAt, endsAt: v.window.endsAt },
    lockedFields: started ? [...LOCKED_ONCE_VOTING_STARTS] : [],
  };
}
