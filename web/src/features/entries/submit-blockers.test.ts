import { describe, expect, it } from 'vitest';
import { submitBlockers } from './submit-blockers.ts';

const ready = { status: 'draft', missing: [], acceptedUploadId: 'u1', upload: { status: 'accepted' } };
const open = { ok: true, inGrace: false } as const;

describe('what keeps a draft from being sent', () => {
  it('lets a complete draft with an accepted file be sent while the window is open', () => {
    expect(submitBlockers(ready, open, false)).toEqual([]);
    expect(submitBlockers({ ...ready, status: 'submitted', missing: [{}] }, open, false)).toEqual([]);
  });

  it('names the missing fields, the missing file and the closed window, in that order', () => {
    const entry = { ...ready, missing: [{}, {}], upload: { status: 'checking' } };
    expect(submitBlockers(entry, { ok: false, reason: 'closed' }, false)).toEqual([
      { key: 'blockMissing', count: 2 },
      { key: 'blockFile' },
      { key: 'blockClosed' },
    ]);
    expect(submitBlockers({ ...ready, acceptedUploadId: null }, { ok: false, reason: 'notOpenYet' }, false)).toEqual([
      { key: 'blockFile' },
      { key: 'blockNotOpen' },
    ]);
    expect(submitBlockers(ready, { ok: false, reason: 'unscheduled' }, false)).toEqual([{ key: 'blockUnscheduled' }]);
  });

  it('lets a returned entry be sent again within its fix window after submissions closed', () => {
    expect(submitBlockers(ready, { ok: false, reason: 'closed' }, true)).toEqual([]);
  });
});
