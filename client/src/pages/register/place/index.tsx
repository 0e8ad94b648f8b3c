import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { TextField } from '../../../components/form-field';
import { CannotOpen, ResourcePage } from '../../../components/status-block';
import { SubmitBar } from '../../../components/submit-bar';
import { useFormSubmit } from '../../../hooks/use-form-submit';
import { useResource } from '../../../hooks/use-resource';
import { toastDone } from '../../../interaction';
import { decodeParam, goBack, routes } from '../../../routes';
import {
  createHousehold,
  editHousehold,
  getRegisterHousehold,
  submissionKey,
  type HouseholdPlace,
  type RegisterHouseholdView,
} from '../../../services/register';

type PlaceField = keyof HouseholdPlace;
const EMPTY: HouseholdPlace = { street: '', building: '', unit: '', door: '' };

/** 新建住户 on a leaf (`?gridId=`) or 编辑住址 of a household (`?householdId=`). */
export default function RegisterPlacePage() {
  const params = useRouter().params;
  const gridId = decodeParam(params.gridId);
  const householdId = decodeParam(params.householdId);
  if (householdId) return <EditLoader householdId={householdId} />;
  if (gridId) return <PlaceForm gridId={gridId} household={null} />;
  return <CannotOpen missing="网格或住户编号" from="住户列表" />;
}

function EditLoader({ householdId }: { householdId: string }) {
  const load = useCallback(() => getRegisterHousehold(householdId), [householdId]);
  const { state, reload } = useResource(load);
  return (
    <ResourcePage state={state} onRetry={reload}>
      {(household) => <PlaceForm gridId={household.gridId} household={household} />}
    </ResourcePage>
  );
}

/** An older household has only its address: it starts as the street, to be split up by hand. */
const startingPlace = (household: RegisterHouseholdView | null): HouseholdPlace =>
  household ? (household.place ?? { ...EMPTY, street: household.address }) : EMPTY;

function PlaceForm(props: { gridId: string; household: RegisterHouseholdView | null }) {
  const { household } = props;
  const [place, setPlace] = useState<HouseholdPlace>(() => startingPlace(household));
  // One key for this form: a retry after a lost answer finds the household made the first time.
  const [key] = useState(submissionKey);
  const form = useFormSubmit<PlaceField>();

  const set = (field: PlaceField) => (value: string) => {
    setPlace((current) => ({ ...current, [field]: value }));
    form.fixed(field);
  };

  const onSubmit = async () => {
    if (!place.street.trim()) {
      form.setErrors({ street: '请填写街道、村或小区' });
      return;
    }
    if (household) {
      const saved = await form.send(() => editHousehold(household.id, place));
      if (!saved) return;
      toastDone('已保存');
      goBack();
      return;
    }
    const made = await form.send(() => createHousehold(props.gridId, key, place));
    if (!made) return;
    toastDone('已建户');
    // On to the new household, to add its people, in place of this form: back returns to the list.
    Taro.redirectTo({ url: routes.registerHousehold(made.data.id, props.gridId) }).catch(() => {
      goBack();
    });
  };

  return (
    <View className="page register-place">
      <Text className="page__title">{household ? '编辑住址' : '新建住户'}</Text>
      <Text className="page__hint">
        村里填街巷和门牌号（如 东街 12）；小区填小区名、楼栋、单元和房号（如 碧桂园 3 栋 2 单元
        501）。
      </Text>
      <TextField
        label="街道、村或小区"
        error={form.errors.street}
        value={place.street}
        maxlength={50}
        placeholder="如：沙头社区东街、碧桂园"
        onChange={set('street')}
      />
      <TextField
        label="楼栋"
        optional
        error={form.errors.building}
        value={place.building}
        maxlength={8}
        placeholder="如：3"
        onChange={set('building')}
      />
      <TextField
        label="单元"
        optional
        error={form.errors.unit}
        value={place.unit}
        maxlength={8}
        placeholder="如：2"
        onChange={set('unit')}
      />
      <TextField
        label="门牌号或房号"
        optional
        error={form.errors.door}
        value={place.door}
        maxlength={8}
        placeholder="如：12 或 501"
        onChange={set('door')}
      />
      <SubmitBar
        message={form.message}
        busy={form.busy}
        label={household ? '保存' : '建户'}
        busyLabel="保存中…"
        onSubmit={() => void onSubmit()}
      />
    </View>
  );
}
