import { useTranslation } from 'react-i18next';
import type { EntryForm } from '@core/contest.ts';
import type { GalleryPage } from '../../api/types.ts';
import type { GalleryQuery } from '../../api/gallery-query.ts';

interface Props {
  facets: GalleryPage['facets'] | undefined;
  topics: readonly string[];
  query: GalleryQuery;
  search: string;
  onSearch: (text: string) => void;
  onChange: (next: GalleryQuery) => void;
}

const num = (v: string) => (v === '' ? undefined : Number(v));

/**
 * Search (diacritics optional: the server folds them) and the three filters, each option with its count. The names
 * and values are the page's own address parameters, so that without JavaScript the button sends the form as a GET
 * and the server renders the matches; with it, the page applies each change at once.
 */
export function GalleryFilters({ facets, topics, query, search, onSearch, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <form
      className="gallery-filters"
      role="search"
      method="get"
      onSubmit={(e) => e.preventDefault()}
      data-testid="gallery-filters"
    >
      <div className="field gallery-search">
        <label htmlFor="gallery-q">{t('gallery.search')}</label>
        <input
          id="gallery-q"
          name="q"
          type="search"
          value={search}
          onChange={(e) => onSearch(e.target.value)}
          placeholder={t('gallery.searchHint')}
          aria-describedby="gallery-q-note"
          maxLength={100}
          autoComplete="off"
          data-testid="gallery-search"
        />
        <small id="gallery-q-note" className="gallery-search-note">
          {t('gallery.searchNote')}
        </small>
      </div>
      <div className="field">
        <label htmlFor="gallery-form">{t('gallery.form')}</label>
        <select
          id="gallery-form"
          name="form"
          value={query.form ?? ''}
          onChange={(e) => onChange({ ...query, form: (e.target.value || undefined) as EntryForm | undefined })}
          data-testid="gallery-form"
        >
          <option value="">{t('gallery.allForms')}</option>
          {facets?.forms.map((f) => (
            <option key={f.form} value={f.form}>
              {t('gallery.option', { label: t(`entryForm.${f.form}`), count: f.count })}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="gallery-unit">{t('gallery.unit')}</label>
        <select
          id="gallery-unit"
          name="unit"
          value={query.unitId ?? ''}
          onChange={(e) => onChange({ ...query, unitId: num(e.target.value) })}
          data-testid="gallery-unit"
        >
          <option value="">{t('gallery.allUnits')}</option>
          {facets?.units.map((u) => (
            <option key={u.unitId} value={u.unitId}>
              {t('gallery.option', { label: u.unitName, count: u.count })}
            </option>
          ))}
        </select>
      </div>
      {(facets?.topics.length ?? 0) > 0 && (
        <div className="field">
          <label htmlFor="gallery-topic">{t('gallery.topic')}</label>
          <select
            id="gallery-topic"
            name="topic"
            // Numbered from 1, as in the address.
            value={query.topicIndex === undefined ? '' : query.topicIndex + 1}
            onChange={(e) => {
              const n = num(e.target.value);
              onChange({ ...query, topicIndex: n === undefined ? undefined : n - 1 });
            }}
            data-testid="gallery-topic"
          >
            <option value="">{t('gallery.allTopics')}</option>
            {facets?.topics.map((tp) => (
              <option key={tp.topicIndex} value={tp.topicIndex + 1}>
                {t('gallery.option', {
                  label: topics[tp.topicIndex] ?? t('gallery.topicN', { n: tp.topicIndex + 1 }),
                  count: tp.count,
                })}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="gallery-submit">
        <button type="submit" className="button button-secondary" data-testid="gallery-submit">
          {t('gallery.submit')}
        </button>
      </div>
    </form>
  );
}
