import { CURRENT_CONSENT_VERSION } from '@core/privacy.ts';
import { isStrongEnough, type RegisterInput } from '@core/account.ts';
import { AppError } from '@core/errors.ts';
import { normalizeEmail, normalizePhone, nfc } from '@core/normalize.ts';
import { hashPassword } from '../../security/passwords.ts';
import type { Deps } from '../../context.ts';
import { CODE_TTL_MINUTES, codeExpiry, codeHash, newCode, sendToAddress } from './address-codes.ts';

/**
 * The first step of registering: a code goes to the e-mail (or, without one, the phone). The account is created
 * only when the code comes back (confirm-registration.ts). If the address already has an account, its owner is told
 * instead, and the caller gets the same answer: the form cannot be used to find out who is registered.
 */
export async function beginRegistration(deps: Deps, input: RegisterInput): Promise<void> {
  const email = input.email ? normalizeEmail(input.email) : null;
  let phone: string | null = null;
  if (input.phone) {
    phone = normalizePhone(input.phone);
    if (!phone) throw new AppError('account.phoneInvalid');
  }
  if (!email && !phone) throw new AppError('account.identifierRequired');
  if (!isStrongEnough(input.password)) throw new AppError('account.passwordWeak');
  const target = (email ?? phone)!;
  // Hashed on both paths, so that the time taken does not tell them apart.
  const passwordHash = await hashPassword(input.password);
  const owner = await deps.db
    .selectFrom('users')
    .select(['locale'])
    .where(email ? 'email' : 'phone', '=', target)
    .executeTakeFirst();
  if (owner) {
    const vi = owner.locale !== 'en';
    const forgot = `${deps.config.publicUrl}/forgot-password`;
    sendToAddress(deps, target, {
      subject: vi ? 'Yêu cầu đăng ký bằng địa chỉ của bạn' : 'A registration with your address',
      text: vi
        ? 'Có người vừa yêu cầu đăng ký tài khoản mới bằng địa chỉ này, nhưng địa chỉ này đã có tài khoản.\n\n' +
          `Nếu đó là bạn, hãy đăng nhập, hoặc đặt lại mật khẩu tại:\n${forgot}\n\n` +
          'Nếu không phải bạn, hãy bỏ qua thư này; tài khoản của bạn không thay đổi.'
        : 'Someone just asked to register a new account with this address, but it already has an account.\n\n' +
          `If that was you, log in, or reset your password at:\n${forgot}\n\n` +
          'If it was not you, ignore this message; your account has not changed.',
      sms: vi
        ? `Số này đã có tài khoản. Hãy đăng nhập hoặc đặt lại mật khẩu tại ${forgot}`
        : `This number already has an account. Log in or reset your password at ${forgot}`,
    });
    return;
  }
  const code = newCode();
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    // One pending registration per address: a new request replaces the older one and its code.
    await trx.deleteFrom('address_codes').where('purpose', '=', 'register').where('target', '=', target).execute();
    await trx
      .insertInto('address_codes')
      .values({
        purpose: 'register',
        target,
        user_id: null,
        full_name: nfc(input.fullName),
        phone: email ? phone : null,
        password_hash: passwordHash,
        locale: input.locale,
        consent_version: input.consent ? CURRENT_CONSENT_VERSION.account : null,
        code_hash: codeHash('register', target, code),
        expires_at: codeExpiry(now),
        created_at: now.toISOString(),
      })
      .execute();
  });
  const vi = input.locale !== 'en';
  sendToAddress(deps, target, {
    subject: vi ? `Mã xác nhận đăng ký: ${code}` : `Your registration code: ${code}`,
    text: vi
      ? `Xin chào ${nfc(input.fullName)},\n\nMã xác nhận đăng ký tài khoản của bạn là: ${code}\n` +
        `Mã có hiệu lực trong ${CODE_TTL_MINUTES} phút.\n\nNếu bạn không đăng ký, hãy bỏ qua thư này.`
      : `Hello ${nfc(input.fullName)},\n\nYour registration code is: ${code}\n` +
        `It is valid for ${CODE_TTL_MINUTES} minutes.\n\nIf you did not register, ignore this message.`,
    sms: vi
      ? `Mã xác nhận đăng ký: ${code} (hiệu lực ${CODE_TTL_MINUTES} phút).`
      : `Your registration code: ${code} (valid ${CODE_TTL_MINUTES} minutes).`,
  });
}
