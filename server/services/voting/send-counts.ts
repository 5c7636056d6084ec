import type { SendCounts, SourceCounts, WindowCount } from '@core/voting/send-limits.ts';
import { startOfLocalDay } from '@core/time.ts';
import { sql } from 'kysely';
import type { Tx } from '../../db/dialect.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Sent {
  created_at: string;
  used_at: string | null;
}

function windowCount(rows: readonly Sent[], since: number, pick: (r: Sent) => boolean = () => true): WindowCount {
  let count = 0;
  let oldest: number | null = null;
  for (const r of rows) {
    const at = Date.parse(r.created_at);
    if (at < since || !pick(r)) continue;
    count++;
    if (oldest === null || at < oldest) oldest = at;
  }
  return { count, oldestAt: oldest === null ? null : new Date(oldest) };
}

function sourceCounts(rows: readonly Sent[], now: number): SourceCounts {
  return {
    lastHour: windowCount(rows, now - HOUR),
    lastDay: windowCount(rows, now - DAY),
    unconfirmedLastHour: windowCount(rows, now - HOUR, (r) => r.used_at === null),
    confirmedLastDay: windowCount(rows, now - DAY, (r) => r.used_at !== null).count,
  };
}

/**
 * What `decideSend` needs, read from `code_requests` of the last 24 hours. The rows per identity, address and network
 * are few, since the limits stop them growing; the contest's text messages are counted in SQL.
 */
export async function readSendCounts(
  db: Tx,
  q: { contestId: number; identityHash: string; ip: string; network: string; channel: 'sms' | 'email' },
  now: Date,
  timeZone: string,
): Promise<SendCounts> {
  const t = now.getTime();
  const dayAgo = new Date(t - DAY).toISOString();
  const recent = (col: 'identity_hash' | 'ip' | 'network', value: string) =>
    db
      .selectFrom('code_requests')
      .select(['created_at', 'used_at'])
      .where('contest_id', '=', q.contestId)
      .where(col, '=', value)
      .where('created_at', '>=', dayAgo)
      .execute();
  const midnight = startOfLocalDay(now, timeZone).toISOString();
  const [identity, address, network, sms] = await Promise.all([
    recent('identity_hash', q.identityHash),
    recent('ip', q.ip),
    recent('network', q.network),
    db
      .selectFrom('code_requests')
      .select([
        sql<number>`count(*)`.as('sent'),
        sql<number>`sum(case when used_at is null then 1 else 0 end)`.as('unconfirmed'),
        sql<number>`sum(case when created_at >= ${midnight} then 1 else 0 end)`.as('today'),
      ])
      .where('contest_id', '=', q.contestId)
      .where('kind', '=', 'phone')
      .where('created_at', '>=', dayAgo)
      .executeTakeFirstOrThrow(),
  ]);
  const last = identity.reduce<number | null>((m, r) => Math.max(m ?? 0, Date.parse(r.created_at)), null);
  return {
    channel: q.channel,
    identity: {
      lastSentAt: last === null ? null : new Date(last),
      lastHour: windowCount(identity, t - HOUR),
      lastDay: windowCount(identity, t - DAY),
    },
    address: sourceCounts(address, t),
    network: sourceCounts(network, t),
    sms: {
      sentToday: Number(sms.today ?? 0),
      sentLastDay: Number(sms.sent ?? 0),
      unconfirmedLastDay: Number(sms.unconfirmed ?? 0),
    },
  };
}
