import type { ColumnType, Generated, Selectable } from 'kysely';
import type { AddressCodePurpose } from '@core/login-throttle.ts';
import type { AllocationState } from '@core/awards/allocation-state.ts';
import type { AuditContent } from '@core/audit-chain.ts';
import type { ReminderThreshold } from '@core/deadline.ts';
import type { EntryStatus } from '@core/entry.ts';
import type { EntryEventKind } from '@core/entry-events.ts';
import type { SheetSource } from '@core/judging/counted-scores.ts';
import type { RoundState } from '@core/judging/round-state.ts';
import type { NotificationKind } from '@core/notifications.ts';
import type { PhaseKind } from '@core/phases.ts';
import type { ConsentPurpose } from '@core/privacy.ts';
import type { ReviewDecision, ReviewStatus } from '@core/review.ts';
import type { ContestStatus } from '@core/contest-lifecycle.ts';
import type { ContestRole, RosterBody } from '@core/roles.ts';
import type { IdentityKind, VoteSource } from '@core/voting/settings.ts';
import type { RosterRole } from '@core/roster.ts';
import type { BudgetState, BudgetStep } from '@core/documents/budget-review.ts';
import type { CostCategory } from '@core/documents/budget-estimate.ts';
import type { RecipientKind } from '@core/documents/awarded-entry.ts';
import type { VoteStatus } from '@core/voting/vote-log.ts';

/** ISO-8601 UTC text on both dialects (timestamptz on PostgreSQL is read back as ISO text by dialect.ts). */
type Timestamp = string;
/** Booleans are named `is_*`: dialect.ts maps them to 0/1 on SQLite. */
type Bool = boolean;

