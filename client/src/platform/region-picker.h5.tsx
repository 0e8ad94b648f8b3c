import { Picker } from '@tarojs/components';
import { areaList } from '@vant/area-data';
import { useState } from 'react';
import type { RegionPickerProps, RegionValue } from './contract';

interface Region {
  code: string;
  name: string;
}

const sorted = (list: Record<string, string>): Region[] =>
  Object.entries(list)
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.code.localeCompare(b.code));

const PROVINCES = sorted(areaList.province_list);
const CITIES = sorted(areaList.city_list);
const DISTRICTS = sorted(areaList.county_list);

// A city's code starts with its province's two digits, a district's with its city's four.
const citiesOf = (province: Region | undefined) =>
  province ? CITIES.filter((city) => city.code.startsWith(province.code.slice(0, 2))) : [];
const districtsOf = (city: Region | undefined) =>
  city ? DISTRICTS.filter((district) => district.code.startsWith(city.code.slice(0, 4))) : [];

/** A column with nothing under the level above still needs a row to show. */
const NONE = '—';
const column = (regions: Region[]) => (regions.length > 0 ? regions.map((r) => r.name) : [NONE]);

const at = (regions: Region[], name: string) =>
  Math.max(
    0,
    regions.findIndex((region) => region.name === name),
  );

/** The wheels' positions for a value, its names matched where they can be, else the first row. */
function indicesOf(value: RegionValue): [number, number, number] {
  const p = at(PROVINCES, value.province);
  const cities = citiesOf(PROVINCES[p]);
  const c = at(cities, value.city);
  return [p, c, at(districtsOf(cities[c]), value.district)];
}

/**
 * Taro's h5 Picker has no region mode (it opens an empty column), so the same pick is built from
 * three dependent columns over the GB/T 2260 list that @vant/area-data ships.
 */
export function RegionPicker({ value, onPick, children }: RegionPickerProps) {
  const [indices, setIndices] = useState<[number, number, number]>(() => indicesOf(value));
  const province = PROVINCES[indices[0]];
  const cities = citiesOf(province);
  const city = cities[indices[1]];
  const districts = districtsOf(city);

  return (
    <Picker
      mode="multiSelector"
      range={[column(PROVINCES), column(cities), column(districts)]}
      value={indices}
      onColumnChange={(e) => {
        const { column: changed, value: row } = e.detail;
        setIndices((previous) => {
          if (changed === 0) return [row, 0, 0];
          if (changed === 1) return [previous[0], row, 0];
          return [previous[0], previous[1], row];
        });
      }}
      onCancel={() => setIndices(indicesOf(value))}
      onChange={(e) => {
        const [p = 0, c = 0, d = 0] = e.detail.value;
        const pickedProvince = PROVINCES[p];
        if (!pickedProvince) return;
        const pickedCity = citiesOf(pickedProvince)[c];
        const pickedDistrict = districtsOf(pickedCity)[d];
        setIndices([p, c, d]);
        onPick({
          province: pickedProvince.name,
          city: pickedCity?.name ?? '',
          district: pickedDistrict?.name ?? '',
          code: (pickedDistrict ?? pickedCity ?? pickedProvince).code,
        });
      }}
    >
      {children}
    </Picker>
  );
}
