import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';

export interface Sms {
  /** A normalized Vietnamese number (core/normalize.ts). Personal data: never logged. */
  to: string;
  text: string;
}

/**
 * Sends a text message. Real gateways (Vietnamese SMS brandname providers, Zalo ZNS) implement this; which one is
 * live is chosen in server/deps.ts. Returns a reference to the message that may be logged (never the number).
 */
export interface SmsProvider {
  readonly kind: string;
  send(sms: Sms): Promise<{ ref: string }>;
  /** The account's balance at the gateway, where it has one (eSMS: in VND). */
  balance?(): Promise<number>;
}

/** The default: each message is written to DATA_DIR/sms-outbox as a file an operator can read or forward by hand. */
export function createSmsOutbox(opts: { dataDir: string; logger: Logger }): SmsProvider {
  const dir = path.join(opts.dataDir, 'sms-outbox');
  return {
    kind: 'outbox',
    async send(sms) {
      await fs.mkdir(dir, { recursive: true, mode: 0o700 });
      const ref = `${new Date().toISOString().replace(/[:.]/g, '-')}-${crypto.randomBytes(4).toString('hex')}.txt`;
      await fs.writeFile(path.join(dir, ref), `To: ${sms.to}\n\n${sms.text.normalize('NFC')}\n`, { mode: 0o600 });
      opts.logger.info(
        { file: ref, chars: [...sms.text].length },
        'SMS gateway not configured: message written to sms-outbox',
      );
      return { ref };
    },
  };
}
