import fs from 'node:fs/promises';
import type { Deps } from '../services/context.ts';
import { checkUpload, uploadPath } from '../services/check-upload.ts';

const STALE_CHECK_MS = 10 * 60 * 1000;

/**
 * Runs the checks of finished uploads, one at a time, in the worker role. The uploads table is the queue: a finished
 * upload waits in `checking`, so a restart loses nothing, and a check whose process died is taken up again after
 * STALE_CHECK_MS. (The general job queue of the media work will take this over.)
 */
export function startUploadCheckRunner(deps: Deps, opts: { pollMs?: number } = {}) {
  let stopped = false;
  let running: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  const pollMs = opts.pollMs ?? 2000;

  async function claimNext(): Promise<string | null> {
    const now = deps.clock();
    const staleBefore = new Date(now.getTime() - STALE_CHECK_MS).toISOString();
    const candidates = await deps.db
      .selectFrom('uploads')
      .select('id')
      .where('status', '=', 'checking')
      .where((eb) => eb.or([eb('check_started_at', 'is', null), eb('check_started_at', '<', staleBefore)]))
      .orderBy('completed_at')
      .limit(5)
      .execute();
    for (const c of candidates) {
      const claimed = await deps.db
        .updateTable('uploads')
        .set({ check_started_at: now.toISOString() })
        .where('id', '=', c.id)
        .where('status', '=', 'checking')
        .where((eb) => eb.or([eb('check_started_at', 'is', null), eb('check_started_at', '<', staleBefore)]))
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 1) return c.id;
    }
    return null;
  }

  async function expireAbandoned(): Promise<void> {
    const before = new Date(deps.clock().getTime() - deps.config.uploadExpiryHours * 3600000).toISOString();
    const old = await deps.db.selectFrom('uploads').select('id').where('status', 'in', ['uploading', 'replaced', 'cancelled']).where('created_at', '<', before).execute();
    for (const u of old) {
      await fs.rm(uploadPath(deps, u.id), { force: true });
      await fs.rm(`${uploadPath(deps, u.id)}.json`, { force: true });
      await deps.db.updateTable('uploads').set({ status: 'expired' }).where('id', '=', u.id).execute();
    }
  }

  async function loop(): Promise<void> {
    let lastExpiry = 0;
    while (!stopped) {
      try {
        if (Date.now() - lastExpiry > 3600000) {
          lastExpiry = Date.now();
          await expireAbandoned();
        }
        const id = await claimNext();
        if (id) {
          const outcome = await checkUpload(deps, id);
          deps.logger.info({ uploadId: id, outcome }, 'upload checked');
          continue;
        }
      } catch (err) {
        deps.logger.error({ err }, 'upload check failed');
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  }

  running = loop();
  return {
    /** Start at once instead of at the next poll (the web role calls this when an upload finishes). */
    nudge() {
      wake?.();
    },
    async stop() {
      stopped = true;
      wake?.();
      await running;
    },
  };
}
