/**
 * Loaded with `--import` into the server process that bench/responsiveness.ts starts (the unchanged server/main.ts):
 * watches the event loop's delay and the process's CPU time, and answers the bench over the IPC channel. It observes
 * only (one timer per 10 ms); without an IPC channel it does nothing.
 *
 * Messages: `{ op: 'reset' }` starts a window; `{ op: 'read' }` answers
 * `{ op: 'read', elP50Ms, elP99Ms, elMaxMs, cpuMs, wallMs }` for the window since the last reset, the delays being
 * how late the 10 ms timer fired (0 on an idle loop).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

if (process.send) {
  const RESOLUTION_MS = 10;
  const h = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  // The histogram holds the timer's whole period: what counts is the excess.
  const late = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
  h.enable();
  let cpu0 = process.cpuUsage();
  let t0 = performance.now();
  process.on('message', (m: { op?: string }) => {
    if (m?.op === 'reset') {
      h.reset();
      cpu0 = process.cpuUsage();
      t0 = performance.now();
      process.send!({ op: 'reset' });
    } else if (m?.op === 'read') {
      const cpu = process.cpuUsage(cpu0);
      process.send!({
        op: 'read',
        elP50Ms: late(h.percentile(50)),
        elP99Ms: late(h.percentile(99)),
        elMaxMs: late(h.max),
        cpuMs: (cpu.user + cpu.system) / 1000,
        wallMs: performance.now() - t0,
      });
    }
  });
  // The channel must not keep the server alive on its own.
  process.channel?.unref();
}
