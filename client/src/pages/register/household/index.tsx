import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { ReasonForm } from '../../../components/reason-form';
import { CannotOpen, ResourcePage, StatusBlock } from '../../../components/status-block';
import { usePullRefresh } from '../../../hooks/use-pull-refresh';
import { useResource } from '../../../hooks/use-resource';
import { confirmDestructive, toastDone } from '../../../interaction';
import { decodeParam, goBack, openPage, routes } from '../../../routes';
import {
  getRegisterHousehold,
  regenerateDoorCode,
  removeHousehold,
  removePerson,
  type PersonView,
  type RegisterHouseholdView,
} from '../../../services/register';
import { ContactLine } from './contact-line';
import { RegisterPersonRow } from './person-row';
import './index.css';

/** One household for grid staff (`?id=&gridId=`): its place, door code and people. */
export default function RegisterHouseholdPage() {
  const params = useRouter().params;
  const householdId = decodeParam(params.id);
  const gridId = decodeParam(params.gridId);
  if (!householdId) {
    return <CannotOpen missing="住户编号" from="住户列表" />;
  }
  return <HouseholdLoader householdId={householdId} gridId={gridId} />;
}

function HouseholdLoader({ householdId, gridId }: { householdId: string; gridId: string }) {
  const load = useCallback(() => getRegisterHousehold(householdId), [householdId]);
  const { state, reload } = useResource(load);
  usePullRefresh(reload);
  return (
    <ResourcePage state={state} onRetry={reload}>
      {(household) => (
        <HouseholdView
          household={household}
          // Moving looks for households where the list was opened, else on the household's node.
          gridId={gridId || household.gridId}
          reload={reload}
        />
      )}
    </ResourcePage>
  );
}

function HouseholdView(props: {
  household: RegisterHouseholdView;
  gridId: string;
  reload: () => Promise<void>;
}) {
  const { household, gridId, reload } = props;
  const [removing, setRemoving] = useState<PersonView | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (write: () => Promise<{ ok: boolean; message?: string }>, done: string) => {
    if (busy) return false;
    setBusy(true);
    setMessage(null);
    const result = await write();
    setBusy(false);
    if (!result.ok) {
      setMessage(result.message ?? '操作失败，请重试');
      return false;
    }
    toastDone(done);
    return true;
  };

  const onRegenerate = async () => {
    const sure = await confirmDestructive(
      `重新生成「${household.address}」的门牌码？旧门牌码 ${household.code} 将立即失效，门上张贴的需要更换。`,
      '重新生成',
    );
    if (sure && (await run(() => regenerateDoorCode(household.id), '已更换门牌码'))) {
      await reload();
    }
  };

  const onRemoveHousehold = async () => {
    if (household.people.length > 0) {
      setMessage(`该住户还有 ${household.people.length} 人，请先迁移或删除`);
      return;
    }
    const sure = await confirmDestructive(
      `删除住户「${household.address}」？删除后不能恢复。`,
      '删除',
    );
    if (sure && (await run(() => removeHousehold(household.id), '已删除'))) goBack();
  };

  if (removing) {
    return (
      <View className="page register-household">
        <Text className="page__title">删除成员：{removing.name}</Text>
        <Text className="page__hint">
          仅用于登记错误或重复登记。已搬家的请用「迁移」，以保留其返乡、观察和打卡记录。
        </Text>
        <ReasonForm
          label="删除原因"
          placeholder="如：重复登记"
          submitText="删除"
          destructive
          backText="返回"
          confirm={() =>
            confirmDestructive(`从「${household.address}」删除 ${removing.name}？`, '删除')
          }
          submit={(reason) => removePerson(removing.id, reason)}
          onDone={() => {
            setRemoving(null);
            toastDone('已删除');
            void reload();
          }}
          onBack={() => setRemoving(null)}
        />
      </View>
    );
  }

  const { may } = household;
  return (
    <View className="page register-household">
      <View className="card">
        <Text className="register-household__address">{household.address}</Text>
        <Text className="register-household__line">所属网格：{household.gridName}</Text>
        {household.place ? <PlaceLines household={household} /> : null}
        <Text className="register-household__line">
          门牌码：<Text className="register-household__code">{household.code}</Text>
        </Text>
        {may.manage ? (
          <View className="btn-row">
            <Button
              className="btn btn--secondary btn--small"
              hoverClass="btn--pressed"
              onClick={() => openPage(routes.registerPlace({ householdId: household.id }))}
            >
              编辑住址
            </Button>
            <Button
              className="btn btn--secondary btn--small"
              hoverClass="btn--pressed"
              disabled={busy ? true : undefined}
              onClick={() => void onRegenerate()}
            >
              重新生成门牌码
            </Button>
            <Button
              className="btn btn--secondary btn--small"
              hoverClass="btn--pressed"
              onClick={() => openPage(routes.posters(household.gridId, household.id))}
            >
              打印门牌码
            </Button>
          </View>
        ) : null}
        <ContactLine household={household} mayAssign={may.manage} onChanged={() => void reload()} />
      </View>

      {message ? <Text className="notice notice--error">{message}</Text> : null}

      <View className="section">
        <View className="section__head">
          <Text className="section__title">家庭成员</Text>
          <Text className="section__meta">共 {household.people.length} 人</Text>
        </View>
        {may.editPeople ? (
          <Button
            className="btn btn--primary btn--block"
            hoverClass="btn--pressed"
            onClick={() => openPage(routes.registerPerson(household.id))}
          >
            添加成员
          </Button>
        ) : null}
        {household.people.length === 0 ? (
          <StatusBlock kind="empty" title="暂无登记的家庭成员" />
        ) : (
          household.people.map((person) => (
            <RegisterPersonRow
              key={person.id}
              person={person}
              mayEdit={may.editPeople}
              mayManage={may.manage}
              onEdit={() => openPage(routes.registerPerson(household.id, person.id))}
              onDeclareReturn={() => openPage(routes.returnFor(person.id, person.name))}
              onReport={() => openPage(routes.reportFor(person.id, person.name))}
              onErrand={() => openPage(routes.errandRequestFor(person.id, person.name))}
              onMove={() => openPage(routes.registerMove(person.id, household.id, gridId))}
              onRemove={() => {
                setMessage(null);
                setRemoving(person);
              }}
            />
          ))
        )}
      </View>

      {may.manage ? (
        <View className="section">
          <Button
            className="btn btn--danger btn--block"
            hoverClass="btn--pressed"
            disabled={busy ? true : undefined}
            onClick={() => void onRemoveHousehold()}
          >
            删除住户
          </Button>
          <Text className="small-note">只能删除没有成员、也没有人申请加入的住户。</Text>
        </View>
      ) : null}
    </View>
  );
}

function PlaceLines({ household }: { household: RegisterHouseholdView }) {
  const place = household.place;
  if (!place) return null;
  const parts = [
    place.building && `楼栋 ${place.building}`,
    place.unit && `单元 ${place.unit}`,
    place.door && `门牌 ${place.door}`,
  ].filter(Boolean);
  return (
    <Text className="register-household__line">
      {place.street}
      {parts.length > 0 ? ` · ${parts.join(' · ')}` : ''}
    </Text>
  );
}
