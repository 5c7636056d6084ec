import { DatePicker } from 'antd';
import dayjs from 'dayjs';
// Month and weekday names in the picker when the staff area is in Vietnamese (antd's vi_VN locale asks dayjs for them).
import 'dayjs/locale/vi';

/** How staff type and read a date and time, whatever the browser's own locale: 24-hour, day first. */
export const STAFF_DATE_TIME = 'DD/MM/YYYY HH:mm';
const WALL = 'YYYY-MM-DDTHH:mm';

/**
 * A date and time in the contest's zone, as the form keeps it ("2026-12-11T00:00", no zone), entered as
 * dd/MM/yyyy HH:mm with Ant Design's picker in the staff area's language; an empty value is ''.
 */
export function WallClockPicker({
  value,
  onChange,
  id,
  ...rest
}: {
  value?: string;
  onChange?: (value: string) => void;
  id?: string;
  'aria-describedby'?: string;
  'data-testid'?: string;
}) {
  const parsed = value ? dayjs(value) : null;
  return (
    <DatePicker
      id={id}
      showTime={{ format: 'HH:mm' }}
      format={STAFF_DATE_TIME}
      value={parsed?.isValid() ? parsed : null}
      onChange={(d) => onChange?.(d ? d.format(WALL) : '')}
      // Enter confirms the typed date in the picker; it must not also send the whole form around it.
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.preventDefault();
      }}
      style={{ width: 200 }}
      {...rest}
    />
  );
}
