import { useTranslation } from 'react-i18next';

type Source = 'platform' | 'fanpage';
type Outcome = { kind: 'pending' } | { kind: 'noVotes' } | { kind: string; winners?: string[] };

export interface PrizeView {
  shown: Source[];
  deciding: Source;
  outcome: Outcome;
  fanpage?: {
    formula: { vi: string; en: string };
    ranking: { entry: string; score: number }[];
    outcome: Outcome;
  };
}

/**
 * Which count gives the most-voted prize, as the contest's settings say: the platform's votes, the fanpage's figures
 * (with the formula in words and the confirmed figures), or both with the deciding one named.
 */
export function VotingPrizeSource({ prize }: { prize: PrizeView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const winners = (o: Outcome) =>
    o.kind === 'pending'
      ? t('votingPrize.pending')
      : 'winners' in o && o.winners?.length
        ? o.winners.join(', ')
        : t('votingPrize.none');
  return (
    <div data-testid="voting-prize">
      <p>
        {prize.shown.length === 2
          ? t('votingPrize.both', { source: t(`votingPrize.source.${prize.deciding}`) })
          : t('votingPrize.only', { source: t(`votingPrize.source.${prize.deciding}`) })}{' '}
        <strong>
          {t('votingPrize.leading')}: {winners(prize.outcome)}
        </strong>
      </p>
      {prize.fanpage && (
        <>
          <h3>{t('votingPrize.fanpageTitle')}</h3>
          <p className="hint">{prize.fanpage.formula[lang]}</p>
          {prize.fanpage.ranking.length > 0 ? (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('votingResults.entry')}</th>
                  <th scope="col">{t('votingPrize.score')}</th>
                </tr>
              </thead>
              <tbody>
                {prize.fanpage.ranking.map((r) => (
                  <tr key={r.entry}>
                    <th scope="row">{r.entry}</th>
                    <td>{r.score.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="hint">{t('votingPrize.fanpageNotYet')}</p>
          )}
        </>
      )}
    </div>
  );
}
