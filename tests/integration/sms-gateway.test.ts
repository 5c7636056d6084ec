import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEsmsProvider, SmsGatewayError } from '../../server/notify/esms.ts';

/**
 * eSMS.vn's brandname API as its public documentation describes it (developers.esms.vn: "Send OTP/Customer care
 * message", "Get balance", "Table of error codes"), answered by a listener on loopback. Each test sets how the
 * gateway behaves next.
 */
interface Received {
  path: string;
  contentType: string | undefined;
  body: Record<string, string>;
}
let received: Received[] = [];
let behave: (r: Received, n: number) => { status?: number; json?: unknown; raw?: string; hangMs?: number };
let server: http.Server;
let url: string;
let logLines: string[] = [];

const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString('utf8')));
    req.on('end', () => {
      const r: Received = {
        path: req.url ?? '',
        contentType: req.headers['content-type'],
        body: JSON.parse(data || '{}') as Record<string, string>,
      };
      received.push(r);
      const answer = behave(r, received.length);
      const reply = () => {
        res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' });
        res.end(answer.raw ?? JSON.stringify(answer.json ?? {}));
      };
      if (answer.hangMs) setTimeout(reply, answer.hangMs);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/MainService.svc/json`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  received = [];
  logLines = [];
});

function provider(over: Partial<Parameters<typeof createEsmsProvider>[0]> = {}) {
  return createEsmsProvider({
    url,
    apiKey: 'API-KEY-1',
    secretKey: 'SECRET-1',
    brandname: 'VINHLINH',
    smsType: '2',
    sandbox: false,
    logger,
    ...over,
  });
}

async function sendError(p: ReturnType<typeof provider>, text = 'Ma xac nhan: 123456'): Promise<SmsGatewayError> {
  try {
    await p.send({ to: '0912345678', text });
  } catch (e) {
    return e as SmsGatewayError;
  }
  throw new Error('expected the send to fail');
}

describe('eSMS brandname gateway', () => {
  it('posts the documented JSON and returns the SMSID as the reference', async () => {
    behave = () => ({ json: { CodeResult: '100', CountRegenerate: 0, SMSID: 'd533459ee42b' } });
    const sent = await provider().send({ to: '0912345678', text: 'Tác phẩm của bạn đã được duyệt.' });
    expect(sent.ref).toBe('esms-d533459ee42b');
    expect(received).toHaveLength(1);
    const r = received[0]!;
    expect(r.path).toBe('/MainService.svc/json/SendMultipleMessage_V4_post_json/');
    expect(r.contentType).toBe('application/json');
    expect(r.body).toMatchObject({
      ApiKey: 'API-KEY-1',
      SecretKey: 'SECRET-1',
      Phone: '0912345678',
      Content: 'Tác phẩm của bạn đã được duyệt.',
      Brandname: 'VINHLINH',
      SmsType: '2',
      IsUnicode: '1',
      Sandbox: '0',
    });
    expect(r.body.RequestId).toMatch(/^[0-9a-f-]{36}$/);
    // The number never reaches our log.
    expect(logLines.join('\n')).not.toContain('0912345678');
  });

  it('sends plain text as non-Unicode, NFC-normalizes the rest, omits the brandname for type 8', async () => {
    behave = () => ({ json: { CodeResult: '100', SMSID: 'x1' } });
    await provider({ smsType: '8', brandname: null, sandbox: true }).send({ to: '0912345678', text: 'Ma: 123456' });
    expect(received[0]!.body).toMatchObject({ IsUnicode: '0', SmsType: '8', Sandbox: '1' });
    expect(received[0]!.body).not.toHaveProperty('Brandname');
    await provider().send({ to: '0912345678', text: 'Nguyễn'.normalize('NFD') });
    expect(received[1]!.body.Content).toBe('Nguyễn'.normalize('NFC'));
  });

  it('names an account problem (balance, keys, brandname, template), logged without the number', async () => {
    for (const [code, words] of [
      ['103', /balance is too low/],
      ['101', /wrong ESMS_API_KEY or ESMS_SECRET_KEY/],
      ['104', /brandname is not registered/],
      ['146', /registered customer-care template/],
    ] as const) {
      behave = () => ({ json: { CodeResult: code, ErrorMessage: 'x' } });
      const err = await sendError(provider());
      expect(err).toBeInstanceOf(SmsGatewayError);
      expect(err.code).toBe(`esms_${code}`);
      expect(err.accountProblem).toBe(true);
      expect(err.message).toMatch(words);
    }
    const errors = logLines.map((l) => JSON.parse(l) as { level: number; code?: string }).filter((l) => l.level >= 50);
    expect(errors.map((l) => l.code)).toEqual(['esms_103', 'esms_101', 'esms_104', 'esms_146']);
    expect(logLines.join('\n')).not.toContain('0912345678');
  });

  it('reports a problem with one number (blocked, bad format) as such, not as an account problem', async () => {
    behave = () => ({ json: { CodeResult: '108' } });
    const err = await sendError(provider());
    expect(err.code).toBe('esms_108');
    expect(err.accountProblem).toBe(false);
    behave = () => ({ json: { CodeResult: '999' } });
    expect((await sendError(provider())).message).toMatch(/code 999/);
  });

  it('retries once after a server error with the same RequestId, and takes "duplicate RequestId" as sent', async () => {
    behave = (_r, n) => (n === 1 ? { status: 502, raw: 'Bad gateway' } : { json: { CodeResult: '124' } });
    const sent = await provider().send({ to: '0912345678', text: 'Ma: 1' });
    expect(received).toHaveLength(2);
    expect(received[1]!.body.RequestId).toBe(received[0]!.body.RequestId);
    expect(sent.ref).toBe(`esms-request-${received[0]!.body.RequestId}`);
  });

  it('gives up after the retry, and does not retry a refusal', async () => {
    behave = () => ({ status: 503, raw: '' });
    expect((await sendError(provider())).code).toBe('esms_http_503');
    expect(received).toHaveLength(2);
    received = [];
    behave = () => ({ json: { CodeResult: '103' } });
    await sendError(provider());
    expect(received).toHaveLength(1);
  });

  it('times out a gateway that does not answer', async () => {
    behave = () => ({ hangMs: 1_500, json: { CodeResult: '100', SMSID: 'late' } });
    const err = await sendError(provider({ timeoutMs: 200 }));
    expect(err.code).toBe('esms_timeout');
    expect(received).toHaveLength(2);
  });

  it('refuses an answer that is not JSON', async () => {
    behave = () => ({ raw: '<html>maintenance</html>' });
    expect((await sendError(provider())).code).toBe('esms_bad_answer');
  });

  it('reads the balance, and names wrong keys', async () => {
    behave = () => ({ json: { Balance: 125000, CodeResponse: '100', UserID: 42 } });
    expect(await provider().balance()).toBe(125000);
    expect(received[0]!.path).toBe('/MainService.svc/json/GetBalance_json');
    expect(received[0]!.body).toEqual({ ApiKey: 'API-KEY-1', SecretKey: 'SECRET-1' });
    behave = () => ({ json: { CodeResponse: '101' } });
    await expect(provider().balance()).rejects.toMatchObject({ code: 'esms_101', accountProblem: true });
  });
});
