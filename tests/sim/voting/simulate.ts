/** Builds a scenario and plays it against the rules with the default settings of a contest. */
import type { Phase } from '@core/phases.ts';
import { resolveVotingSettings, type VotingSettingsInput } from '@core/voting/settings.ts';
import { seeded } from './random.ts';
import { summarize, type SimSummary } from './report.ts';
import { RuleLevelRunner } from './runner.ts';
import { buildScenario, type ScenarioOptions, TIME_ZONE } from './scenarios.ts';

/**
 * `settings` default to the contest defaults, except that the daily SMS budget (5,000, a district's) grows with the
 * scale: a larger population is a larger district.
 */
export function simulate(o: ScenarioOptions, settings?: VotingSettingsInput): SimSummary & { sessions: number } {
  const scenario = buildScenario(o);
  settings ??= { sendLimits: { smsPerDay: Math.round(5000 * o.scale) } };
  const phases: Phase[] = [
    {
      kind: 'public_voting',
      startsAt: new Date(scenario.startsAt).toISOString(),
      endsAt: new Date(scenario.endsAt).toISOString(),
    },
  ];
  const runner = new RuleLevelRunner(resolveVotingSettings(settings), TIME_ZONE, phases, 'sim', seeded(o.seed + 1));
  return { ...summarize(runner.run(scenario.sessions)), sessions: scenario.sessions.length };
}