export interface UsersTable {
  id: Generated<number>;
  email: string | null;
  phone: string | null;
  full_name: string;
  password_hash: string;
  is_site_admin: ColumnType<Bool, Bool | undefined, Bool>;
  locale: ColumnType<'vi' | 'en', 'vi' | 'en' | undefined, 'vi' | 'en'>;
  failed_logins: ColumnType<number, number | undefined, number>;
  locked_until: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: string; // SHA-256 of the cookie's token: a stolen database does not yield live sessions
  user_id: number;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface PasswordResetsTable {
  token_hash: string;
  user_id: number;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

/** rate-limiter-flexible's counters on PostgreSQL (migration 0023); empty on SQLite. */
export interface RateLimitsTable {
  key: string;
  points: number;
  /** Epoch milliseconds; null for a counter that never expires. */
  expire: number | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  last_failure_at: Timestamp;
}

export interface AddressCodesTable {
  id: Generated<number>;
  purpose: AddressCodePurpose;
  target: string;
  user_id: number | null;
  full_name: string | null;
  phone: string | null;
  password_hash: string | null;
  locale: 'vi' | 'en' | null;
  code_hash: string;
  /** The consent ticked when registering (migration 0024). */
  consent_version: ColumnType<string | null, string | null | undefined, string | null>;
  attempts: ColumnType<number, number | undefined, number>;
  expires_at: Timestamp;
  created_at: Timestamp;
}

export interface ContestsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  theme: string;
  topics_json: string;
  rules_md: string;
  time_zone: string;
  entry_rules_json: string;
  prizes_json: string;
  rubric_json: string;
  max_entries_per_person: number;
  /** Months after the results before non-winners' contact details are removed (migration 0024). */
  retention_months: ColumnType<number, number | undefined, number>;
  /** 1 or 2 reviewers must agree (migration 0009). */
  reviews_required: ColumnType<1 | 2, 1 | 2 | undefined, 1 | 2>;
  /** For captions, with "#"; null: made from the slug (migration 0010). */
  hashtag: ColumnType<string | null, string | null | undefined, string | null>;
  /** Voting settings (core/voting/settings.ts) as JSON; null: the defaults. */
  voting_json: ColumnType<string | null, string | null | undefined, string | null>;
  is_demo: ColumnType<Bool, Bool | undefined, Bool>;
  /** Draft, published or archived (migration 0011). */
  status: ColumnType<ContestStatus, ContestStatus | undefined, ContestStatus>;
  /** JudgingSettings (core/judging/settings.ts); '{}' for the defaults (migration 0013). */
  judging_json: ColumnType<string, string | undefined, string>;
  /** Raised by the database on every write to the contest, its phases, unit categories or news (migration 0029). */
  version: ColumnType<number, never, never>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ContestPhasesTable {
  contest_id: number;
  kind: PhaseKind;
  starts_at: Timestamp;
  ends_at: Timestamp;
}

export interface UnitCategoriesTable {
  id: Generated<number>;
  contest_id: number;
  code: string;
  name: string;
  name_en: string | null;
  min_entries: number;
  max_entries: number;
  position: number;
}

export interface UnitsTable {
  id: Generated<number>;
  contest_id: number;
  category_id: number;
  name: string;
  name_folded: string;
  contact_email: string | null;
  /** The unit's contact person (migration 0012). */
  contact_name: ColumnType<string | null, string | null | undefined, string | null>;
  contact_position: ColumnType<string | null, string | null | undefined, string | null>;
  /** Normalized (core/normalize.ts). Personal data: never in public answers or logs. */
  contact_phone: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
}

export interface RosterMembersTable {
  id: Generated<number>;
  contest_id: number;
  body: RosterBody;
  full_name: string;
  position: string | null;
  email_norm: string | null;
  phone_norm: string | null;
  role_in_body: Generated<RosterRole>;
  created_at: Timestamp;
}

export interface BudgetEstimatesTable {
  id: Generated<number>;
  contest_id: number;
  revision: number;
  state: BudgetState;
  prize_lines_json: string | null;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface BudgetLinesTable {
  id: Generated<number>;
  estimate_id: number;
  position: number;
  category: CostCategory;
  description: string;
  unit: string;
  quantity: number;
  unit_price_vnd: number;
  note: string;
}

export interface CertificatesTable {
  id: Generated<number>;
  contest_id: number;
  year: number;
  seq: number;
  number: string;
  code: string;
  key_id: string;
  allocation_version: number;
  entry_id: number | null;
  prize_index: number;
  place: number;
  recipient: string;
  recipient_kind: RecipientKind;
  members_json: string;
  unit_name: string;
  entry_code: string;
  entry_title: string;
  prize_name: string;
  issued_on: string;
  superior_body: string | null;
  place_name: string;
  signer_name: string;
  status: 'valid' | 'revoked' | 'replaced';
  /** The certificate that replaced this one when it was reissued (migration 0027). */
  replaced_by_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** The signer's capacity as printed (migration 0030); null on older rows: "TM. Ban Tổ chức / Trưởng ban". */
  signer_collective: ColumnType<string | null, string | null | undefined, string | null>;
  signer_deputy_for: ColumnType<string | null, string | null | undefined, string | null>;
  signer_position: ColumnType<string | null, string | null | undefined, string | null>;
  revoked_reason: string | null;
  revoked_at: Timestamp | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface DocumentSettingsTable {
  contest_id: number;
  settings_json: string;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface BudgetReviewsTable {
  id: Generated<number>;
  estimate_id: number;
  step: Exclude<BudgetStep, 'edit'>;
  text: string | null;
  total_vnd: number;
  actor_user_id: number | null;
  at: Timestamp;
}

export interface ContestRolesTable {
  id: Generated<number>;
  contest_id: number;
  user_id: number;
  role: ContestRole;
  unit_id: number | null;
  granted_by: number | null;
  created_at: Timestamp;
}

export interface AuditLogTable {
  seq: number;
  at: Timestamp;
  actor_user_id: number | null;
  actor_ip: string | null;
  contest_id: number | null;
  action: string;
  target: string | null;
  outcome: AuditContent['outcome'];
  details_json: string;
  prev_hash: string;
  hash: string;
}

/** Solved proof-of-work challenges, accepted once each (server/security/altcha.ts). */
export interface AltchaSpentTable {
  signature: string;
  expires_at: Timestamp;
}

export interface VotersTable {
  id: Generated<number>;
  contest_id: number;
  /** HMAC of `identity.hashInput` with VOTER_HASH_KEY; null once erased. */
  identity_hash: string | null;
  kind: IdentityKind;
  display: string;
  email_domain: string | null;
  pseudonym: string;
  verified_at: Timestamp;
  created_at: Timestamp;
}

export interface VotingResidentListsTable {
  contest_id: number;
  numbers: number;
  loaded_at: Timestamp;
  loaded_by: number | null;
}

export interface VotingResidentsTable {
  contest_id: number;
  /** HMAC of `phone:<E.164>` with VOTER_HASH_KEY, the same as a voter's identity hash. */
  number_hash: string;
}

export interface VotingTieDecisionsTable {
  contest_id: number;
  source: VoteSource;
  /** Entry codes tied at the last prize place when the committee decided. */
  tied_json: string;
  chosen_json: string;
  /** The committee's reason and the record it is written in (minutes, decision number). */
  record: string;
  decided_by: number | null;
  decided_at: Timestamp;
}

export interface VotingResultsTable {
  contest_id: number;
  published_at: Timestamp;
  published_by: number | null;
  /** The results as published (core/voting/results.ts), frozen. */
  snapshot_json: string;
  /** The vote log's head the results were computed from. */
  log_seq: number;
  log_hash: string;
}

export interface VoterSessionsTable {
  token_hash: string;
  voter_id: number;
  device_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface CodeRequestsTable {
  id: Generated<number>;
  request_id: string;
  contest_id: number;
  identity_hash: string;
  kind: IdentityKind;
  display: string;
  email_domain: string | null;
  code_hash: string;
  device_id: string;
  ip: string;
  network: string;
  created_at: Timestamp;
  used_at: Timestamp | null;
  failed_attempts: ColumnType<number, number | undefined, number>;
  superseded_at: Timestamp | null;
}

export interface CodeFailuresTable {
  contest_id: number;
  identity_hash: string;
  device_id: string;
  failures: number;
  last_failure_at: Timestamp;
}

export interface VotesTable {
  id: Generated<number>;
  contest_id: number;
  /** The seq of its `cast` line in the vote log. */
  seq: number;
  voter_id: number;
  entry_id: number;
  cast_at: Timestamp;
  rule_key: string;
  entry_key: string | null;
  status: VoteStatus;
  /** Reason codes (core/voting/reasons.ts), a JSON array. */
  reasons_json: ColumnType<string, string | undefined, string>;
  ip: string | null;
  network: string | null;
  device_id: string | null;
}

export interface VoteLogTable {
  contest_id: number;
  seq: number;
  /** The record's line in the public log's format (core/voting/vote-log.ts), hash included. */
  line: string;
  hash: string;
  at: Timestamp;
}

export interface VoteLogHeadsTable {
  contest_id: number;
  header_line: string;
  seq: number;
  hash: string;
}

export interface FanpageCountsTable {
  contest_id: number;
  entry_id: number;
  post_url: string;
  reactions: number;
  shares: number;
  comments: number;
  /** Storage key of the screenshot, null until one is attached. */
  evidence_key: string | null;
  evidence_type: string | null;
  edited_by: number;
  edited_at: Timestamp;
  confirmed_by: number | null;
  confirmed_at: Timestamp | null;
}

export interface VoteDigestsTable {
  contest_id: number;
  /** The contest day (yyyy-MM-dd in its time zone). */
  day: string;
  seq: number;
  hash: string;
  stored_at: Timestamp;
}

export interface VoteIntegrityCursorTable {
  contest_id: number;
  last_seq: number;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface EntriesTable {
  id: Generated<number>;
  contest_id: number;
  code: string | null;
  owner_user_id: number | null;
  party_kind: 'unit' | 'person';
  unit_id: number | null;
  quota_key: string;
  status: EntryStatus;
  draft_json: string;
  title_folded: ColumnType<string, string | undefined, string>;
  is_intake: ColumnType<Bool, Bool | undefined, Bool>;
  intake_by_user_id: number | null;
  accepted_upload_id: string | null;
  active_upload_id: string | null;
  submitted_at: Timestamp | null;
  withdrawn_at: Timestamp | null;
  consent_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Null until first submitted (migration 0009; core/review.ts). */
  review_status: ColumnType<ReviewStatus | null, ReviewStatus | null | undefined, ReviewStatus | null>;
  /** How many times the entry was submitted: each submission opens a review round. */
  review_round: ColumnType<number, number | undefined, number>;
  /** While returned: the entrant may fix and send it again until then. */
  fix_deadline: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;
  /** The usage licence version accepted at submission (migration 0018; core/licence.ts). */
  licence_version: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface EntrySlotsTable {
  contest_id: number;
  quota_key: string;
  slot: number;
  entry_id: number;
}

export interface EntryCodeCountersTable {
  contest_id: number;
  last: number;
}

export interface UploadsTable {
  id: string;
  entry_id: number;
  user_id: number | null;
  size_bytes: number;
  filename: string;
  status: 'uploading' | 'checking' | 'accepted' | 'refused' | 'replaced' | 'cancelled' | 'expired';
  sha256: string | null;
  verdict_json: string | null;
  created_at: Timestamp;
  completed_at: Timestamp | null;
  checked_at: Timestamp | null;
  /** The original's key in the media storage once moved there; null while it is the tus file (0004_storage). */
  storage_key: ColumnType<string | null, string | null | undefined, string | null>;
  stored_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;
}

export interface EntryEventsTable {
  id: Generated<number>;
  entry_id: number;
  at: Timestamp;
  actor_user_id: number | null;
  kind: EntryEventKind;
  details_json: string;
}

/** The embedded job queue (server/jobs/embedded-queue.ts). */
export interface JobsTable {
  id: string;
  name: string;
  payload_json: string;
  state: 'created' | 'active' | 'completed' | 'failed';
  singleton_key: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  max_attempts: number;
  retry_delay_ms: number;
  timeout_ms: number;
  run_after: Timestamp;
  locked_by: string | null;
  locked_until: Timestamp | null;
  last_error: string | null;
  created_at: Timestamp;
  started_at: Timestamp | null;
  completed_at: Timestamp | null;
}

/** Streaming renditions of an accepted upload (server/services/media/make-renditions.ts). */
export interface RenditionsTable {
  upload_id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  percent: ColumnType<number, number | undefined, number>;
  error: string | null;
  variants_json: string | null;
  /** Key prefix of the stored files (migration 0008), written when they are stored; null until then. */
  storage_prefix: ColumnType<string | null, string | null | undefined, string | null>;
  /** The posters made with their sizes (migration 0032); null for renditions made before the small poster. */
  posters_json: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** R9: the perceptual fingerprint of an accepted upload (server/services/media/fingerprint-upload.ts). */
export interface FingerprintsTable {
  upload_id: string;
  fps: number;
  /** 16 hex digits per sampled frame (core/fingerprint-match.ts). */
  frame_hashes: string;
  /** Stored form of core/audio-fingerprint.ts (its prefix alone: no sound); null until the sound was fingerprinted. */
  audio_bits: string | null;
  duration_ms: number;
  created_at: Timestamp;
}

/** R9: a clip of the organizers' reference library of a contest (past entries, known clips). */
export interface ReferenceClipsTable {
  id: Generated<number>;
  contest_id: number;
  title: string;
  fps: number;
  frame_hashes: string;
  audio_bits: string | null;
  duration_ms: number;
  created_at: Timestamp;
  /** Where the clip comes from (migration 0018). */
  source: ColumnType<string, string | undefined, string>;
  created_by: ColumnType<number | null, number | null | undefined, number | null>;
}

/** R9: a match between an upload and another entry's upload or a reference clip, for the reviewers. */
export interface OriginalityFlagsTable {
  id: Generated<number>;
  contest_id: number;
  upload_id: string;
  other_upload_id: string | null;
  reference_id: number | null;
  /** Per cent of the shorter clip covered by the matched ranges. */
  score: number;
  /** FlagRange[] (core/originality-ranges.ts). */
  ranges_json: string;
  created_at: Timestamp;
}

/**
 * A subtitle track of an entry: the cleaned WebVTT file in the media storage
 * (server/services/media/save-entry-subtitles.ts).
 */
export interface SubtitlesTable {
  entry_id: number;
  /** BCP-47 tag from core/subtitle-languages.ts. */
  lang: string;
  label: string;
  storage_key: string;
  size_bytes: number;
  cue_count: number;
  source_format: 'vtt' | 'srt';
  updated_by_user_id: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A review decision on an entry in one round (migration 0009). */
export interface ReviewsTable {
  id: Generated<number>;
  entry_id: number;
  round: number;
  reviewer_user_id: number | null;
  decision: ReviewDecision;
  /** Shown to the entrant. */
  reason: string;
  /** Staff only. */
  note: string;
  /** ChecklistRow[] (core/review.ts) as the reviewer saw it. */
  checklist_json: string;
  fix_deadline: Timestamp | null;
  /** The organizer's decision that settles a disputed round. */
  is_final: ColumnType<Bool, Bool | undefined, Bool>;
  created_at: Timestamp;
}

/** An in-app message to a user (server/notify/). */
export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  kind: NotificationKind;
  entry_id: number | null;
  payload_json: string;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

/** An entry in the public gallery, or withdrawn from it (migration 0010). */
export interface PublicationsTable {
  entry_id: number;
  contest_id: number;
  caption: string;
  published_at: Timestamp;
  published_by: number | null;
  unpublished_at: Timestamp | null;
  unpublished_by: number | null;
  unpublish_reason: string | null;
}

/** A report about a published entry, and the committee's outcome (migration 0010). */
export interface EntryReportsTable {
  id: Generated<number>;
  entry_id: number;
  contest_id: number;
  kind: 'copied' | 'rights' | 'inappropriate' | 'other';
  reason: string;
  contact: ColumnType<string, string | undefined, string>;
  reporter_user_id: number | null;
  status: ColumnType<
    'open' | 'dismissed' | 'upheld',
    'open' | 'dismissed' | 'upheld' | undefined,
    'open' | 'dismissed' | 'upheld'
  >;
  outcome: ColumnType<string, string | undefined, string>;
  resolved_by: number | null;
  resolved_at: Timestamp | null;
  created_at: Timestamp;
}

/** An announcement on the contest's home page (migration 0010). */
/** One consent a person gave, with the version of the text (core/privacy.ts) and when (migration 0019). */
export interface ConsentsTable {
  id: Generated<number>;
  user_id: number | null;
  entry_id: number | null;
  /** A voter's consent to the voting purpose, kept against the contest's voter row (migration 0028). */
  voter_id: ColumnType<number | null, number | null | undefined, number | null>;
  purpose: ConsentPurpose;
  text_version: string;
  given_at: Timestamp;
  withdrawn_at: Timestamp | null;
}

/** A person's request to erase their data, and what was done (migration 0024; core/privacy-erasure.ts). */
export interface ErasureRequestsTable {
  id: Generated<number>;
  user_id: number;
  requested_at: Timestamp;
  due_at: Timestamp;
  status: 'pending' | 'done' | 'refused';
  note: ColumnType<string, string | undefined, string>;
  handled_by_user_id: number | null;
  handled_at: Timestamp | null;
  staff_reason: string | null;
  outcome_json: string | null;
}

/** What the retention job removed from a contest, once per kind (migration 0024). */
export interface RetentionRunsTable {
  id: Generated<number>;
  contest_id: number;
  kind: 'entrants' | 'voters';
  ran_at: Timestamp;
  report_json: string;
}

export interface NewsPostsTable {
  id: Generated<number>;
  contest_id: number;
  title: string;
  body: string;
  author_user_id: number | null;
  published_at: Timestamp;
  updated_at: Timestamp;
}

/** A deadline reminder sent for a draft, once per threshold (migration 0012). */
export interface DeadlineRemindersTable {
  entry_id: number;
  threshold_hours: ReminderThreshold;
  contest_id: number;
  deadline: Timestamp;
  sent_at: Timestamp;
  is_emailed: ColumnType<Bool, Bool | undefined, Bool>;
  is_texted: ColumnType<Bool, Bool | undefined, Bool>;
}

/** A "Nhắc nhở" sent to a unit's contact person (migration 0012). */
export interface UnitRemindersTable {
  id: Generated<number>;
  unit_id: number;
  contest_id: number;
  sent_by: number | null;
  submitted: number;
  min_entries: number;
  is_emailed: ColumnType<Bool, Bool | undefined, Bool>;
  is_texted: ColumnType<Bool, Bool | undefined, Bool>;
  sent_at: Timestamp;
}

/** A judging round of a contest (migration 0013, ADR 0020/0025). */
export interface JudgingRoundsTable {
  id: Generated<number>;
  contest_id: number;
  position: number;
  name: string;
  name_en: string | null;
  state: ColumnType<RoundState, RoundState | undefined, RoundState>;
  window_starts_at: Timestamp;
  window_ends_at: Timestamp;
  entry_set_json: string;
  rubric_json: string;
  assignment_json: string;
  method_json: string;
  opened_at: Timestamp | null;
  locked_at: Timestamp | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface JudgingRoundJurorsTable {
  round_id: number;
  user_id: number;
  is_chair: ColumnType<Bool, Bool | undefined, Bool>;
  unit_id: number | null;
  unit_name: string | null;
  mode: ColumnType<'online' | 'paper', 'online' | 'paper' | undefined, 'online' | 'paper'>;
  submitted_at: Timestamp | null;
  submitted_by: number | null;
}

export interface JudgingRoundEntriesTable {
  round_id: number;
  entry_id: number;
}

export interface JudgingAssignmentsTable {
  round_id: number;
  entry_id: number;
  juror_user_id: number;
}

export interface JudgingBlocksTable {
  id: Generated<number>;
  contest_id: number;
  entry_id: number;
  juror_user_id: number;
  kind: 'declared' | 'recused';
  reason: string;
  by_user_id: number | null;
  created_at: Timestamp;
  withdrawn_at: Timestamp | null;
  withdrawn_by: number | null;
  withdraw_reason: string | null;
}

export interface JudgingBlindCodesTable {
  contest_id: number;
  entry_id: number;
  code: string;
}

export interface JudgingScoresTable {
  id: Generated<number>;
  round_id: number;
  entry_id: number;
  juror_user_id: number;
  /** SheetContent (core/judging/score-sheet.ts). */
  sheet_json: string;
  version: number;
  source: ColumnType<SheetSource, SheetSource | undefined, SheetSource>;
  entered_by: number | null;
  checked_by: number | null;
  checked_at: Timestamp | null;
  /** A paper sheet the second person sent back (migration 0021); cleared when it is typed again. */
  rejected_by: ColumnType<number | null, number | null | undefined, number | null>;
  rejected_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;
  reject_reason: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A reminder sent to a juror before a round's window closes, once per reminder point (migration 0021). */
export interface JudgingRemindersTable {
  round_id: number;
  juror_user_id: number;
  threshold_hours: number;
  window_ends_at: Timestamp;
  unfinished: number;
  sent_at: Timestamp;
  is_emailed: ColumnType<Bool, Bool | undefined, Bool>;
}

/** A juror reminded by hand from the round's progress (migration 0026, ADR 0044). */
export interface JudgingManualRemindersTable {
  id: Generated<number>;
  round_id: number;
  juror_user_id: number;
  sent_by: number | null;
  unfinished: number;
  is_emailed: ColumnType<Bool, Bool | undefined, Bool>;
  is_texted: ColumnType<Bool, Bool | undefined, Bool>;
  sent_at: Timestamp;
}

/** Every version of every sheet ever stored; append-only. */
export interface JudgingScoreVersionsTable {
  score_id: number;
  version: number;
  sheet_json: string;
  source: SheetSource;
  actor_user_id: number | null;
  at: Timestamp;
}

export interface JudgingTieDecisionsTable {
  id: Generated<number>;
  round_id: number;
  value: number;
  entry_ids_json: string;
  reason: string;
  decided_by: number | null;
  decided_at: Timestamp;
}

/** A version of a contest's prize allocation (migration 0016, ADR 0022/0034). */
export interface AwardAllocationsTable {
  id: Generated<number>;
  contest_id: number;
  version: number;
  state: AllocationState;
  /** The `Allocation` (core/awards/allocation.ts). */
  result_json: string;
  inputs_sha256: string;
  proposed_by: number | null;
  proposed_at: Timestamp;
  approved_by: number | null;
  approved_at: Timestamp | null;
  announced_by: number | null;
  announced_at: Timestamp | null;
  amends_version: number | null;
  decision_id: number | null;
}

export type AwardDecisionKind = 'breakTie' | 'revoke' | 'reopen' | 'amend';

/** The committee's decisions, append-only. */
export interface AwardDecisionsTable {
  id: Generated<number>;
  contest_id: number;
  kind: AwardDecisionKind;
  payload_json: string;
  reason: string;
  decided_by: number | null;
  decided_at: Timestamp;
}

/** The awarded places of each announced version. */
export interface AwardWinnersTable {
  contest_id: number;
  allocation_version: number;
  prize_index: number;
  place: number;
  entry_id: number;
  prize_name: string;
  prize_name_en: string | null;
  prize_kind: 'jury' | 'public_vote';
  amount_vnd: number;
  is_by_committee: ColumnType<Bool, Bool | undefined, Bool>;
}

export interface DB {
  award_allocations: AwardAllocationsTable;
  award_decisions: AwardDecisionsTable;
  award_winners: AwardWinnersTable;
  judging_rounds: JudgingRoundsTable;
  judging_round_jurors: JudgingRoundJurorsTable;
  judging_round_entries: JudgingRoundEntriesTable;
  judging_assignments: JudgingAssignmentsTable;
  judging_blocks: JudgingBlocksTable;
  judging_blind_codes: JudgingBlindCodesTable;
  judging_scores: JudgingScoresTable;
  judging_reminders: JudgingRemindersTable;
  judging_manual_reminders: JudgingManualRemindersTable;
  judging_score_versions: JudgingScoreVersionsTable;
  judging_tie_decisions: JudgingTieDecisionsTable;
  jobs: JobsTable;
  entries: EntriesTable;
  entry_slots: EntrySlotsTable;
  entry_code_counters: EntryCodeCountersTable;
  uploads: UploadsTable;
  renditions: RenditionsTable;
  fingerprints: FingerprintsTable;
  reference_clips: ReferenceClipsTable;
  originality_flags: OriginalityFlagsTable;
  subtitles: SubtitlesTable;
  reviews: ReviewsTable;
  notifications: NotificationsTable;
  publications: PublicationsTable;
  entry_reports: EntryReportsTable;
  news_posts: NewsPostsTable;
  deadline_reminders: DeadlineRemindersTable;
  unit_reminders: UnitRemindersTable;
  consents: ConsentsTable;
  erasure_requests: ErasureRequestsTable;
  retention_runs: RetentionRunsTable;
  entry_events: EntryEventsTable;
  users: UsersTable;
  sessions: SessionsTable;
  password_resets: PasswordResetsTable;
  login_throttle: LoginThrottleTable;
  rate_limits: RateLimitsTable;
  address_codes: AddressCodesTable;
  contests: ContestsTable;
  contest_phases: ContestPhasesTable;
  unit_categories: UnitCategoriesTable;
  units: UnitsTable;
  roster_members: RosterMembersTable;
  budget_estimates: BudgetEstimatesTable;
  budget_lines: BudgetLinesTable;
  budget_reviews: BudgetReviewsTable;
  certificates: CertificatesTable;
  document_settings: DocumentSettingsTable;
  contest_roles: ContestRolesTable;
  audit_log: AuditLogTable;
  meta: MetaTable;
  altcha_spent: AltchaSpentTable;
  voters: VotersTable;
  voter_sessions: VoterSessionsTable;
  code_requests: CodeRequestsTable;
  code_failures: CodeFailuresTable;
  votes: VotesTable;
  vote_log: VoteLogTable;
  vote_log_heads: VoteLogHeadsTable;
  voting_resident_lists: VotingResidentListsTable;
  voting_residents: VotingResidentsTable;
  voting_tie_decisions: VotingTieDecisionsTable;
  voting_results: VotingResultsTable;
  fanpage_counts: FanpageCountsTable;
  vote_digests: VoteDigestsTable;
  vote_integrity_cursor: VoteIntegrityCursorTable;
}

export type UserRow = Selectable<UsersTable>;
export type ContestRow = Selectable<ContestsTable>;
export type EntryRow = Selectable<EntriesTable>;
export type JobRow = Selectable<JobsTable>;
export type JudgingRoundRow = Selectable<JudgingRoundsTable>;
