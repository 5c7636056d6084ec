import { AppError } from '@core/errors.ts';
import { normalizeEmail, normalizePhone } from '@core/normalize.ts';
import { requireLogin } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { CODE_TTL_MINUTES, codeExpiry, codeHash, newCode, sendToAddress } from './address-codes.ts';
import { checkCurrentPassword } from './check-current-password.ts';

/**
 * Asks to change the caller's e-mail or phone: after the current password, a code goes to the new address and the
 * change is made when it comes back (confirm-contact-change.ts). An address that another account has gets no code,
 * with the same answer, so that this cannot be used to find out who is registered.
 */
export async function requestContactChange(
  deps: Deps,
  actor: Actor,
  input: { kind: 'email' | 'phone'; value: string; currentPassword: string },
): Promise<void> {
  requireLogin(actor);
  let target: string;
  if (input.kind === 'email') target = normalizeEmail(input.value);
  else {
    const phone = normalizePhone(input.value);
    if (!phone) throw new AppError('account.phoneInvalid');
    target = phone;
  }
  await checkCurrentPassword(deps, actor.userId, input.currentPassword);
  const purpose = input.kind === 'email' ? 'change-email' : 'change-phone';
  const [me, other] = await Promise.all([
    deps.db.selectFrom('users').select(['locale']).where('id', '=', actor.userId).executeTakeFirstOrThrow(),
    deps.db.selectFrom('users').select('id').where(input.kind, '=', target).executeTakeFirst(),
  ]);
  if (other) return;
  const code = newCode();
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('address_codes').where('purpose', '=', purpose).where('user_id', '=', actor.userId).execute();
    await trx
      .insertInto('address_codes')
      .values({
        purpose,
        target,
        user_id: actor.userId,
        code_hash: codeHash(purpose, target, code),
        expires_at: codeExpiry(now),
        created_at: now.toISOString(),
      })
      .execute();
  });
  const vi = me.locale !== 'en';
  sendToAddress(deps, target, {
    subject: vi ? `Mã xác nhận địa chỉ mới: ${code}` : `Your confirmation code: ${code}`,
    text: vi
      ? `Mã xác nhận để dùng địa chỉ này cho tài khoản của bạn là: ${code}\n` +
        `Mã có hiệu lực trong ${CODE_TTL_MINUTES} phút.\n\nNếu bạn không yêu cầu, hãy bỏ qua thư này.`
      : `The code to use this address for your account is: ${code}\n` +
        `It is valid for ${CODE_TTL_MINUTES} minutes.\n\nIf you did not ask for this, ignore this message.`,
    sms: vi
      ? `Mã xác nhận số điện thoại mới: ${code} (hiệu lực ${CODE_TTL_MINUTES} phút).`
      : `Your confirmation code: ${code} (valid ${CODE_TTL_MINUTES} minutes).`,
  });
}
