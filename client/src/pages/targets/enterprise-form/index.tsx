import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { ChoiceChips } from '../../../components/choice-chips';
import { FormField, TextField } from '../../../components/form-field';
import { CannotOpen, ResourcePage, StatusBlock } from '../../../components/status-block';
import { SubmitBar } from '../../../components/submit-bar';
import { ToggleSwitch } from '../../../components/toggle-switch';
import { useFormSubmit } from '../../../hooks/use-form-submit';
import { useResource } from '../../../hooks/use-resource';
import { toastDone } from '../../../interaction';
import { decodeParam, goBack, routes } from '../../../routes';
import { getGridDetail } from '../../../services/grids';
import {
  createEnterprise,
  editEnterprise,
  ENTERPRISE_STATUS_LABELS,
  ENTERPRISE_STATUSES,
  getEnterprise,
  submissionKey,
  WORKFORCE_MAX,
  type EnterpriseFieldsInput,
  type EnterpriseStatus,
  type EnterpriseView,
} from '../../../services/targets';
import { EMPTY_PLACE, PlaceFields, type PlaceField } from '../shared/place-fields';
import '../shared/index.css';

type Field = PlaceField | 'name' | 'leaderName' | 'phone' | 'workforce' | 'status' | 'note';
const STATUS_OPTIONS = ENTERPRISE_STATUSES.map((value) => ({
  value,
  label: ENTERPRISE_STATUS_LABELS[value],
}));

/** 新建企业 on a leaf (`?gridId=`) or 编辑 an enterprise (`?enterpriseId=`). */
export default function EnterpriseFormPage() {
  const params = useRouter().params;
  const gridId = decodeParam(params.gridId);
  const enterpriseId = decodeParam(params.enterpriseId);
  if (enterpriseId) return <EditLoader enterpriseId={enterpriseId} />;
  if (gridId) return <NewLoader gridId={gridId} />;
  return <CannotOpen missing="网格或企业编号" from="企业列表" />;
}

function EditLoader({ enterpriseId }: { enterpriseId: string }) {
  const load = useCallback(() => getEnterprise(enterpriseId), [enterpriseId]);
  const { state, reload } = useResource(load);
  return (
    <ResourcePage state={state} onRetry={reload}>
      {(enterprise) =>
        enterprise.may.edit ? (
          <EnterpriseForm gridId={enterprise.gridId} enterprise={enterprise} />
        ) : (
          <NotAllowed />
        )
      }
    </ResourcePage>
  );
}

function NewLoader({ gridId }: { gridId: string }) {
  const load = useCallback(() => getGridDetail(gridId), [gridId]);
  const { state, reload } = useResource(load);
  return (
    <ResourcePage state={state} onRetry={reload}>
      {(detail) =>
        detail.can.registerPeople ? (
          <EnterpriseForm gridId={gridId} enterprise={null} />
        ) : (
          <NotAllowed />
        )
      }
    </ResourcePage>
  );
}

function NotAllowed() {
  return (
    <View className="page">
      <StatusBlock kind="error" title="无法编辑" message="您没有登记该网格企业的权限" />
    </View>
  );
}

