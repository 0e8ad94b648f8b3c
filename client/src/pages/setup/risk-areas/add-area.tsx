import { Button, Picker, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { RISK_LEVELS, RISK_LEVEL_LABELS } from '@gridguard/types';
import { ChoiceChips } from '../../../components/choice-chips';
import { FormField } from '../../../components/form-field';
import { RegionPicker, type RegionPick } from '../../../platform/region-picker';
import { chinaToday } from '../../../services/returns';
import type { RiskAreaInput } from '../../../services/setup';

type Scope = 'province' | 'city' | 'district';
type Level = (typeof RISK_LEVELS)[number];

const LEVEL_OPTIONS = RISK_LEVELS.map((level) => ({
  value: level,
  label: RISK_LEVEL_LABELS[level],
}));

/** The widths a pick allows: a province has no 到市, a city picked without a district no 到区县. */
function scopesOf(pick: RegionPick): { value: Scope; label: string }[] {
  const scopes: { value: Scope; label: string }[] = [{ value: 'province', label: '到省' }];
  if (pick.city) scopes.push({ value: 'city', label: '到市' });
  if (pick.district) scopes.push({ value: 'district', label: '到区县' });
  return scopes;
}

/** A province's code is its two digits then zeros, a city's its four: the area covers them all. */
function areaOf(
  pick: RegionPick,
  scope: Scope,
): Pick<RiskAreaInput, 'province' | 'city' | 'district' | 'code'> {
  if (scope === 'province') {
    return {
      province: pick.province,
      city: '',
      district: '',
      code: `${pick.code.slice(0, 2)}0000`,
    };
  }
  if (scope === 'city') {
    return {
      province: pick.province,
      city: pick.city,
      district: '',
      code: `${pick.code.slice(0, 4)}00`,
    };
  }
  return { province: pick.province, city: pick.city, district: pick.district, code: pick.code };
}

export const areaName = (area: { province: string; city?: string; district?: string }) =>
  `${area.province}${area.city ?? ''}${area.district ?? ''}`;

/** 添加风险地区: pick a region, say how wide the area is, its level and the day it counts from. */
export function AddArea({
  onAdd,
}: {
  /** Resolves with a reason when the area cannot be added (already listed), else null. */
  onAdd: (area: RiskAreaInput) => string | null;
}) {
  const today = chinaToday();
  const [pick, setPick] = useState<RegionPick | null>(null);
  const [scope, setScope] = useState<Scope | null>(null);
  const [level, setLevel] = useState<Level | null>(null);
  const [since, setSince] = useState(today);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const add = () => {
    const found: Record<string, string> = {};
    if (!pick) found.region = '请选择地区';
    else if (!scope) found.scope = '请选择范围';
    if (!level) found.level = '请选择风险等级';
    setErrors(found);
    if (!pick || !scope || !level || Object.keys(found).length > 0) return;
    const refused = onAdd({ ...areaOf(pick, scope), level, since });
    if (refused) {
      setErrors({ region: refused });
      return;
    }
    setPick(null);
    setScope(null);
    setLevel(null);
    setSince(today);
  };

  return (
    <View className="card risk-areas__add">
      <FormField label="地区" error={errors.region}>
        <RegionPicker
          value={pick ?? { province: '', city: '', district: '' }}
          onPick={(picked) => {
            setPick(picked);
            // The widest the pick allows is rarely meant; the narrowest is what was picked.
            const scopes = scopesOf(picked);
            setScope(scopes[scopes.length - 1]?.value ?? null);
            setErrors({});
          }}
        >
          <View className="text-input">
            {pick ? (
              <Text className="risk-areas__picked">{areaName(pick)}</Text>
            ) : (
              <Text className="risk-areas__pick-label">选择省市区 ›</Text>
            )}
          </View>
        </RegionPicker>
      </FormField>
      {pick ? (
        <FormField
          label="范围"
          hint="到省：全省；到市：全市；到区县：仅该区县"
          error={errors.scope}
        >
          <ChoiceChips options={scopesOf(pick)} value={scope} onChange={setScope} />
        </FormField>
      ) : null}
      <FormField label="风险等级" error={errors.level}>
        <ChoiceChips options={LEVEL_OPTIONS} value={level} onChange={setLevel} />
      </FormField>
      <FormField label="生效日期" hint="此日及以后抵达的返乡人员按此分类">
        <Picker mode="date" value={since} onChange={(e) => setSince(e.detail.value)}>
          <View className="text-input">{since}</View>
        </Picker>
      </FormField>
      <Button className="btn btn--secondary btn--block" hoverClass="btn--pressed" onClick={add}>
        添加
      </Button>
    </View>
  );
}
