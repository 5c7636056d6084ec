import { sha256Hex } from '../../security/tokens.ts';
import type { Deps } from '../../context.ts';

export async function logOut(deps: Deps, token: string): Promise<void> {
  await deps.db.deleteFrom('sessions').where('id', '=', sha256Hex(token)).execute();
}
