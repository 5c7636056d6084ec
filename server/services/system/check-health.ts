import { sql } from 'kysely';
import type { Deps } from '../../context.ts';

export interface Health {
  ok: boolean;
  database: Deps['dialect'];
  time: string;
}

/** Whether the database answers, for load balancers and monitoring. */
export async function checkHealth(deps: Deps): Promise<Health> {
  const time = deps.clock().toISOString();
  try {
    await sql`select 1`.execute(deps.db);
    return { ok: true, database: deps.dialect, time };
  } catch {
    return { ok: false, database: deps.dialect, time };
  }
}
