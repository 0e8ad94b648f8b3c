import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { RELATIONS, type Relation } from '@gridguard/types';
import { ChoiceChips } from '../../../components/choice-chips';
import { FormField } from '../../../components/form-field';
import { ListHead } from '../../../components/list-head';
import { PagedStates } from '../../../components/paged-states';
import { CannotOpen, ResourcePage, StatusBlock } from '../../../components/status-block';
import { SubmitBar } from '../../../components/submit-bar';
import { useFormSubmit } from '../../../hooks/use-form-submit';
import { usePagedList } from '../../../hooks/use-paged-list';
import { useResource } from '../../../hooks/use-resource';
import { askToConfirm, toastDone } from '../../../interaction';
import { decodeParam, goBack } from '../../../routes';
import {
  getRegisterHousehold,
  listRegisterHouseholds,
  movePerson,
  type HouseholdRow as Row,
  type PersonView,
  type RegisterHouseholdView,
} from '../../../services/register';
import { HouseholdRow } from '../shared/household-row';

const RELATION_OPTIONS = RELATIONS.map((relation) => ({ value: relation, label: relation }));

/**
 * 迁移 (`?personId=&householdId=&gridId=`): the person moves house to another household under the
 * node; their returns, observations, reports and errands stay theirs.
 */
export default function RegisterMovePage() {
  const params = useRouter().params;
  const personId = decodeParam(params.personId);
  const householdId = decodeParam(params.householdId);
  const gridId = decodeParam(params.gridId);
  if (!personId || !householdId || !gridId) {
    return <CannotOpen missing="居民或住户编号" from="住户页面" />;
  }
  return <MoveLoader personId={personId} householdId={householdId} gridId={gridId} />;
}

function MoveLoader(props: { personId: string; householdId: string; gridId: string }) {
  const load = useCallback(() => getRegisterHousehold(props.householdId), [props.householdId]);
  const { state, reload } = useResource(load);
  return (
    <ResourcePage state={state} onRetry={reload}>
      {(from) => {
        const person = from.people.find((p) => p.id === props.personId);
        if (!person) {
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
        return <MoveForm from={from} person={person} gridId={props.gridId} />;
      }}
    </ResourcePage>
  );
}

function MoveForm(props: { from: RegisterHouseholdView; person: PersonView; gridId: string }) {
  const { from, person, gridId } = props;
  const [target, setTarget] = useState<Row | null>(null);
  const [relation, setRelation] = useState<Relation | null>(null);
  const form = useFormSubmit<'relation' | 'householdId'>();
  const fetchPage = useCallback((page: number) => listRegisterHouseholds(gridId, page), [gridId]);
  const list = usePagedList(fetchPage);

  const onSubmit = async () => {
    if (!target) {
      form.setMessage('请先选择要迁入的住户');
      return;
    }
    if (!relation) {
      form.setErrors({ relation: '请选择与新户主的关系' });
      return;
    }
    const sure = await askToConfirm(
      '迁移居民',
      `把 ${person.name} 从「${from.address}」迁入「${target.address}」？其返乡、观察和打卡记录随人保留。`,
      '迁移',
    );
    if (!sure) return;
    const moved = await form.send(() => movePerson(person.id, target.id, relation));
    if (!moved) return;
    toastDone('已迁移');
    goBack();
  };

  return (
    <View className="page register-move">
      <Text className="page__title">迁移：{person.name}</Text>
      <Text className="page__hint">
        现住：{from.address}。选择搬入的住户（正在居家观察或有未完成代购的，完成后再迁移）。
      </Text>
      <FormField label="与新户主关系" error={form.errors.relation}>
        <ChoiceChips
          options={RELATION_OPTIONS}
          value={relation}
          onChange={(value) => {
            setRelation(value);
            form.fixed('relation');
          }}
        />
      </FormField>
      <SubmitBar
        message={form.message}
        busy={form.busy}
        label={target ? `迁入 ${target.address}` : '迁入所选住户'}
        busyLabel="迁移中…"
        onSubmit={() => void onSubmit()}
      />
      <ListHead title="选择住户" list={list.state} unit="户" />
      <PagedStates list={list} failedTitle="住户加载失败" empty={{ title: '暂无其他住户' }}>
        {(items) =>
          items
            .filter((row) => row.id !== from.id)
            .map((row) => (
              <HouseholdRow
                key={row.id}
                row={row}
                selected={target?.id === row.id}
                onOpen={() => setTarget(row)}
              />
            ))
        }
      </PagedStates>
    </View>
  );
}
