import fs from 'node:fs';
import path from 'node:path';

/** The registration code mailed to `email` by a server without SMTP (it writes DATA_DIR/outbox); waits for it. */
export async function codeInOutbox(dataDir: string, email: string): Promise<string> {
  const outbox = path.join(dataDir, 'outbox');
  for (let i = 0; i < 200; i++) {
    const files = fs.existsSync(outbox) ? fs.readdirSync(outbox).sort() : [];
    for (const f of files.reverse()) {
      const text = fs.readFileSync(path.join(outbox, f), 'utf8');
      const code = text.startsWith(`To: ${email}\n`) ? /: (\d{6})\b/.exec(text)?.[1] : undefined;
      if (code) return code;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no code mailed to ${email}`);
}
