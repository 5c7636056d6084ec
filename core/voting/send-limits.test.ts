import { describe, expect, it } from 'vitest';
import { votingMessage } from './messages.ts';
import { decideSend, type SendCounts, smsPaused } from './send-limits.ts';
import { resolveVotingSettings } from './settings.ts';

const VN = 'Asia/Ho_Chi_Minh';
const limits = resolveVotingSettings({}).sendLimits;
const NOW = new Date('2024-07-01T03:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const MIN = 60_000;
const none = { count: 0, oldestAt: null };

function counts(over: Partial<SendCounts> = {}): SendCounts {
  const source = { lastHour: none, lastDay: none, unconfirmedLastHour: none, confirmedLastDay: 0 };
  return {
    channel: 'sms',
    identity: { lastSentAt: null, lastHour: none, lastDay: none },
    address: source,
    network: source,
    sms: { sentToday: 0, sentLastDay: 0, unconfirmedLastDay: 0 },
    ...over,
  };
}
const decide = (c: SendCounts) => decideSend(c, limits, NOW, VN, '•••• •• 5678');

describe('decideSend', () => {
  it('sends when nothing is near a limit', () => {
    expect(decide(counts())).toEqual({ ok: true });
  });

  it('waits a minute between two codes to one identity', () => {
    const r = decide(counts({ identity: { lastSentAt: ago(20_000), lastHour: none, lastDay: none } }));
    expect(r).toEqual({ ok: false, problem: { code: 'send.cooldown', params: { seconds: 40 } }, retryAfterSec: 40 });
    expect(decide(counts({ identity: { lastSentAt: ago(MIN), lastHour: none, lastDay: none } }))).toEqual({ ok: true });
  });

  it('sends at most 3 codes an hour and 5 a day to one identity, saying when it frees up', () => {
    const hour = decide(
      counts({
        identity: { lastSentAt: ago(5 * MIN), lastHour: { count: 3, oldestAt: ago(50 * MIN) }, lastDay: none },
      }),
    );
    expect(hour.ok).toBe(false);
    if (!hour.ok) {
      expect(hour.retryAfterSec).toBe(600);
      expect(votingMessage(hour.problem.code, 'vi', hour.problem.params, VN)).toBe(
        'Đã gửi 3 mã tới •••• •• 5678 trong 1 giờ, mức tối đa để chống lạm dụng. ' +
          'Hãy dùng mã đã nhận, hoặc thử lại sau 10 phút.',
      );
    }
    const day = decide(
      counts({
        identity: { lastSentAt: ago(90 * MIN), lastHour: none, lastDay: { count: 5, oldestAt: ago(23 * 60 * MIN) } },
      }),
    );
    expect(!day.ok && day.problem.params.max).toBe(5);
    expect(!day.ok && day.retryAfterSec).toBe(3600);
  });

  it('limits codes from one address: unconfirmed ones first, then all sent in an hour and a day', () => {
    const src = (o: object) => ({
      lastHour: none,
      lastDay: none,
      unconfirmedLastHour: none,
      confirmedLastDay: 0,
      ...o,
    });
    const unconfirmed = decide(
      counts({ address: src({ unconfirmedLastHour: { count: 10, oldestAt: ago(30 * MIN) } }) }),
    );
    expect(!unconfirmed.ok && unconfirmed.problem).toEqual({ code: 'send.addressLimit', params: { minutes: 30 } });
    expect(decide(counts({ address: src({ unconfirmedLastHour: { count: 9, oldestAt: ago(MIN) } }) })).ok).toBe(true);
    expect(decide(counts({ address: src({ lastHour: { count: 60, oldestAt: ago(MIN) } }) })).ok).toBe(false);
    expect(decide(counts({ address: src({ lastDay: { count: 300, oldestAt: ago(MIN) } }) })).ok).toBe(false);
  });

  it('limits codes from one /24 or /64 with its own, wider limits', () => {
    const src = (o: object) => ({
      lastHour: none,
      lastDay: none,
      unconfirmedLastHour: none,
      confirmedLastDay: 0,
      ...o,
    });
    const r = decide(counts({ network: src({ unconfirmedLastHour: { count: 30, oldestAt: ago(MIN) } }) }));
    expect(!r.ok && r.problem.code).toBe('send.networkLimit');
    expect(decide(counts({ network: src({ lastHour: { count: 149, oldestAt: ago(MIN) } }) })).ok).toBe(true);
    expect(decide(counts({ network: src({ lastDay: { count: 1000, oldestAt: ago(MIN) } }) })).ok).toBe(false);
  });

  it('stops text messages at the daily budget until the next Vietnamese midnight; e-mail goes on', () => {
    const c = counts({ sms: { sentToday: 5000, sentLastDay: 5000, unconfirmedLastDay: 0 } });
    const r = decide(c);
    expect(!r.ok && r.problem.code).toBe('send.smsBudget');
    expect(!r.ok && (r.problem.params.next as Date).toISOString()).toBe('2024-07-01T17:00:00.000Z');
    expect(!r.ok && r.retryAfterSec).toBe(14 * 3600);
    expect(decide({ ...c, channel: 'email' })).toEqual({ ok: true });
  });

  it('pauses text messages when most of the last day’s went unconfirmed, beyond honest mistakes', () => {
    const r = decide(counts({ sms: { sentToday: 900, sentLastDay: 1000, unconfirmedLastDay: 600 } }));
    expect(!r.ok && r.problem).toEqual({ code: 'send.smsPaused', params: { minutes: 30 } });
    expect(!r.ok && r.retryAfterSec).toBe(1800);
  });

  it('during a pause still sends from a network whose codes of the last day were mostly confirmed', () => {
    const paused = { sentToday: 900, sentLastDay: 1000, unconfirmedLastDay: 600 };
    const network = (confirmedLastDay: number, sent: number) => ({
      lastHour: none,
      lastDay: { count: sent, oldestAt: ago(MIN) },
      unconfirmedLastHour: none,
      confirmedLastDay,
    });
    expect(decide(counts({ sms: paused, network: network(8, 10) }))).toEqual({ ok: true });
    expect(decide(counts({ sms: paused, network: network(4, 10) })).ok).toBe(false);
    expect(decide(counts({ sms: paused, network: network(1, 1) })).ok).toBe(false);
  });
});

describe('smsPaused', () => {
  it('needs both many unconfirmed messages and a low confirmed share', () => {
    expect(smsPaused({ sentToday: 0, sentLastDay: 400, unconfirmedLastDay: 299 }, limits)).toBe(false);
    expect(smsPaused({ sentToday: 0, sentLastDay: 400, unconfirmedLastDay: 300 }, limits)).toBe(true);
    // Busy and honest: 300 unconfirmed of 5,000 is a 94 % confirmed share.
    expect(smsPaused({ sentToday: 0, sentLastDay: 5000, unconfirmedLastDay: 300 }, limits)).toBe(false);
  });
});
