/** The controls above a staff table that narrow it. */
import { Input, Select } from 'antd';

/** A search box, labelled for screen readers by `label`. */
export function SearchInput({
  value,
  onChange,
  label,
  placeholder,
  testId,
  width = 280,
}: {
  value: string;
  onChange: (q: string) => void;
  label: string;
  placeholder: string;
  testId: string;
  width?: number;
}) {
  return (
    <Input
      type="search"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      placeholder={placeholder}
      aria-label={label}
      data-testid={testId}
      style={{ width }}
    />
  );
}

/** A filter that may be cleared; its label is also its placeholder. `search` lets a long list be typed into. */
export function FilterSelect<V extends string | number>({
  value,
  onChange,
  label,
  options,
  width,
  search,
  testId,
}: {
  value: V | undefined;
  onChange: (v: V | undefined) => void;
  label: string;
  options: { value: V; label: string }[];
  width: number;
  search?: boolean;
  testId?: string;
}) {
  return (
    <Select<V>
      allowClear
      showSearch={search}
      optionFilterProp={search ? 'label' : undefined}
      value={value}
      onChange={onChange}
      placeholder={label}
      aria-label={label}
      style={{ width }}
      data-testid={testId}
      options={options}
    />
  );
}
