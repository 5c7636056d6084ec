/**
 * An open-loop load generator for the benchmarks: `connections` keep-alive connections share a fixed total rate,
 * each sending its requests at an even interval, the connections staggered so that arrivals are spread over the
 * second (autocannon's own rate limit hands every connection its quota at the start of each second, a burst).
 *
 * A connection still waiting for its previous answer when the next request is due sends late, and that wait counts:
 * latency is then counted from when the request was due (no coordinated omission). Otherwise it counts from when the
 * request was sent, so that the timer's own lateness (up to a millisecond) is not charged to the server. Requests
 * without an answer within `timeoutMs`, or that fail, are lost and stay out of the percentiles.
 */
import http from 'node:http';
import { LeanConnection } from './lean-http.ts';

/** A request other than the GET of `url`: its method, path, headers and body. */
export interface OpenLoopRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface OpenLoopOptions {
  url: string;
  headers: Record<string, string>;
  /** The n-th request (all connections together) when each differs, as a vote per voter does; else the GET. */
  request?: (n: number) => OpenLoopRequest;
  /**
   * The n-th request already on the wire (bench/lean-http.ts), sent over a bare socket rather than node's HTTP client,
   * which costs the shared cores less (ADR 0063); in place of `request`.
   */
  wire?: (n: number) => Buffer;
  connections: number;
  /** Requests per second, all connections together. */
  rate: number;
  seconds: number;
  timeoutMs?: number;
}

export interface OpenLoopResult {
  p50: number;
  p99: number;
  max: number;
  /** Answered requests per second. */
  rps: number;
  lost: number;
  /** Answers other than 2xx. */
  non2xx: number;
  /** Connections that got at least one answer. */
  answered: number;
}

// Timers may fire a fraction of a millisecond early: wait again until the time has truly come.
async function sleepUntil(t: number): Promise<void> {
  while (performance.now() < t)
    await new Promise<void>((r) => setTimeout(r, Math.max(1, Math.ceil(t - performance.now()))));
}

function once(agent: http.Agent, url: URL, r: OpenLoopRequest, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(r.path, url), { agent, method: r.method, headers: r.headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(r.body || undefined);
  });
}

export async function openLoop(opts: OpenLoopOptions): Promise<OpenLoopResult> {
  const url = new URL(opts.url);
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const intervalMs = (opts.connections * 1000) / opts.rate;
  const start = performance.now() + 100;
  const end = start + opts.seconds * 1000;
  const latencies: number[] = [];
  let lost = 0;
  let non2xx = 0;
  let answered = 0;
  let sent = 0;
  const get: OpenLoopRequest = { method: 'GET', path: url.pathname + url.search, headers: opts.headers, body: '' };

  /** Sends the n-th request over a keep-alive connection; its status, or throws (lost). */
  function sender(): { send: (n: number) => Promise<number>; close: () => void } {
    if (!opts.wire) {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      return {
        send: (n) => once(agent, url, opts.request?.(n) ?? get, timeoutMs),
        close: () => agent.destroy(),
      };
    }
    const wire = opts.wire;
    let c = new LeanConnection(Number(url.port));
    return {
      send: async (n) => {
        let timer: NodeJS.Timeout | undefined;
        try {
          const answer = await Promise.race([
            c.send(wire(n)),
            new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), timeoutMs))),
          ]);
          return answer.status;
        } catch (e) {
          // The socket's state is unknown after a lost request: the next one goes over a new connection.
          c.close();
          c = new LeanConnection(Number(url.port));
          throw e;
        } finally {
          clearTimeout(timer);
        }
      },
      close: () => c.close(),
    };
  }

  async function connection(i: number): Promise<void> {
    const s = sender();
    let got = false;
    try {
      let free = performance.now();
      for (let due = start + (i * 1000) / opts.rate; due < end; due += intervalMs) {
        await sleepUntil(due);
        const from = free > due ? due : performance.now();
        try {
          const status = await s.send(sent++);
          free = performance.now();
          latencies.push(free - from);
          got = true;
          if (status < 200 || status >= 300) non2xx++;
        } catch {
          free = performance.now();
          lost++;
        }
      }
    } finally {
      s.close();
      if (got) answered++;
    }
  }

  await Promise.all(Array.from({ length: opts.connections }, (_, i) => connection(i)));
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]! : NaN;
  return {
    p50: round(at(0.5)),
    p99: round(at(0.99)),
    max: round(latencies.at(-1) ?? NaN),
    rps: latencies.length / opts.seconds,
    lost,
    non2xx,
    answered,
  };
}

const round = (x: number) => Math.round(x * 10) / 10;
