/**
 * `npm run test:faults`: the fault suite at full size (docs/decisions/0039), on SQLite, or on PostgreSQL with
 * TEST_DATABASE_URL. A CI-sized part runs in `npm test` (tests/integration/faults.test.ts).
 *
 *   npm run test:faults -- [--only F1,F3] [--scale 1]
 *
 * F1 uploads interrupted at random (client abort, SIGKILL of the server, connection cut by a relay) → all byte-exact
 * after resume; F2 SIGKILL under vote and submission load → no acknowledged vote or entry lost; F3 hostile and fuzzed
 * files → no crash, a verdict for each; F4 races → exact quotas and exactly one vote counted.
 * Exit code 0 when every fault run holds, 1 otherwise.
 */
import { openBed, RACE_SERVERS } from './bed.ts';
import { runF1 } from './f1-uploads.ts';
import { runF2 } from './f2-kill-under-load.ts';
import { runF3 } from './f3-hostile-files.ts';
import { runF4 } from './f4-races.ts';
import { log } from './harness.ts';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const only = new Set((option('only') ?? 'F1,F2,F3,F4').toUpperCase().split(','));
const scale = Number(option('scale') ?? '1');

const results: string[] = [];
async function fault(name: string, run: () => Promise<unknown>): Promise<void> {
  if (!only.has(name)) return;
  const started = performance.now();
  try {
    const r = await run();
    results.push(`ok    ${name} ${JSON.stringify(r)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (err) {
    results.push(`FAIL  ${name}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
}

log(`on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'}, scale ${scale}`);
await fault('F1', async () => {
  const bed = await openBed();
  try {
    return await runF1(bed, { uploads: Math.round(12 * scale), size: 8 * 1024 * 1024 });
  } finally {
    await bed.close();
  }
});
await fault('F2', async () => {
  const bed = await openBed();
  try {
    return await runF2(bed, { kills: Math.max(1, Math.round(3 * scale)), voters: 12, entries: 6, clients: 6 });
  } finally {
    await bed.close();
  }
});
await fault('F3', async () => {
  const bed = await openBed({ roles: 'web,worker' });
  try {
    return await runF3(bed, { fuzzed: Math.round(8 * scale) });
  } finally {
    await bed.close();
  }
});
await fault('F4', async () => {
  const bed = await openBed({ servers: RACE_SERVERS });
  try {
    return await runF4(bed, { submissions: Math.round(40 * scale), votes: Math.round(20 * scale) });
  } finally {
    await bed.close();
  }
});
console.log(`\n${results.join('\n')}`);
process.exit(results.length > 0 && results.every((r) => r.startsWith('ok')) ? 0 : 1);
