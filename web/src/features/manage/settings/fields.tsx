import type { ReactNode } from 'react';
import { Button, Form, Input, type FormListFieldData } from 'antd';
import { useTranslation } from 'react-i18next';

/** The rules most settings fields share: `required` (filled in) and `text` (filled with more than spaces). */
export function useRequiredRules() {
  const { t } = useTranslation();
  const message = t('settings.required');
  return { required: [{ required: true, message }], text: [{ required: true, whitespace: true, message }] };
}

/**
 * Rows the organizer adds and removes (unit categories, prizes, criteria): each a numbered fieldset with its fields
 * and a Remove button; then the Add button, and what `footer` shows under the list (a running total, its errors).
 */
export function RowList({
  name,
  legend,
  removeLabel,
  addText,
  newRow,
  children,
  footer,
}: {
  name: string;
  legend: (n: number) => string;
  removeLabel: (n: number) => string;
  addText: string;
  newRow: object;
  children: (field: FormListFieldData) => ReactNode;
  footer?: (errors: ReactNode[]) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Form.List name={name}>
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map((f, i) => (
            <fieldset key={f.key} className="manage-row manage-fieldset">
              <legend>{legend(i + 1)}</legend>
              {children(f)}
              <div className="manage-row-action">
                <Button danger onClick={() => remove(f.name)} aria-label={removeLabel(i + 1)}>
                  {t('common.remove')}
                </Button>
              </div>
            </fieldset>
          ))}
          <Button type="dashed" onClick={() => add(newRow)}>
            {addText}
          </Button>
          {footer?.(errors)}
        </>
      )}
    </Form.List>
  );
}

/** A row's name in Vietnamese (required) and in English (optional). */
export function NameFields({ field, label }: { field: FormListFieldData; label: string }) {
  const { t } = useTranslation();
  const { text } = useRequiredRules();
  return (
    <>
      <Form.Item name={[field.name, 'name']} label={label} className="grow" rules={text}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name={[field.name, 'nameEn']} label={t('settings.nameEn')} className="grow">
        <Input maxLength={200} />
      </Form.Item>
    </>
  );
}
