/**
 * What the simulated people do, as data: sessions of steps (ask for a code, type it, vote) with their addresses and
 * devices. The rule-level runner (runner.ts) plays them against core/voting; an HTTP runner can play the same
 * sessions against the server from loopback addresses.
 */
import type { IdentityKind } from '@core/voting/settings.ts';

export interface IdentityInput {
  kind: IdentityKind;
  input: string;
}

interface StepBase {
  /** Milliseconds after the previous step finished (or after the session starts, for the first step). */
  delayMs: number;
  /** Overrides the session's address or device for this step (rotating attackers). */
  address?: string;
  device?: string | null;
}

export type Step =
  | (StepBase & { kind: 'requestCode'; identity: IdentityInput })
  | (StepBase & { kind: 'enterCode'; typo?: boolean })
  | (StepBase & {
      kind: 'vote';
      entry: string;
      /**
       * Honest: this is a vote the person means to cast (a double tap after it is not). Attack: every vote step is an
       * attempt.
       */
      intent: boolean;
    });

export interface Session {
  /** Group the session is reported under, e.g. "honest: carrier NAT" or "attack: flood". */
  group: string;
  honest: boolean;
  /** Sessions that only ask for codes (SMS pumping) are reported as sends, not votes. */
  pump?: boolean;
  person: string;
  startAt: number;
  address: string;
  device: string | null;
  steps: Step[];
  /**
   * Honest people verify when the vote page asks them to: with this identity, switching to `fallbackEmail` when text
   * messages are refused, typing the code wrong first with `typo`, and looking around for `browseMs` before voting.
   */
  verifyAs?: IdentityInput;
  fallbackEmail?: string;
  typo?: boolean;
  browseMs?: number;
}
