/**
 * A closed-loop HTTP/1.1 load generator that costs the machine as little as it can, for the benchmarks whose load
 * generator shares the two cores with the server it measures (ADR 0063). Each request is written out in full before
 * the clock starts; each connection sends its next request as soon as the last one is answered, over one keep-alive
 * socket; an answer is read only as far as its status line and `content-length`.
 *
 * autocannon (`--generator autocannon` in bench/votes.ts) builds and parses each request and answer in full; on the
 * vote bench it took a third of a core, which the server then did not have.
 */
import net from 'node:net';
import type { OpenLoopRequest } from './open-loop.ts';

/** The request as it goes on the wire, `host` and `content-length` added. */
export function wireRequest(host: string, r: OpenLoopRequest): Buffer {
  const body = Buffer.from(r.body);
  const head = [`${r.method} ${r.path} HTTP/1.1`, `host: ${host}`];
  for (const [k, v] of Object.entries(r.headers)) head.push(`${k}: ${v}`);
  if (r.method !== 'GET' || body.length) head.push(`content-length: ${body.length}`);
  return Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}

export interface ClosedLoopResult {
  answered: number;
  non2xx: number;
  p50: number;
  p99: number;
  /** performance.now() of the last answer. */
  lastAnswer: number;
}

const HEAD_END = Buffer.from('\r\n\r\n');
const LENGTH = /\r\ncontent-length: *(\d+)/i;

/**
 * Sends `requests` (each once, in order, shared by the connections) over `connections` sockets to `port`, each
 * request when its connection's previous one is answered.
 */
export async function closedLoop(opts: {
  port: number;
  connections: number;
  requests: Buffer[];
  /** Sees each answer other than 2xx: its status and body. */
  onRefused?: (status: number, body: Buffer) => void;
}): Promise<ClosedLoopResult> {
  const latencies: number[] = [];
  let next = 0;
  let non2xx = 0;
  let lastAnswer = performance.now();

  function connection(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port: opts.port, host: '127.0.0.1', noDelay: true });
      let pending: Buffer = Buffer.alloc(0);
      let sentAt = 0;
      const send = () => {
        if (next >= opts.requests.length) return void socket.end(resolve);
        sentAt = performance.now();
        socket.write(opts.requests[next++]!);
      };
      socket.once('connect', send);
      socket.on('error', reject);
      socket.on('close', () => reject(new Error('the server closed a connection mid-run')));
      socket.on('data', (chunk: Buffer) => {
        pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
        const headEnd = pending.indexOf(HEAD_END);
        if (headEnd < 0) return;
        const head = pending.toString('latin1', 0, headEnd);
        const length = LENGTH.exec(head);
        if (!length) return reject(new Error(`an answer without content-length: ${head.slice(0, 200)}`));
        const end = headEnd + 4 + Number(length[1]);
        if (pending.length < end) return;
        if (pending.length > end) return reject(new Error('more bytes than one answer: pipelining is not expected'));
        lastAnswer = performance.now();
        latencies.push(lastAnswer - sentAt);
        const status = Number(head.slice(9, 12));
        if (status < 200 || status >= 300) {
          non2xx++;
          opts.onRefused?.(status, pending.subarray(headEnd + 4));
        }
        pending = Buffer.alloc(0);
        send();
      });
    });
  }

  await Promise.all(Array.from({ length: Math.min(opts.connections, opts.requests.length) }, connection));
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return {
    answered: latencies.length,
    non2xx,
    p50: Math.round(at(0.5)),
    p99: Math.round(at(0.99)),
    lastAnswer,
  };
}
