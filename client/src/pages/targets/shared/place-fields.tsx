import { TextField } from '../../../components/form-field';
import type { HouseholdPlace } from '@gridguard/types';

export type PlaceField = keyof HouseholdPlace;
export const EMPTY_PLACE: HouseholdPlace = { street: '', building: '', unit: '', door: '' };

/** 街道、村或小区, then 楼栋, 单元 and 门牌: the address is composed from them, as a household's. */
export function PlaceFields(props: {
  place: HouseholdPlace;
  errors: Partial<Record<PlaceField, string>>;
  onChange: (field: PlaceField, value: string) => void;
}) {
  const { place, errors, onChange } = props;
  return (
    <>
      <TextField
        label="街道、村或小区"
        error={errors.street}
        value={place.street}
        maxlength={50}
        placeholder="如：沙头社区东街、沙头工业区"
        onChange={(value) => onChange('street', value)}
      />
      <TextField
        label="楼栋"
        optional
        error={errors.building}
        value={place.building}
        maxlength={8}
        placeholder="如：3"
        onChange={(value) => onChange('building', value)}
      />
      <TextField
        label="单元"
        optional
        error={errors.unit}
        value={place.unit}
        maxlength={8}
        placeholder="如：2"
        onChange={(value) => onChange('unit', value)}
      />
      <TextField
        label="门牌号或房号"
        optional
        error={errors.door}
        value={place.door}
        maxlength={8}
        placeholder="如：12 或 501"
        onChange={(value) => onChange('door', value)}
      />
    </>
  );
}

/**
 * `楼栋 3 · 单元 2 · 门牌 501`: the parts as typed, under the composed address; null when the
 * place is a street alone (the address says it all).
 */
export function placeParts(place: HouseholdPlace): string | null {
  const parts = [
    place.building && `楼栋 ${place.building}`,
    place.unit && `单元 ${place.unit}`,
    place.door && `门牌 ${place.door}`,
  ].filter(Boolean);
  return parts.length > 0 ? `${place.street} · ${parts.join(' · ')}` : null;
}
