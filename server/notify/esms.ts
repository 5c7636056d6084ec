import crypto from 'node:crypto';
import type { Logger } from 'pino';
import type { SmsProvider } from './sms.ts';

/**
 * eSMS.vn's brandname SMS API (developers.esms.vn): one JSON POST per message, answered with a `CodeResult` where
 * "100" means accepted by the gateway (delivery is reported later, by callback, which we do not use). Keys and the
 * brandname come from the environment (server/config.ts). A phone number is personal data: it goes to the gateway
 * and nowhere else, never into a log or an error message.
 */
export interface EsmsOptions {
  url: string;
  apiKey: string;
  secretKey: string;
  brandname: string | null;
  smsType: '2' | '8';
  sandbox: boolean;
  logger: Logger;
  timeoutMs?: number;
}

/** What went wrong, as a code an operator can look up (`esms_103`, `esms_http_502`, `esms_network`…). */
export class SmsGatewayError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** True when the account or set-up is wrong (keys, balance, brandname, template): every message will fail. */
    readonly accountProblem: boolean,
  ) {
    super(message);
    this.name = 'SmsGatewayError';
  }
}

/** The documented codes we act on; others are reported with their number. */
const CODES: Record<string, { vi: string; en: string; account: boolean }> = {
  '99': { vi: 'số điện thoại bị chặn tại nhà mạng', en: 'the number is blocked by the gateway', account: false },
  '101': { vi: 'sai ESMS_API_KEY hoặc ESMS_SECRET_KEY', en: 'wrong ESMS_API_KEY or ESMS_SECRET_KEY', account: true },
  '102': { vi: 'tài khoản chưa có bảng giá', en: 'the account has no price list', account: true },
  '103': { vi: 'tài khoản eSMS hết tiền, cần nạp thêm', en: 'the eSMS balance is too low: top it up', account: true },
  '104': {
    vi: 'brandname chưa đăng ký (ESMS_BRANDNAME)',
    en: 'the brandname is not registered (ESMS_BRANDNAME)',
    account: true,
  },
  '108': { vi: 'số điện thoại sai định dạng', en: 'the number is not in a valid format', account: false },
  '140': {
    vi: 'địa chỉ IP của máy chủ chưa được eSMS cho phép',
    en: "the server's IP address is not whitelisted at eSMS",
    account: true,
  },
  '146': {
    vi: 'nội dung không khớp mẫu tin chăm sóc khách hàng đã đăng ký',
    en: 'the text does not match a registered customer-care template',
    account: true,
  },
  '177': { vi: 'nhà mạng của số này chưa được đăng ký', en: "the number's network is not registered", account: false },
};

interface SendAnswer {
  CodeResult?: string;
  SMSID?: string;
  ErrorMessage?: string;
}
interface BalanceAnswer {
  Balance?: number | string;
  CodeResponse?: string;
}

export function createEsmsProvider(opts: EsmsOptions): SmsProvider & { balance(): Promise<number> } {
  const timeoutMs = opts.timeoutMs ?? 5_000;

  async function post<T>(operation: string, body: Record<string, string>): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${opts.url}/${operation}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const timedOut = (err as Error).name === 'TimeoutError';
      throw new SmsGatewayError(
        timedOut ? 'esms_timeout' : 'esms_network',
        timedOut ? `eSMS did not answer within ${timeoutMs} ms` : 'eSMS could not be reached',
        false,
      );
    }
    if (!res.ok) throw new SmsGatewayError(`esms_http_${res.status}`, `eSMS answered HTTP ${res.status}`, false);
    try {
      return (await res.json()) as T;
    } catch {
      throw new SmsGatewayError('esms_bad_answer', 'eSMS answered with something that is not JSON', false);
    }
  }

  function failure(code: string | undefined): SmsGatewayError {
    const known = code ? CODES[code] : undefined;
    const err = new SmsGatewayError(
      `esms_${code ?? 'unknown'}`,
      known ? `eSMS ${code}: ${known.en} / ${known.vi}` : `eSMS refused the message (code ${code ?? 'none'})`,
      known?.account ?? false,
    );
    // An account problem stops every message until someone acts: say so loudly, once per failure.
    if (err.accountProblem) opts.logger.error({ code: err.code }, err.message);
    return err;
  }

  return {
    kind: 'esms',
    async send(sms) {
      const text = sms.text.normalize('NFC');
      // The same RequestId on a retry lets eSMS drop a duplicate (code 124) if the first attempt did arrive.
      const requestId = crypto.randomUUID();
      const body: Record<string, string> = {
        ApiKey: opts.apiKey,
        SecretKey: opts.secretKey,
        Phone: sms.to,
        Content: text,
        SmsType: opts.smsType,
        // Vietnamese with diacritics needs the Unicode charset (70 characters a part instead of 160).
        IsUnicode: /[^\x20-\x7e\n]/.test(text) ? '1' : '0',
        Sandbox: opts.sandbox ? '1' : '0',
        RequestId: requestId,
      };
      if (opts.brandname) body.Brandname = opts.brandname;

      let answer: SendAnswer;
      try {
        answer = await post<SendAnswer>('SendMultipleMessage_V4_post_json/', body);
      } catch (err) {
        if (!(err instanceof SmsGatewayError) || !/^esms_(network|timeout|http_5\d\d)$/.test(err.code)) throw err;
        opts.logger.warn({ code: err.code }, 'eSMS send failed; trying once more with the same RequestId');
        answer = await post<SendAnswer>('SendMultipleMessage_V4_post_json/', body);
        if (answer.CodeResult === '124') return { ref: `esms-request-${requestId}` };
      }
      if (answer.CodeResult !== '100') throw failure(answer.CodeResult);
      return { ref: answer.SMSID ? `esms-${answer.SMSID}` : `esms-request-${requestId}` };
    },
    async balance() {
      const answer = await post<BalanceAnswer>('GetBalance_json', { ApiKey: opts.apiKey, SecretKey: opts.secretKey });
      if (answer.CodeResponse !== '100') throw failure(answer.CodeResponse);
      const n = Number(answer.Balance);
      if (!Number.isFinite(n)) throw new SmsGatewayError('esms_bad_answer', 'eSMS returned no balance', false);
      return n;
    },
  };
}
