import { Picker } from '@tarojs/components';
import type { RegionPickerProps } from './contract';

/** WeChat's own region picker: it knows the names and the codes (统计用区划代码) itself. */
export function RegionPicker({ value, onPick, children }: RegionPickerProps) {
  // WeChat opens at its first province when told nothing; names it does not know open there too.
  const start = value.province ? [value.province, value.city, value.district] : [];
  return (
    <Picker
      mode="region"
      value={start}
      onChange={(e) => {
        const [province = '', city = '', district = ''] = e.detail.value;
        const codes = e.detail.code;
        const code = [...codes].reverse().find((one) => /^[1-9]\d{5}$/.test(one)) ?? '';
        onPick({ province, city, district, code });
      }}
    >
      {children}
    </Picker>
  );
}
