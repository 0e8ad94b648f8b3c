import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { RELATIONS, type Relation } from '@gridguard/types';
import { ChoiceChips } from '../../../components/choice-chips';
import { FormField, TextField } from '../../../components/form-field';
import { CannotOpen, ResourcePage, StatusBlock } from '../../../components/status-block';
import { SubmitBar } from '../../../components/submit-bar';
import { useFormSubmit } from '../../../hooks/use-form-submit';
import { useResource } from '../../../hooks/use-resource';
import { toastDone } from '../../../interaction';
import { decodeParam, goBack } from '../../../routes';
import {
  addPerson,
  editPerson,
  getRegisterHousehold,
  RESIDENCIES,
  RESIDENCY_LABELS,
  submissionKey,
  type CareMark,
  type PersonFieldsInput,
  type PersonView,
  type RegisterHouseholdView,
  type Residency,
} from '../../../services/register';
import { MarkChips, toggleMark } from '../shared/mark-chips';

const RELATION_OPTIONS = RELATIONS.map((relation) => ({ value: relation, label: relation }));
const RESIDENCY_OPTIONS = RESIDENCIES.map((value) => ({ value, label: RESIDENCY_LABELS[value] }));

type Field = 'name' | 'relation' | 'idNumber' | 'phone' | 'residency' | 'care';

interface Draft {
  name: string;
  relation: Relation | null;
  idNumber: string;
  phone: string;
  residency: Residency | null;
  care: CareMark[];
}

/** 添加成员 to a household (`?householdId=`), or 编辑 one of its people (`&personId=`). */
export default function RegisterPersonPage() {
  const params = useRouter().params;
  const householdId = decodeParam(params.householdId);
  const personId = decodeParam(params.personId);
  if (!householdId) {
    return <CannotOpen missing="住户编号" from="住户页面" />;
  }
  return <PersonLoader householdId={householdId} personId={personId} />;
}

function PersonLoader({ householdId, personId }: { householdId: string; personId: string }) {
  const load = useCallback(() => getRegisterHousehold(householdId), [householdId]);
  const { state, reload } = useResource(load);
  return (
    <ResourcePage state={state} onRetry={reload}>
      {(household) => {
        const person = personId ? household.people.find((p) => p.id === personId) : null;
        if (personId && !person) {
          return (
            <View className="page">
              <StatusBlock
                kind="error"
                title="找不到该成员"
                message="可能已被删除或迁移，请返回刷新"
              />
            </View>
          );
        }
        return <PersonForm household={household} person={person ?? null} />;
      }}
    </ResourcePage>
  );
}

const isRelation = (value: string): value is Relation =>
  (RELATIONS as readonly string[]).includes(value);

const startingDraft = (person: PersonView | null): Draft => ({
  name: person?.name ?? '',
  relation: person && isRelation(person.relation) ? person.relation : null,
  // Full numbers are never sent to a form: blank keeps what is registered.
  idNumber: '',
  phone: '',
  residency: person?.residency ?? null,
  care: person?.care ?? [],
});

function PersonForm(props: { household: RegisterHouseholdView; person: PersonView | null }) {
  const { household, person } = props;
  const [draft, setDraft] = useState<Draft>(() => startingDraft(person));
  const [key] = useState(submissionKey);
  const form = useFormSubmit<Field>();
  // Someone on WeChat keeps their own name and numbers; staff record the rest.
  const ownDetailsLocked = person?.hasWechat ?? false;

  if (!household.may.editPeople) {
    return (
      <View className="page">
        <StatusBlock kind="error" title="无法编辑" message="您没有登记该住户成员的权限" />
      </View>
    );
  }

  const onSubmit = async () => {
    const errors: Partial<Record<Field, string>> = {};
    if (!draft.name.trim()) errors.name = '请填写姓名';
    if (!draft.relation) errors.relation = '请选择与户主的关系';
    if (!draft.residency) errors.residency = '请选择户籍、常住或流动';
    if (!draft.relation || !draft.residency || errors.name) {
      form.setErrors(errors);
      return;
    }
    const idNumber = draft.idNumber.trim();
    const phone = draft.phone.trim();
    const fields: PersonFieldsInput = {
      name: draft.name,
      relation: draft.relation,
      residency: draft.residency,
      care: draft.care,
      ...(idNumber && { idNumber }),
      ...(phone && { phone }),
    };
    const saved = await form.send(() =>
      person ? editPerson(person.id, fields) : addPerson(household.id, key, fields),
    );
    if (!saved) return;
    toastDone(person ? '已保存' : '已添加');
    goBack();
  };

  const keepHint = (masked: string | null | undefined) =>
    masked ? `已登记 ${masked}，留空则不修改` : undefined;

  return (
    <View className="page register-person-form">
      <Text className="page__title">{person ? `编辑：${person.name}` : '添加成员'}</Text>
      <Text className="page__hint">{household.address}</Text>
      {ownDetailsLocked ? (
        <Text className="notice">该居民已用微信加入，姓名、身份证号和手机号由本人维护。</Text>
      ) : (
        <TextField
          label="姓名"
          error={form.errors.name}
          value={draft.name}
          maxlength={20}
          placeholder="请输入姓名"
          onChange={(name) => {
            setDraft((d) => ({ ...d, name }));
            form.fixed('name');
          }}
        />
      )}
      <FormField label="与户主关系" error={form.errors.relation}>
        <ChoiceChips
          options={RELATION_OPTIONS}
          value={draft.relation}
          onChange={(relation) => {
            setDraft((d) => ({ ...d, relation }));
            form.fixed('relation');
          }}
        />
      </FormField>
      {ownDetailsLocked ? null : (
        <>
          <TextField
            label="身份证号"
            optional
            error={form.errors.idNumber}
            hint={keepHint(person?.idNumberMasked) ?? '完整号码仅网格长可查看，查看留痕'}
            type="idcard"
            value={draft.idNumber}
            maxlength={18}
            placeholder="18 位身份证号"
            onChange={(idNumber) => {
              setDraft((d) => ({ ...d, idNumber }));
              form.fixed('idNumber');
            }}
          />
          <TextField
            label="手机号"
            optional
            error={form.errors.phone}
            hint={keepHint(person?.phoneMasked)}
            type="number"
            value={draft.phone}
            maxlength={11}
            placeholder="11 位手机号"
            onChange={(phone) => {
              setDraft((d) => ({ ...d, phone }));
              form.fixed('phone');
            }}
          />
        </>
      )}
      <FormField label="户籍 / 常住 / 流动" error={form.errors.residency}>
        <ChoiceChips
          options={RESIDENCY_OPTIONS}
          value={draft.residency}
          onChange={(residency) => {
            setDraft((d) => ({ ...d, residency }));
            form.fixed('residency');
          }}
        />
      </FormField>
      <FormField label="重点关爱" optional error={form.errors.care} hint="可多选">
        <MarkChips
          value={draft.care}
          onToggle={(mark) => setDraft((d) => ({ ...d, care: toggleMark(d.care, mark) }))}
        />
      </FormField>
      <SubmitBar
        message={form.message}
        busy={form.busy}
        label={person ? '保存' : '添加'}
        busyLabel="保存中…"
        onSubmit={() => void onSubmit()}
      />
    </View>
  );
}
