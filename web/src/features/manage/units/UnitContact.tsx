import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export interface Contact {
  name: string | null;
  position: string | null;
  phone: string | null;
  email: string | null;
}

/** A unit's contact person as the staff call or write to them: name, position, phone and e-mail as links. */
export function UnitContact({ contact, testId }: { contact: Contact; testId?: string }) {
  const { t } = useTranslation();
  if (!contact.name && !contact.phone && !contact.email)
    return <Typography.Text type="secondary">{t('unitContacts.none')}</Typography.Text>;
  return (
    <div className="unit-contact" data-testid={testId}>
      {contact.name && <strong>{contact.name}</strong>}
      {contact.position && <div>{contact.position}</div>}
      {contact.phone && (
        <div>
          <a href={`tel:${contact.phone}`}>{contact.phone}</a>
        </div>
      )}
      {contact.email && (
        <div>
          <a href={`mailto:${contact.email}`}>{contact.email}</a>
        </div>
      )}
    </div>
  );
}
