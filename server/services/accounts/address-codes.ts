import crypto from 'node:crypto';
import type { AddressCodePurpose } from '@core/login-throttle.ts';
import { AppError } from '@core/errors.ts';
import { sha256Hex } from '../../security/tokens.ts';
import type { Deps } from '../../context.ts';
import { changedRows } from '../../db/dialect.ts';

export const CODE_TTL_MINUTES = 30;
/** Wrong codes before the code is thrown away and a new one must be asked for. */
export const CODE_MAX_ATTEMPTS = 5;

export function newCode(): string {
  return String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
}

export function codeHash(purpose: AddressCodePurpose, target: string, code: string): string {
  return sha256Hex(`${purpose}:${target}:${code.trim()}`);
}

export function codeExpiry(now: Date): string {
  return new Date(now.getTime() + CODE_TTL_MINUTES * 60000).toISOString();
}

/**
 * The live code row for a purpose and a target (or a user), checked against `code`: a wrong code counts an attempt
 * and the row goes after the last one allowed. Unknown, expired and wrong codes all answer `account.codeInvalid`.
 */
export async function takeCode(
  deps: Deps,
  where: { purpose: AddressCodePurpose; target?: string; userId?: number },
  code: string,
) {
  const now = deps.clock().toISOString();
  let q = deps.db
    .selectFrom('address_codes')
    .selectAll()
    .where('purpose', '=', where.purpose)
    .where('expires_at', '>', now);
  if (where.target !== undefined) q = q.where('target', '=', where.target);
  if (where.userId !== undefined) q = q.where('user_id', '=', where.userId);
  const row = await q.orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!row) throw new AppError('account.codeInvalid');
  if (codeHash(row.purpose, row.target, code) !== row.code_hash) {
    const updated = await deps.db
      .updateTable('address_codes')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', row.id)
      .returning('attempts')
      .executeTakeFirst();
    if (updated && updated.attempts >= CODE_MAX_ATTEMPTS)
      await deps.db.deleteFrom('address_codes').where('id', '=', row.id).execute();
    throw new AppError('account.codeInvalid');
  }
  // Deleted before use, so that two parallel confirmations cannot both succeed.
  const gone = await deps.db.deleteFrom('address_codes').where('id', '=', row.id).executeTakeFirst();
  if (changedRows(gone) !== 1) throw new AppError('account.codeInvalid');
  return row;
}

/** Sends a text to an e-mail or a phone without making the caller wait or fail (answers must not differ). */
export function sendToAddress(deps: Deps, target: string, msg: { subject: string; text: string; sms: string }): void {
  const sent = target.includes('@')
    ? deps.mailer.send({ to: target, subject: msg.subject, text: msg.text })
    : deps.sms.send({ to: target, text: msg.sms }).then(() => undefined);
  sent.catch((err: { code?: string }) =>
    deps.logger.warn({ code: err?.code ?? 'unknown', subject: msg.subject }, 'address code not sent'),
  );
}
