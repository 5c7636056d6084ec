import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Author } from '@core/entry.ts';
import { CURRENT_LICENCE } from '@core/licence.ts';
import type { ContestView, EntryDraft } from '../../api/types.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { AUTHOR_FIELDS, CONSENT_PURPOSE, emptyAuthor } from './draft.ts';

interface Props {
  draft: EntryDraft;
  contest: ContestView;
  readOnly: boolean;
  /** Field errors from the server, keyed by path ("title", "authors.0.fullName"). */
  errors: Record<string, string>;
  onChange(next: EntryDraft): void;
}

/** The id of the input for a field path, so that the list of missing items can link to each field. */
export function fieldId(path: string): string {
  const m = /^authors\.(\d+)\.(\w+)$/.exec(path);
  if (m) return `author-${m[1]}-${m[2]}`;
  return `entry-${path}`;
}

function Field({
  id,
  label,
  hint,
  error,
  required,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required && (
          <span className="req" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

const described = (id: string, hint?: string, error?: string) =>
  [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;

/** The entry's details (R5, R8, R9) and the consent to process personal data, as one editable draft. */
export function EntryForm({ draft, contest, readOnly, errors, onChange }: Props) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const set = <K extends keyof EntryDraft>(key: K, value: EntryDraft[K]) => onChange({ ...draft, [key]: value });
  const setAuthor = (i: number, key: keyof Author, value: string) =>
    set(
      'authors',
      draft.authors.map((a, j) => (j === i ? { ...a, [key]: value } : a)),
    );
  const forms = contest.entryRules.allowedForms;

  const text = (path: 'title' | 'groupName', label: string, opts: { hint?: string; required?: boolean } = {}) => {
    const id = fieldId(path);
    return (
      <Field id={id} label={label} hint={opts.hint} error={errors[path]} required={opts.required}>
        <input
          id={id}
          value={draft[path]}
          onChange={(e) => set(path, e.target.value)}
          aria-invalid={errors[path] ? true : undefined}
          aria-describedby={described(id, opts.hint, errors[path])}
          maxLength={300}
        />
      </Field>
    );
  };

  return (
    <fieldset className="entry-form" disabled={readOnly} data-testid="entry-form">
      <legend className="sr-only">{t('entry.form.legend')}</legend>
      <section className="card" aria-labelledby="work-title">
        <h2 id="work-title">{t('entry.form.work')}</h2>
        <div className="form">
          {text('title', t('entry.form.title'), { required: true })}
          <Field id={fieldId('form')} label={t('entry.form.form')} error={errors.form} required>
            <select
              id={fieldId('form')}
              value={draft.form ?? ''}
              onChange={(e) => set('form', (e.target.value || null) as EntryDraft['form'])}
            >
              <option value="">{t('entry.form.choose')}</option>
              {forms.map((f) => (
                <option key={f} value={f}>
                  {t(`entryForm.${f}`)}
                </option>
              ))}
            </select>
          </Field>
          {contest.topics.length > 0 && (
            <Field id={fieldId('topicIndex')} label={t('entry.form.topic')} hint={t('entry.form.topicHint')}>
              <select
                id={fieldId('topicIndex')}
                value={draft.topicIndex ?? ''}
                onChange={(e) => set('topicIndex', e.target.value === '' ? null : Number(e.target.value))}
                aria-describedby={`${fieldId('topicIndex')}-hint`}
              >
                <option value="">{t('entry.form.topicOther')}</option>
                {contest.topics.map((topic, i) => (
                  <option key={i} value={i}>{`${i + 1}. ${topic}`}</option>
                ))}
              </select>
            </Field>
          )}
          <Field
            id={fieldId('synopsis')}
            label={t('entry.form.synopsis')}
            hint={t('entry.form.synopsisHint')}
            error={errors.synopsis}
            required
          >
            <textarea
              id={fieldId('synopsis')}
              rows={5}
              value={draft.synopsis}
              maxLength={5000}
              onChange={(e) => set('synopsis', e.target.value)}
              aria-describedby={described(fieldId('synopsis'), 'hint', errors.synopsis)}
            />
          </Field>
        </div>
      </section>

      <section className="card" aria-labelledby="authors-title" id={fieldId('authors')} tabIndex={-1}>
        <h2 id="authors-title">{t('entry.form.authors')}</h2>
        <p className="hint">{t('entry.form.authorsHint')}</p>
        <div className="choice" role="radiogroup" aria-label={t('entry.form.authorKind')}>
          <label>
            <input type="radio" name="isGroup" checked={!draft.isGroup} onChange={() => set('isGroup', false)} />{' '}
            {t('entry.form.single')}
          </label>
          <label>
            <input
              type="radio"
              name="isGroup"
              checked={draft.isGroup}
              onChange={() => set('isGroup', true)}
              data-testid="is-group"
            />{' '}
            {t('entry.form.group')}
          </label>
        </div>
        {draft.isGroup && (
          <div className="form">{text('groupName', t('entry.form.groupName'), { required: true })}</div>
        )}
        <ol className="authors">
          {draft.authors.map((a, i) => (
            <li key={i} className="author" data-testid={`author-${i}`}>
              <div className="author-head">
                <h3>{draft.isGroup ? t('entry.form.memberN', { n: i + 1 }) : t('entry.form.authorN', { n: i + 1 })}</h3>
                {draft.authors.length > 1 && !readOnly && (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() =>
                      set(
                        'authors',
                        draft.authors.filter((_, j) => j !== i),
                      )
                    }
                    aria-label={t('entry.form.removeAuthorN', { n: i + 1 })}
                  >
                    {t('common.remove')}
                  </button>
                )}
              </div>
              <div className="form author-fields">
                {AUTHOR_FIELDS.map((f) => {
                  const id = fieldId(`authors.${i}.${f}`);
                  const err = errors[`authors.${i}.${f}`];
                  const hint = f === 'phone' || f === 'address' ? t('entry.form.privateHint') : undefined;
                  return (
                    <Field
                      key={f}
                      id={id}
                      label={t(`entry.form.author.${f}`)}
                      hint={hint}
                      error={err}
                      required={f !== 'email'}
                    >
                      <input
                        id={id}
                        value={a[f]}
                        onChange={(e) => setAuthor(i, f, e.target.value)}
                        type={f === 'phone' ? 'tel' : f === 'email' ? 'email' : 'text'}
                        autoComplete={
                          i === 0
                            ? (
                                {
                                  fullName: 'name',
                                  position: 'organization-title',
                                  unitName: 'organization',
                                  address: 'street-address',
                                  phone: 'tel',
                                  email: 'email',
                                } as const
                              )[f]
                            : 'off'
                        }
                        aria-invalid={err ? true : undefined}
                        aria-describedby={described(id, hint, err)}
                        maxLength={f === 'address' ? 500 : f === 'phone' ? 30 : 200}
                      />
                    </Field>
                  );
                })}
              </div>
            </li>
          ))}
        </ol>
        {(draft.isGroup || draft.authors.length === 0) && !readOnly && draft.authors.length < 30 && (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => set('authors', [...draft.authors, emptyAuthor()])}
            data-testid="add-author"
          >
            {draft.isGroup ? t('entry.form.addMember') : t('entry.form.addAuthor')}
          </button>
        )}
      </section>

      <section className="card" aria-labelledby="decl-title">
        <h2 id="decl-title">{t('entry.form.declarations')}</h2>
        <div className="form">
          <div className="field check">
            <input
              id={fieldId('originalityDeclared')}
              type="checkbox"
              checked={draft.originalityDeclared}
              onChange={(e) => set('originalityDeclared', e.target.checked)}
              aria-describedby="usage-licence"
            />
            <label htmlFor={fieldId('originalityDeclared')}>{t('entry.form.originality')}</label>
            <p id="usage-licence" className="hint" data-testid="usage-licence">
              {t('usageLicence.accept')} {CURRENT_LICENCE[lang]}
            </p>
          </div>
          <Field
            id={fieldId('thirdPartyMaterial')}
            label={t('entry.form.thirdParty')}
            hint={t('entry.form.thirdPartyHint')}
          >
            <textarea
              id={fieldId('thirdPartyMaterial')}
              rows={3}
              maxLength={5000}
              value={draft.thirdPartyMaterial}
              onChange={(e) => set('thirdPartyMaterial', e.target.value)}
              aria-describedby={`${fieldId('thirdPartyMaterial')}-hint`}
            />
          </Field>
          <div className="field check">
            <input
              id={fieldId('consentGiven')}
              type="checkbox"
              checked={draft.consentGiven}
              onChange={(e) => set('consentGiven', e.target.checked)}
              aria-describedby="consent-purpose"
            />
            <label htmlFor={fieldId('consentGiven')}>{t('entry.form.consent')}</label>
            <p id="consent-purpose" className="hint consent-purpose">
              {CONSENT_PURPOSE[lang]}
            </p>
          </div>
        </div>
      </section>
    </fieldset>
  );
}
