import { describe, expect, it } from 'vitest';
import { judgingSettingsSchema } from './settings.ts';

describe('judgingSettingsSchema', () => {
  it('gives a contest stored before judging existed the defaults', () => {
    expect(judgingSettingsSchema.parse({})).toEqual({
      blind: false,
      othersScores: 'after_own_submission',
      everyoneUpTo: 60,
    });
  });

  it('refuses an unknown visibility rule', () => {
    expect(judgingSettingsSchema.safeParse({ othersScores: 'always' }).success).toBe(false);
  });
});
