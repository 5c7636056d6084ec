import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/** SMTP when configured; otherwise each mail is written to DATA_DIR/outbox so that an operator can still read it. */
export function createMailer(opts: {
  smtp: { url: string; from: string } | null;
  dataDir: string;
  logger: Logger;
}): Mailer {
  if (opts.smtp) {
    const transport = nodemailer.createTransport(opts.smtp.url);
    const from = opts.smtp.from;
    return {
      async send(mail) {
        await transport.sendMail({
          from,
          to: mail.to,
          subject: mail.subject.normalize('NFC'),
          text: mail.text.normalize('NFC'),
        });
        opts.logger.info({ subject: mail.subject }, 'mail sent');
      },
    };
  }
  const outbox = path.join(opts.dataDir, 'outbox');
  return {
    async send(mail) {
      await fs.mkdir(outbox, { recursive: true });
      const file = path.join(
        outbox,
        `${new Date().toISOString().replace(/[:.]/g, '-')}-${Math.random().toString(36).slice(2, 8)}.eml`,
      );
      const head = `To: ${mail.to}\nSubject: ${mail.subject}\nContent-Type: text/plain; charset=utf-8\n`;
      const body = `${head}\n${mail.text}\n`;
      await fs.writeFile(file, body.normalize('NFC'), { mode: 0o600 });
      // The address is personal data: the log names the file, not the recipient.
      opts.logger.info(
        { subject: mail.subject, file: path.basename(file) },
        'SMTP not configured: mail written to outbox',
      );
    },
  };
}
