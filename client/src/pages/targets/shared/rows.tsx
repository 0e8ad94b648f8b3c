import { Text, View } from '@tarojs/components';
import type { EnterpriseRow, RentalRow } from '../../../services/targets';
import { StatusTag } from './status-tag';
import './index.css';

/** A rental in a node's list: address, rooms, landlord (masked) and how many tenants. */
export function RentalRowCard({ row, onOpen }: { row: RentalRow; onOpen: () => void }) {
  const landlord = row.landlord
    ? `房东 ${row.landlord.name}${row.landlord.phoneMasked ? ` ${row.landlord.phoneMasked}` : ''}`
    : '房东记录已删除，请更换';
  return (
    <View
      className="card target-row"
      ariaRole="button"
      ariaLabel={`${row.address}，${row.rooms} 间，${landlord}，租客 ${row.tenants} 人`}
      onClick={onOpen}
    >
      <Text className="target-row__title">{row.address}</Text>
      <Text className="target-row__line">
        出租 {row.rooms} 间 · 租客 {row.tenants} 人
      </Text>
      <Text className={row.landlord ? 'target-row__line' : 'target-row__line notice--error'}>
        {landlord}
      </Text>
    </View>
  );
}

/** An enterprise in a node's list: name, 复工 status, 负责人 (masked), workforce, address. */
export function EnterpriseRowCard({ row, onOpen }: { row: EnterpriseRow; onOpen: () => void }) {
  return (
    <View className="card target-row" ariaRole="button" ariaLabel={row.name} onClick={onOpen}>
      <View className="target-row__head">
        <Text className="target-row__title">{row.name}</Text>
        <StatusTag status={row.status} />
      </View>
      <Text className="target-row__line">
        负责人 {row.leaderName}
        {row.phoneMasked ? ` ${row.phoneMasked}` : ''} · 职工 {row.workforce} 人
      </Text>
      <Text className="target-row__line">{row.address}</Text>
    </View>
  );
}
