import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useState, type ReactNode } from 'react';
import { CannotOpen, ResourcePage, StatusBlock } from '../../../components/status-block';
import { usePullRefresh } from '../../../hooks/use-pull-refresh';
import { useResource } from '../../../hooks/use-resource';
import { confirmDestructive, toastDone } from '../../../interaction';
import { decodeParam, goBack, openPage, routes } from '../../../routes';
import { revealPersonField } from '../../../services/people';
import {
  changeTenants,
  getRental,
  leaseText,
  removeRental,
  type RentalView,
  type TargetPerson,
  type TenantView,
} from '../../../services/targets';
import { CallButton } from '../shared/call-button';
import { placeParts } from '../shared/place-fields';
import '../shared/index.css';

/** One rental (`?id=`): where it is, its landlord to call, its tenants and their leases. */
export default function RentalPage() {
  const rentalId = decodeParam(useRouter().params.id);
  if (!rentalId) {
    return <CannotOpen missing="出租屋编号" from="出租屋列表" />;
  }
  return <RentalLoader rentalId={rentalId} />;
}

function RentalLoader({ rentalId }: { rentalId: string }) {
  const load = useCallback(() => getRental(rentalId), [rentalId]);
  const { state, reload } = useResource(load);
  usePullRefresh(reload);
  return (
    <ResourcePage state={state} onRetry={reload}>
      {(rental) => <Rental rental={rental} reload={reload} />}
    </ResourcePage>
  );
}

function Rental({ rental, reload }: { rental: RentalView; reload: () => Promise<void> }) {
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { may } = rental;

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

  const onUnlink = async (tenant: TenantView) => {
    const name = tenant.person?.name ?? '该租客';
    const sure = await confirmDestructive(
      `${name}不再租住「${rental.address}」？其居民登记保留。`,
      '移除',
    );
    if (!sure) return;
    const changes = [{ personId: tenant.personId, lease: null }];
    if (await run(() => changeTenants(rental.id, changes), '已移除')) await reload();
  };

  const onRemove = async () => {
    const sure = await confirmDestructive(
      `删除出租屋「${rental.address}」？其房东和租客的居民登记保留，删除后不能恢复。`,
      '删除',
    );
    if (sure && (await run(() => removeRental(rental.id), '已删除'))) goBack();
  };

  return (
    <View className="page target-detail">
      <View className="card">
        <Text className="target-detail__title">{rental.address}</Text>
        <Text className="target-detail__line">所属网格：{rental.gridName}</Text>
        {placeParts(rental.place) ? (
          <Text className="target-detail__line">{placeParts(rental.place)}</Text>
        ) : null}
        <Text className="target-detail__line">出租间数：{rental.rooms} 间</Text>
        {rental.note ? <Text className="target-detail__line">备注：{rental.note}</Text> : null}
        {may.edit ? (
          <View className="btn-row">
            <Button
              className="btn btn--secondary btn--small"
              hoverClass="btn--pressed"
              onClick={() => openPage(routes.rentalForm({ rentalId: rental.id }))}
            >
              编辑
            </Button>
          </View>
        ) : null}
      </View>

      {message ? <Text className="notice notice--error">{message}</Text> : null}

      <View className="section">
        <View className="section__head">
          <Text className="section__title">房东</Text>
          <Text className="section__meta">谁出租谁负责</Text>
        </View>
        {rental.landlord ? (
          <PersonCard person={rental.landlord} />
        ) : (
          <StatusBlock
            kind="error"
            title="房东的居民登记已删除"
            message={may.edit ? '请点「编辑」重新选择房东' : '请联系网格员重新登记房东'}
          />
        )}
      </View>

      <View className="section">
        <View className="section__head">
          <Text className="section__title">租客</Text>
          <Text className="section__meta">共 {rental.tenants.length} 人</Text>
        </View>
        {may.edit ? (
          <Button
            className="btn btn--primary btn--block"
            hoverClass="btn--pressed"
            onClick={() => openPage(routes.tenant(rental.id))}
          >
            添加租客
          </Button>
        ) : null}
        {rental.tenants.length === 0 ? (
          <StatusBlock kind="empty" title="暂无登记的租客" />
        ) : (
          rental.tenants.map((tenant) => (
            <TenantCard
              key={tenant.personId}
              tenant={tenant}
              mayEdit={may.edit}
              busy={busy}
              onEdit={() => openPage(routes.tenant(rental.id, tenant.personId))}
              onUnlink={() => void onUnlink(tenant)}
            />
          ))
        )}
      </View>

      {may.remove ? (
        <View className="section">
          <Button
            className="btn btn--danger btn--block"
            hoverClass="btn--pressed"
            disabled={busy ? true : undefined}
            onClick={() => void onRemove()}
          >
            删除出租屋
          </Button>
        </View>
      ) : null}
    </View>
  );
}

/**
 * A person the rental names: masked phone, 拨打 when the caller may reveal it (audited), and the
 * tenant's lease and actions when they are one.
 */
function PersonCard(props: { person: TargetPerson; lines?: ReactNode; actions?: ReactNode }) {
  const { person } = props;
  const mayCall = person.mayRevealPhone && person.phoneMasked !== null;
  return (
    <View className="card target-person">
      <Text className="target-person__name">{person.name}</Text>
      <Text className="target-detail__line">手机：{person.phoneMasked ?? '未登记'}</Text>
      {props.lines}
      {mayCall || props.actions ? (
        <View className="btn-row">
          {mayCall ? (
            <CallButton name={person.name} reveal={() => revealPersonField(person.id, 'phone')} />
          ) : null}
          {props.actions}
        </View>
      ) : null}
    </View>
  );
}

function TenantCard(props: {
  tenant: TenantView;
  mayEdit: boolean;
  busy: boolean;
  onEdit: () => void;
  onUnlink: () => void;
}) {
  const { tenant } = props;
  const lease = (
    <Text className="target-detail__line">
      租期：{leaseText(tenant.leaseStart, tenant.leaseEnd)}
    </Text>
  );
  const actions = props.mayEdit ? (
    <>
      {tenant.person ? (
        <Button
          className="btn btn--secondary btn--small"
          hoverClass="btn--pressed"
          onClick={props.onEdit}
        >
          修改租期
        </Button>
      ) : null}
      <Button
        className="btn btn--danger btn--small"
        hoverClass="btn--pressed"
        disabled={props.busy ? true : undefined}
        onClick={props.onUnlink}
      >
        移除
      </Button>
    </>
  ) : null;
  if (!tenant.person) {
    return (
      <View className="card target-person">
        <Text className="target-person__name">（该居民登记已删除）</Text>
        {lease}
        {actions ? <View className="btn-row">{actions}</View> : null}
      </View>
    );
  }
  return <PersonCard person={tenant.person} lines={lease} actions={actions} />;
}
