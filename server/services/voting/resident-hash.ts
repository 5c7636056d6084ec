import type { Deps } from '../../context.ts';
import { voterHash } from './voter-keys.ts';

/** A listed number's keyed hash: the identity hash of a voter verifying that number (core/voting/identity.ts). */
export function residentHash(deps: Pick<Deps, 'keys'>, e164: string): string {
  return voterHash(deps, `phone:${e164}`);
}
