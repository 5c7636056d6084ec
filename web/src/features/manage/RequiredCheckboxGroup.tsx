import { Checkbox } from 'antd';
import type { ComponentProps } from 'react';

type Props = ComponentProps<typeof Checkbox.Group> & { 'aria-required'?: unknown };

/**
 * A checkbox group inside a required Form.Item. Form.Item gives its control `aria-required`, which ARIA does not
 * allow on a group of checkboxes (axe: aria-allowed-attr, critical); the group keeps the rest (id, aria-invalid,
 * aria-describedby for the error) and says it is a group.
 */
export function RequiredCheckboxGroup(props: Props) {
  const { 'aria-required': _required, ...rest } = props;
  return <Checkbox.Group role="group" {...rest} />;
}
