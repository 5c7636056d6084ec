import { useTranslation } from 'react-i18next';
import type { ContestView } from '../../api/types.ts';
import { formatVnd } from '../../lib/format.ts';

export function PrizeTable({ view }: { view: ContestView }) {
  const { t, i18n } = useTranslation();
  if (view.prizes.length === 0) return <p>{t('home.prizes.none')}</p>;
  return (
    <>
      <table className="prizes" data-testid="prizes">
        <thead>
          <tr>
            <th scope="col">{t('home.prizes.name')}</th>
            <th scope="col" className="num">
              {t('home.prizes.count')}
            </th>
            <th scope="col" className="num">
              {t('home.prizes.amount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {view.prizes.map((p, i) => (
            <tr key={i}>
              <th scope="row">
                {(i18n.language === 'en' && p.nameEn) || p.name}
                <span className="prize-kind">{t(`prizeKind.${p.kind}`)}</span>
              </th>
              <td className="num">{p.count}</td>
              <td className="num">{formatVnd(p.amountVnd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="total" data-testid="prize-total">
        {t('home.prizes.total')} <strong>{formatVnd(view.totalPrizeMoneyVnd)}</strong>
      </p>
    </>
  );
}
