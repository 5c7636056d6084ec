/**
 * The thread's side of request-thread.ts: answers each request with its handler's value or error, and on `close`
 * runs `close` (its connection) and ends the port.
 */
import { parentPort } from 'node:worker_threads';
import { AppError } from '@core/errors.ts';
import type { ThreadFailure } from './request-thread.ts';

export function serveRequests<Req, Res>(handle: (req: Req) => Promise<Res>, close: () => Promise<void>): void {
  const port = parentPort!;
  port.on('message', (m: { id: number; req: Req } | { close: true }) => {
    if ('close' in m) {
      void close().then(() => port.close());
      return;
    }
    handle(m.req).then(
      (value) => port.postMessage({ id: m.id, value }),
      (e: unknown) => {
        const error: ThreadFailure =
          e instanceof AppError
            ? { code: e.code, params: e.params, details: e.details }
            : { message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined };
        port.postMessage({ id: m.id, error });
      },
    );
  });
}