function EnterpriseForm(props: { gridId: string; enterprise: EnterpriseView | null }) {
  const { enterprise } = props;
  const [name, setName] = useState(enterprise?.name ?? '');
  const [place, setPlace] = useState(() => enterprise?.place ?? EMPTY_PLACE);
  const [leaderName, setLeaderName] = useState(enterprise?.leaderName ?? '');
  // Full numbers are never sent to a form: blank keeps what is registered.
  const [phone, setPhone] = useState('');
  const [erasePhone, setErasePhone] = useState(false);
  const [workforce, setWorkforce] = useState(enterprise ? String(enterprise.workforce) : '');
  const [status, setStatus] = useState<EnterpriseStatus | null>(enterprise?.status ?? null);
  const [note, setNote] = useState(enterprise?.note ?? '');
  const [key] = useState(submissionKey);
  const form = useFormSubmit<Field>();

  const text = (field: Field, set: (value: string) => void) => (value: string) => {
    set(value);
    form.fixed(field);
  };

  const onSubmit = async () => {
    const errors: Partial<Record<Field, string>> = {};
    const count = Number(workforce);
    if (name.trim().length < 2) errors.name = '请填写企业名称（至少 2 个字）';
    if (!place.street.trim()) errors.street = '请填写街道、村或小区';
    if (!leaderName.trim()) errors.leaderName = '请填写负责人姓名';
    if (workforce.trim() === '' || !Number.isInteger(count) || count < 0 || count > WORKFORCE_MAX)
      errors.workforce = `职工人数应为 0–${WORKFORCE_MAX}`;
    if (!status) errors.status = '请选择复工状态';
    if (Object.keys(errors).length > 0 || !status) {
      form.setErrors(errors);
      return;
    }
    const typed = phone.trim();
    const fields: EnterpriseFieldsInput = {
      name,
      place,
      leaderName,
      workforce: count,
      status,
      note,
      // Typed: the new number; 清除: none; left blank: what is registered stays.
      ...(typed ? { phone: typed } : erasePhone ? { phone: null } : {}),
    };
    if (enterprise) {
      if (await form.send(() => editEnterprise(enterprise.id, fields))) {
        toastDone('已保存');
        goBack();
      }
      return;
    }
    const made = await form.send(() => createEnterprise(props.gridId, key, fields));
    if (!made) return;
    toastDone('已登记');
    Taro.redirectTo({ url: routes.enterprise(made.data.id) }).catch(() => goBack());
  };

  return (
    <View className="page target-form">
      <Text className="page__title">{enterprise ? '编辑企业' : '新建企业'}</Text>
      <TextField
        label="企业名称"
        error={form.errors.name}
        value={name}
        maxlength={40}
        placeholder="如：沙头五金制品厂"
        onChange={text('name', setName)}
      />
      <PlaceFields
        place={place}
        errors={form.errors}
        onChange={(field, value) => {
          setPlace((current) => ({ ...current, [field]: value }));
          form.fixed(field);
        }}
      />
      <TextField
        label="负责人"
        error={form.errors.leaderName}
        value={leaderName}
        maxlength={20}
        placeholder="负责人姓名"
        onChange={text('leaderName', setLeaderName)}
      />
      <TextField
        label="负责人手机号"
        optional
        type="number"
        error={form.errors.phone}
        hint={
          enterprise?.phoneMasked
            ? `已登记 ${enterprise.phoneMasked}，留空则不修改`
            : '完整号码仅网格员拨打时查看，查看留痕'
        }
        value={phone}
        maxlength={11}
        placeholder="11 位手机号"
        onChange={text('phone', setPhone)}
      />
      {enterprise?.phoneMasked && !phone.trim() ? (
        <ToggleSwitch
          checked={erasePhone}
          onText="保存时清除已登记的手机号"
          offText="保留已登记的手机号"
          onChange={setErasePhone}
        />
      ) : null}
      <TextField
        label="职工人数"
        type="number"
        error={form.errors.workforce}
        value={workforce}
        maxlength={6}
        placeholder={`0–${WORKFORCE_MAX}`}
        onChange={text('workforce', setWorkforce)}
      />
      <FormField label="复工状态" error={form.errors.status}>
        <ChoiceChips
          options={STATUS_OPTIONS}
          value={status}
          onChange={(value) => {
            setStatus(value);
            form.fixed('status');
          }}
        />
      </FormField>
      <TextField
        label="备注"
        optional
        error={form.errors.note}
        value={note}
        maxlength={200}
        placeholder="如：已落实测温消毒"
        onChange={text('note', setNote)}
      />
      <SubmitBar
        message={form.message}
        busy={form.busy}
        label={enterprise ? '保存' : '登记'}
        busyLabel="保存中…"
        onSubmit={() => void onSubmit()}
      />
    </View>
  );
}
