/**
 * What the fault suite shares: a server started as a real process (so SIGKILL means what it says), a small TCP relay
 * on loopback that can cut every connection, logging in and tus uploads over real sockets.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import * as tus from 'tus-js-client';
import { REPO_ROOT } from '../../server/web-build.ts';
import type { Session } from '../helpers/http-session.ts';

export function log(msg: string): void {
  console.log(`[faults] ${msg}`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** One server process on a database and data directory; it can be killed and started again on its port. */
export class ServerProcess {
  proc: ChildProcess | null = null;
  readonly output: string[] = [];
  starts = 0;
  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts the server and waits until it answers /api/ready. */
  async start(): Promise<void> {
    // node with tsx as a loader, not the tsx command: SIGKILL must reach the server, not a wrapper around it.
    const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(this.port), LOG_LEVEL: 'warn', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.proc = proc;
    this.starts++;
    proc.stdout!.on('data', (d: Buffer) => this.output.push(d.toString()));
    proc.stderr!.on('data', (d: Buffer) => this.output.push(d.toString()));
    await waitFor(`the server on ${this.port}`, async () => {
      if (proc.exitCode !== null) throw new Error(`the server exited: ${this.output.join('').slice(-2000)}`);
      return (await fetch(`${this.url}/api/ready`)).ok;
    });
  }

  get alive(): boolean {
    return !!this.proc && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed that was not already committed. */
  async kill(): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGTERM');
    const t = setTimeout(() => p.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(t);
  }
}

/** A TCP relay on loopback to `target`; `cut()` destroys every connection through it at once. */
export class Relay {
  private readonly sockets = new Set<net.Socket>();
  private server: net.Server | null = null;
  port = 0;
  cuts = 0;
  constructor(private readonly target: number) {}

  async start(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream);
      upstream.pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  cut(): void {
    this.cuts++;
    for (const s of this.sockets) s.destroy();
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise((r) => this.server?.close(r));
  }
}

/** Logs in over a real socket (the anonymous CSRF cookie first, as the web app does). */
export async function logIn(base: string, identifier: string, password: string): Promise<Session> {
  const s = await fetch(`${base}/api/auth/session`);
  const anon = s.headers.get('set-cookie')!.split(';')[0]!;
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: anon, 'x-csrf-token': (await s.json()).csrfToken },
    body: JSON.stringify({ identifier, password }),
  });
  if (res.status !== 200) throw new Error(`login ${res.status}: ${await res.text()}`);
  return {
    cookie: res.headers.get('set-cookie')!.split(';')[0]!,
    csrf: ((await res.json()) as { csrfToken: string }).csrfToken,
  };
}

export interface LegResult {
  url: string | null;
  finished: boolean;
  error?: string;
}

/**
 * One leg of a tus upload: from the start, or resuming `uploadUrl`. `interrupt(sent)` is called on progress and
 * returns what it did once it interrupts the leg: 'abort' (the client gives up: the leg ends when the abort is done)
 * or 'external' (a cut or a kill: the leg ends when the client sees the failure).
 */
export function tusLeg(
  base: string,
  s: Session,
  body: Buffer,
  opts: {
    entryId: number;
    filename?: string;
    uploadUrl?: string | null;
    chunkSize?: number;
    interrupt?: (sent: number) => 'abort' | 'external' | null;
  },
): Promise<LegResult> {
  return new Promise((resolve) => {
    let interrupted = false;
    const up = new tus.Upload(body, {
      endpoint: `${base}/api/uploads`,
      uploadUrl: opts.uploadUrl ?? undefined,
      chunkSize: opts.chunkSize ?? 256 * 1024,
      retryDelays: [],
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
      metadata: { entryId: String(opts.entryId), filename: opts.filename ?? 'phong-su.mp4' },
      onProgress: (sent) => {
        if (interrupted) return;
        const did = opts.interrupt?.(sent) ?? null;
        if (!did) return;
        interrupted = true;
        if (did === 'abort') void up.abort().then(() => resolve({ url: up.url, finished: false, error: 'aborted' }));
      },
      onSuccess: () => resolve({ url: up.url, finished: true }),
      onError: (err) => resolve({ url: up.url, finished: false, error: err.message }),
    });
    up.start();
  });
}
