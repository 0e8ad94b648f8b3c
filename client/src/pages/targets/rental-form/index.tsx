import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { TextField } from '../../../components/form-field';
import { CannotOpen, ResourcePage, StatusBlock } from '../../../components/status-block';
import { SubmitBar } from '../../../components/submit-bar';
import { useFormSubmit } from '../../../hooks/use-form-submit';
import { useResource } from '../../../hooks/use-resource';
import { toastDone } from '../../../interaction';
import { decodeParam, goBack, routes } from '../../../routes';
import { getGridDetail, type GridDetail } from '../../../services/grids';
import {
  createRental,
  editRental,
  getRental,
  RENTAL_ROOMS_MAX,
  submissionKey,
  type RentalView,
} from '../../../services/targets';
import { PersonPicker, pickerScopes, type PickedPerson } from '../shared/person-picker';
import { EMPTY_PLACE, PlaceFields, type PlaceField } from '../shared/place-fields';
import '../shared/index.css';

type Field = PlaceField | 'rooms' | 'landlordId' | 'note';

/** 新建出租屋 on a leaf (`?gridId=`) or 编辑 a rental (`?rentalId=`). */
export default function RentalFormPage() {
  const params = useRouter().params;
  const gridId = decodeParam(params.gridId);
  const rentalId = decodeParam(params.rentalId);
  if (rentalId) return <EditLoader rentalId={rentalId} />;
  if (gridId) return <GridLoader gridId={gridId} rental={null} />;
  return <CannotOpen missing="网格或出租屋编号" from="出租屋列表" />;
}

function EditLoader({ rentalId }: { rentalId: string }) {
  const load = useCallback(() => getRental(rentalId), [rentalId]);
  const { state, reload } = useResource(load);
  return (
    <ResourcePage state={state} onRetry={reload}>
      {(rental) => <GridLoader gridId={rental.gridId} rental={rental} />}
    </ResourcePage>
  );
}

/** The rental's node: where the landlord is looked for (it, and the node above it). */
function GridLoader({ gridId, rental }: { gridId: string; rental: RentalView | null }) {
  const load = useCallback(() => getGridDetail(gridId), [gridId]);
  const { state, reload } = useResource(load);
  return (
    <ResourcePage state={state} onRetry={reload}>
      {(detail) => <RentalForm detail={detail} rental={rental} />}
    </ResourcePage>
  );
}

function RentalForm({ detail, rental }: { detail: GridDetail; rental: RentalView | null }) {
  const [place, setPlace] = useState(() => rental?.place ?? EMPTY_PLACE);
  const [rooms, setRooms] = useState(rental ? String(rental.rooms) : '');
  const [note, setNote] = useState(rental?.note ?? '');
  const [landlord, setLandlord] = useState<PickedPerson | null>(() =>
    rental?.landlord
      ? {
          id: rental.landlord.id,
          name: rental.landlord.name,
          phoneMasked: rental.landlord.phoneMasked,
        }
      : null,
  );
  // One key for this form: a retry after a lost answer finds the rental made the first time.
  const [key] = useState(submissionKey);
  const form = useFormSubmit<Field>();

  if (!(rental ? rental.may.edit : detail.can.registerPeople)) {
    return (
      <View className="page">
        <StatusBlock kind="error" title="无法编辑" message="您没有登记该网格出租屋的权限" />
      </View>
    );
  }

  const onSubmit = async () => {
    const errors: Partial<Record<Field, string>> = {};
    const count = Number(rooms);
    if (!place.street.trim()) errors.street = '请填写街道、村或小区';
    if (!Number.isInteger(count) || count < 1 || count > RENTAL_ROOMS_MAX)
      errors.rooms = `出租间数应为 1–${RENTAL_ROOMS_MAX}`;
    if (!landlord) errors.landlordId = '请选择房东';
    if (Object.keys(errors).length > 0 || !landlord) {
      form.setErrors(errors);
      return;
    }
    const fields = { place, rooms: count, landlordId: landlord.id, note };
    if (rental) {
      if (await form.send(() => editRental(rental.id, fields))) {
        toastDone('已保存');
        goBack();
      }
      return;
    }
    const made = await form.send(() => createRental(detail.node.id, key, fields));
    if (!made) return;
    toastDone('已登记');
    // On to the new rental, to add its tenants, in place of this form.
    Taro.redirectTo({ url: routes.rental(made.data.id) }).catch(() => goBack());
  };

  // Tenants may not be the landlord too: the server refuses, the picker says so first.
  const tenantIds = rental?.tenants.map((t) => t.personId) ?? [];
  return (
    <View className="page target-form">
      <Text className="page__title">{rental ? '编辑出租屋' : '新建出租屋'}</Text>
      <Text className="page__hint">所属网格：{detail.node.name}</Text>
      <PlaceFields
        place={place}
        errors={form.errors}
        onChange={(field, value) => {
          setPlace((current) => ({ ...current, [field]: value }));
          form.fixed(field);
        }}
      />
      <TextField
        label="出租间数"
        type="number"
        error={form.errors.rooms}
        value={rooms}
        maxlength={3}
        placeholder={`1–${RENTAL_ROOMS_MAX}`}
        onChange={(value) => {
          setRooms(value);
          form.fixed('rooms');
        }}
      />
      <PersonPicker
        label="房东"
        scopes={pickerScopes(detail)}
        picked={landlord}
        error={form.errors.landlordId}
        excluded={{ ids: tenantIds, reason: '已是本出租屋的租客' }}
        onPick={(person) => {
          setLandlord(person);
          form.fixed('landlordId');
        }}
      />
      <TextField
        label="备注"
        optional
        error={form.errors.note}
        value={note}
        maxlength={200}
        placeholder="如：二楼整层出租、房东电话常用微信联系"
        onChange={(value) => {
          setNote(value);
          form.fixed('note');
        }}
      />
      <SubmitBar
        message={form.message}
        busy={form.busy}
        label={rental ? '保存' : '登记'}
        busyLabel="保存中…"
        onSubmit={() => void onSubmit()}
      />
    </View>
  );
}
