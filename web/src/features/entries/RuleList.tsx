import { useTranslation } from 'react-i18next';
import type { EntryRules } from '@core/contest.ts';
import type { VideoRule } from '@core/video-policy.ts';
import { ruleName } from './rule-names.ts';

export interface RuleLine {
  rule: VideoRule;
  state: 'passed' | 'failed' | 'unchecked';
  message?: string;
}

const MARK = { passed: '✓', failed: '✗', unchecked: '–' } as const;

/** Each check with its outcome; a failed one says what was found and what to do. */
export function RuleList({ lines, rules }: { lines: RuleLine[]; rules?: EntryRules }) {
  const { t } = useTranslation();
  return (
    <ul className="rules" data-testid="rule-list">
      {lines.map((l) => (
        <li key={l.rule} className={`rule rule-${l.state}`} data-rule={l.rule} data-state={l.state}>
          <span className="rule-mark" aria-hidden="true">
            {MARK[l.state]}
          </span>
          <span className="rule-body">
            <span className="rule-name">{ruleName(t, l.rule, rules)}</span>
            <span className="rule-state">{t(`entry.file.ruleState.${l.state}`)}</span>
            {l.message && <span className="rule-message">{l.message}</span>}
          </span>
        </li>
      ))}
    </ul>
  );
}
