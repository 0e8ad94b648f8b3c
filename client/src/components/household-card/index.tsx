import { Text, View } from '@tarojs/components';
import type { HouseholdView, PersonView } from '../../services/households';
import { revealPersonField } from '../../services/people';
import { MaskedValue } from '../masked-value';
import { PartyBadge } from '../party-badge';
import './index.css';

/** Which full values the caller may ask for; the server checks again and audits each reveal. */
export interface RevealRights {
  idNumber: boolean;
  phone: boolean;
}

export interface HouseholdCardProps {
  household: HouseholdView;
  reveal: RevealRights;
  /** The node is obvious on a node's own list; a resident's page names it. */
  showGrid?: boolean;
  /** Given where the caller leads the node: 打印 beside the door code opens its card. */
  onPrint?: () => void;
}

/** A household: address, door code, the party member who contacts it, and its people (masked). */
export function HouseholdCard({
  household,
  reveal,
  showGrid = false,
  onPrint,
}: HouseholdCardProps) {
  return (
    <View className="card household">
      <Text className="household__address">{household.address}</Text>
      {showGrid ? <Text className="household__line">所属网格：{household.gridName}</Text> : null}
      <Text className="household__line">
        门牌码：<Text className="household__code">{household.code}</Text>
        {onPrint ? (
          <Text className="household__print" onClick={onPrint}>
            打印
          </Text>
        ) : null}
      </Text>
      <View className="household__line">
        <Text>户联系党员：</Text>
        {household.contact ? (
          <Text>
            {household.contact.name}
            {household.contact.party ? <PartyBadge /> : null}
          </Text>
        ) : (
          <Text className="muted">未指定</Text>
        )}
      </View>
      <View className="household__people">
        {household.people.length === 0 ? (
          <Text className="muted">暂无登记的家庭成员</Text>
        ) : (
          household.people.map((person) => (
            <PersonRow key={person.id} person={person} reveal={reveal} />
          ))
        )}
      </View>
    </View>
  );
}

export function PersonRow({ person, reveal }: { person: PersonView; reveal: RevealRights }) {
  // The page's rights narrowed by the person's own: family see each other's details masked.
  const idNumber = reveal.idNumber && (person.reveal?.idNumber ?? true);
  const phone = reveal.phone && (person.reveal?.phone ?? true);
  return (
    <View className="person">
      <View className="person__head">
        <Text className="person__name">{person.name}</Text>
        <Text className="tag">{person.relation}</Text>
        {person.proxy ? <Text className="tag tag--proxy">代登记</Text> : null}
      </View>
      {person.proxy ? <Text className="small-note">由 {person.proxy.byName} 代为登记</Text> : null}
      <MaskedValue
        label="身份证"
        masked={person.idNumberMasked}
        {...(idNumber && { reveal: () => revealPersonField(person.id, 'idNumber') })}
      />
      <MaskedValue
        label="手机"
        masked={person.phoneMasked}
        {...(phone && { reveal: () => revealPersonField(person.id, 'phone') })}
      />
    </View>
  );
}
