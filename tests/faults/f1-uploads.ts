/**
 * F1: uploads interrupted at random, by the client aborting, by the server killed with SIGKILL (and started again)
 * and by a relay on loopback cutting the connection, each at a random point and up to twice per upload. Every upload
 * must then finish byte-exact when resumed from the offset the server reports.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { pseudoRandomBytes } from '../helpers/videos.ts';
import { newDraftOverHttp, sha256, storedUpload, type Bed } from './bed.ts';
import { log, Relay, tusLeg } from './harness.ts';

export type Interruption = 'client-abort' | 'server-kill' | 'connection-cut';
export const INTERRUPTIONS: Interruption[] = ['client-abort', 'server-kill', 'connection-cut'];

export interface F1Result {
  uploads: number;
  interruptions: Record<Interruption, number>;
  byteExact: number;
}

export async function runF1(
  bed: Bed,
  opts: { uploads: number; size: number; seed?: number; secondInterruptions?: boolean },
): Promise<F1Result> {
  const server = bed.servers[0]!;
  const relay = new Relay(server.port);
  await relay.start();
  const counts: Record<Interruption, number> = { 'client-abort': 0, 'server-kill': 0, 'connection-cut': 0 };
  let byteExact = 0;
  try {
    for (let i = 0; i < opts.uploads; i++) {
      const body = pseudoRandomBytes(opts.size, (opts.seed ?? 1) * 7919 + i + 1);
      const entryId = await newDraftOverHttp(server.url, bed.t.demoSlug, bed.entrant, `Tải gián đoạn ${i}`);
      // Each upload goes through the relay (so a cut reaches it) and meets one interruption of each kind in turn,
      // then half the time a second one of any kind; each at a random point.
      const plan = [INTERRUPTIONS[i % 3]!];
      if ((opts.secondInterruptions ?? true) && crypto.randomInt(2)) plan.push(INTERRUPTIONS[crypto.randomInt(3)]!);
      let url: string | null = null;
      let legs = 0;
      while (true) {
        const kind = plan[legs];
        const at = Math.floor(opts.size * (0.1 + 0.8 * Math.random()));
        let killed: Promise<void> | null = null;
        const leg = await tusLeg(relay.url, bed.entrant, body, {
          entryId,
          uploadUrl: url,
          interrupt: kind
            ? (sent) => {
                if (sent < at) return null;
                if (kind === 'client-abort') return 'abort';
                if (kind === 'connection-cut') relay.cut();
                else killed = server.kill();
                return 'external';
              }
            : undefined,
        });
        await killed;
        legs++;
        url = leg.url ?? url;
        if (kind) counts[kind]++;
        if (kind === 'server-kill') await server.start();
        if (leg.finished) break;
        assert.ok(url, `upload ${i}: interrupted before the server gave it an address`);
        assert.ok(legs <= plan.length + 2, `upload ${i}: not finished after ${legs} legs (${leg.error})`);
      }
      const stored = storedUpload(bed.t, url!);
      assert.equal(stored.length, body.length, `upload ${i}: ${stored.length} bytes stored of ${body.length}`);
      assert.equal(sha256(stored), sha256(body), `upload ${i}: stored bytes differ`);
      byteExact++;
      log(`F1 upload ${i + 1}/${opts.uploads}: ${plan.join(', ')} → byte-exact after ${legs} legs`);
    }
  } finally {
    await relay.stop();
  }
  return { uploads: opts.uploads, interruptions: counts, byteExact };
}
