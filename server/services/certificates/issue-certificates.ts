import type { CertificateIssueOptions } from '@core/documents/certificate-issue.ts';
import type { Actor, Deps } from '../../context.ts';
import { authorize } from '../access/authorize.ts';
import { AppError } from '@core/errors.ts';
import { listAnnouncedAwards } from '../awards/list-announced-awards.ts';
import { findContestRow } from '../contests/load-contest.ts';
import { storeCertificates } from './store-certificates.ts';

/**
 * Issues the certificates of the announced winners (R15): one per prize won, numbered, each with its verification
 * code. Issuing again after an amendment adds only the new winners' certificates. Audited.
 */
export async function issueCertificates(deps: Deps, actor: Actor, slug: string, options: CertificateIssueOptions) {
  const contest = await findContestRow(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'documents.generate');
  const announced = await listAnnouncedAwards(deps.db, contest.id);
  if (!announced) throw new AppError('certificates.notAnnounced');
  return storeCertificates(deps, actor, contest, announced.version, announced.winners, options);
}
