import { Picker, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { addDays, chinaToday } from '@gridguard/types';
import { ChoiceChips } from '../../../components/choice-chips';
import { FormField } from '../../../components/form-field';
import { CannotOpen, ResourcePage, StatusBlock } from '../../../components/status-block';
import { SubmitBar } from '../../../components/submit-bar';
import { useFormSubmit } from '../../../hooks/use-form-submit';
import { useResource } from '../../../hooks/use-resource';
import { toastDone } from '../../../interaction';
import { decodeParam, goBack } from '../../../routes';
import { getGridDetail, type GridDetail } from '../../../services/grids';
import {
  changeTenants,
  getRental,
  LEASE_END_AHEAD_DAYS,
  LEASE_START_AHEAD_DAYS,
  LEASE_START_BACK_DAYS,
  type RentalView,
  type TenantView,
} from '../../../services/targets';
import { PersonPicker, pickerScopes, type PickedPerson } from '../shared/person-picker';
import '../shared/index.css';

type Field = 'personId' | 'start' | 'end';
const END_OPTIONS = [
  { value: 'fixed', label: '有结束日期' },
  { value: 'open', label: '不定期' },
] as const;

/** 添加租客 to a rental (`?rentalId=`), or 修改租期 of one of its tenants (`&personId=`). */
export default function TenantPage() {
  const params = useRouter().params;
  const rentalId = decodeParam(params.rentalId);
  const personId = decodeParam(params.personId);
  if (!rentalId) {
    return <CannotOpen missing="出租屋编号" from="出租屋页面" />;
  }
  return <TenantLoader rentalId={rentalId} personId={personId} />;
}

function TenantLoader({ rentalId, personId }: { rentalId: string; personId: string }) {
  const load = useCallback(() => getRental(rentalId), [rentalId]);
  const { state, reload } = useResource(load);
  return (
    <ResourcePage state={state} onRetry={reload}>
      {(rental) => {
        const tenant = personId ? rental.tenants.find((t) => t.personId === personId) : null;
        if (personId && !tenant?.person) {
          return (
            <View className="page">
              <StatusBlock kind="error" title="找不到该租客" message="可能已被移除，请返回刷新" />
            </View>
          );
        }
        return <GridLoader rental={rental} tenant={tenant ?? null} />;
      }}
    </ResourcePage>
  );
}

function GridLoader({ rental, tenant }: { rental: RentalView; tenant: TenantView | null }) {
  const load = useCallback(() => getGridDetail(rental.gridId), [rental.gridId]);
  const { state, reload } = useResource(load);
  return (
    <ResourcePage state={state} onRetry={reload}>
      {(detail) => <TenantForm detail={detail} rental={rental} tenant={tenant} />}
    </ResourcePage>
  );
}

function TenantForm(props: { detail: GridDetail; rental: RentalView; tenant: TenantView | null }) {
  const { rental, tenant } = props;
  const today = chinaToday();
  const [person, setPerson] = useState<PickedPerson | null>(() =>
    tenant?.person
      ? { id: tenant.person.id, name: tenant.person.name, phoneMasked: tenant.person.phoneMasked }
      : null,
  );
  const [start, setStart] = useState(tenant?.leaseStart ?? today);
  const [end, setEnd] = useState<string | null>(tenant ? tenant.leaseEnd : addDays(today, 364));
  const form = useFormSubmit<Field>();

  if (!rental.may.edit) {
    return (
      <View className="page">
        <StatusBlock kind="error" title="无法编辑" message="您没有登记该出租屋租客的权限" />
      </View>
    );
  }

  const onSubmit = async () => {
    if (!person) {
      form.setErrors({ personId: '请选择租客' });
      return;
    }
    if (end !== null && end < start) {
      form.setErrors({ end: '租期结束日期不能早于开始日期' });
      return;
    }
    const changes = [{ personId: person.id, lease: { start, end } }];
    if (!(await form.send(() => changeTenants(rental.id, changes)))) return;
    toastDone(tenant ? '已保存' : '已添加');
    goBack();
  };

  const listed = rental.tenants.map((t) => t.personId);
  return (
    <View className="page target-form">
      <Text className="page__title">{tenant ? `修改租期：${person?.name ?? ''}` : '添加租客'}</Text>
      <Text className="page__hint">{rental.address}</Text>
      {tenant ? null : (
        <PersonPicker
          label="租客"
          scopes={pickerScopes(props.detail)}
          picked={person}
          error={form.errors.personId}
          excluded={{
            ids: [rental.landlordId, ...listed],
            reason: '是本出租屋的房东或已登记的租客',
          }}
          onPick={(picked) => {
            setPerson(picked);
            form.fixed('personId');
          }}
        />
      )}
      <FormField label="租期开始" error={form.errors.start}>
        <Picker
          mode="date"
          value={start}
          start={addDays(today, -LEASE_START_BACK_DAYS)}
          end={addDays(today, LEASE_START_AHEAD_DAYS)}
          onChange={(e) => {
            setStart(e.detail.value);
            form.fixed('start');
            form.fixed('end');
          }}
        >
          <View className="text-input">{start}</View>
        </Picker>
      </FormField>
      <FormField label="租期结束" error={form.errors.end}>
        <ChoiceChips
          options={END_OPTIONS}
          value={end === null ? 'open' : 'fixed'}
          onChange={(choice) => {
            setEnd(choice === 'open' ? null : addDays(start, 364));
            form.fixed('end');
          }}
        />
        {end === null ? null : (
          <Picker
            mode="date"
            value={end}
            start={start}
            end={addDays(today, LEASE_END_AHEAD_DAYS)}
            onChange={(e) => {
              setEnd(e.detail.value);
              form.fixed('end');
            }}
          >
            <View className="text-input">{end}</View>
          </Picker>
        )}
      </FormField>
      <SubmitBar
        message={form.message}
        busy={form.busy}
        label={tenant ? '保存' : '添加'}
        busyLabel="保存中…"
        onSubmit={() => void onSubmit()}
      />
    </View>
  );
}
