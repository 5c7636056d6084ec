/**
 * HTTP/1.1 load generation that costs the machine as little as it can, for the benchmarks whose load generator shares
 * the two cores with the server it measures (ADR 0063). Each request is written out in full before the clock starts
 * and sent over one keep-alive socket per connection; an answer is read only as far as its status line and
 * `content-length`.
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

const HEAD_END = Buffer.from('\r\n\r\n');
const LENGTH = /\r\ncontent-length: *(\d+)/i;

/** An answer: its status and body. */
export interface LeanAnswer {
  status: number;
  body: Buffer;
}

/** One keep-alive connection to 127.0.0.1:`port`, one request at a time. */
export class LeanConnection {
  private readonly socket: net.Socket;
  private readonly ready: Promise<void>;
  private pending: Buffer = Buffer.alloc(0);
  private waiting: { resolve: (a: LeanAnswer) => void; reject: (e: Error) => void } | null = null;
  private failed: Error | null = null;

  constructor(port: number) {
    this.socket = net.connect({ port, host: '127.0.0.1', noDelay: true });
    this.ready = new Promise((resolve, reject) => {
      this.socket.once('connect', resolve);
      this.socket.once('error', reject);
    });
    // A connection made and never used (the open loop's replacement of a lost one) may fail unheard.
    this.ready.catch(() => {});
    this.socket.on('error', (e) => this.fail(e));
    this.socket.on('close', () => this.fail(new Error('the server closed a connection')));
    this.socket.on('data', (chunk: Buffer) => this.read(chunk));
  }

  async send(request: Buffer): Promise<LeanAnswer> {
    await this.ready;
    if (this.failed) throw this.failed;
    if (this.waiting) throw new Error('one request at a time');
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(request);
    });
  }

  close(): void {
    this.failed ??= new Error('closed');
    this.socket.destroy();
  }

  private fail(e: Error): void {
    this.failed ??= e;
    const w = this.waiting;
    this.waiting = null;
    w?.reject(e);
  }

  private read(chunk: Buffer): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const headEnd = this.pending.indexOf(HEAD_END);
    if (headEnd < 0) return;
    const head = this.pending.toString('latin1', 0, headEnd);
    const length = LENGTH.exec(head);
    if (!length) return this.fail(new Error(`an answer without content-length: ${head.slice(0, 200)}`));
    const end = headEnd + 4 + Number(length[1]);
    if (this.pending.length < end) return;
    if (this.pending.length > end) return this.fail(new Error('more bytes than one answer: not expected'));
    const answer = { status: Number(head.slice(9, 12)), body: this.pending.subarray(headEnd + 4) };
    this.pending = Buffer.alloc(0);
    const w = this.waiting;
    this.waiting = null;
    w?.resolve(answer);
  }
}

export interface ClosedLoopResult {
  answered: number;
  non2xx: number;
  p50: number;
  p99: number;
  /** performance.now() of the last answer. */
  lastAnswer: number;
}

/**
 * Sends `requests` (each once, in order, shared by the connections) over `connections` sockets to `port`, each
 * request when its connection's previous one is answered.
 */
export async function closedLoop(opts: {
  port: number;
  connections: number;
  requests: Buffer[];
  /** Sees each answer other than 2xx. */
  onRefused?: (a: LeanAnswer) => void;
}): Promise<ClosedLoopResult> {
  const latencies: number[] = [];
  let next = 0;
  let non2xx = 0;
  let lastAnswer = performance.now();

  async function connection(): Promise<void> {
    const c = new LeanConnection(opts.port);
    try {
      while (next < opts.requests.length) {
        const request = opts.requests[next++]!;
        const sentAt = performance.now();
        const answer = await c.send(request);
        lastAnswer = performance.now();
        latencies.push(lastAnswer - sentAt);
        if (answer.status < 200 || answer.status >= 300) {
          non2xx++;
          opts.onRefused?.(answer);
        }
      }
    } finally {
      c.close();
    }
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
