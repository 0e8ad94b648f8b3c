import { Text, View } from '@tarojs/components';
import { CallButton } from '../../components/call-button';
import { useResource } from '../../hooks/use-resource';
import { openPage, routes } from '../../routes';
import {
  callStaff,
  familyToday,
  type FamilyMemberToday,
  type StaffToCall,
} from '../../services/contacts';
import { formatTemperature } from '../../services/health';

/** What a person's line says about today, and how it is coloured. */
function standing(person: FamilyMemberToday): { text: string; kind: string } {
  if (person.report)
    return person.report.abnormal
      ? { text: `已报 ${formatTemperature(person.report.temperature)} 异常`, kind: 'abnormal' }
      : { text: `已报 ${formatTemperature(person.report.temperature)}`, kind: 'done' };
  if (person.status === 'notReported') return { text: '今日未报', kind: 'due' };
  if (person.status === 'abnormal') return { text: '异常，待核实', kind: 'abnormal' };
  // Registered ahead of the arrival: nothing is due yet.
  if (person.status === 'observing') return { text: '观察未开始', kind: 'none' };
  return { text: '今日未报', kind: 'none' };
}

/**
 * A resident's household today on home: who has reported and who still must (those under
 * observation), each observed person's day N of M, one tap to report for someone, and the grid
 * member to call. Others (a family member on another phone, the grid) change it too, so it is
 * read again whenever home is shown.
 */
export function FamilyToday() {
  const { state, reload } = useResource(familyToday, {
    topics: ['health', 'household', 'contacts'],
    live: true,
  });
  if (state.status === 'loading') return null;
  if (state.status === 'failed') {
    return (
      <View className="family-today family-today--failed" onClick={() => void reload()}>
        <Text className="family-today__note">今日打卡加载失败：{state.message}（点此重试）</Text>
      </View>
    );
  }
  const family = state.data;
  if (!family) return null;
  const due = family.people.filter((p) => p.status === 'notReported').length;
  return (
    <View className="family-today">
      <View className="family-today__head">
        <Text className="family-today__title">今日打卡</Text>
        <Text
          className={due > 0 ? 'family-today__sum family-today__sum--due' : 'family-today__sum'}
        >
          {due > 0 ? `${due} 人待报` : '今日无待报'}
        </Text>
      </View>
      {family.people.map((person) => {
        const { text, kind } = standing(person);
        return (
          <View
            key={person.personId}
            className="family-person"
            hoverClass="family-person--pressed"
            onClick={() => openPage(routes.report(person.personId))}
          >
            <View className="family-person__who">
              <Text className="family-person__name">
                {person.name}
                {person.self ? '（本人）' : ''}
              </Text>
              {person.observation ? (
                <Text className="family-person__observed">
                  居家观察第 {person.observation.dayNumber}/{person.observation.totalDays} 天
                </Text>
              ) : null}
            </View>
            <Text className={`family-person__state family-person__state--${kind}`}>{text} ›</Text>
          </View>
        );
      })}
      <StaffLine staff={family.staff} />
    </View>
  );
}

function StaffLine({ staff }: { staff: StaffToCall | null }) {
  if (!staff) {
    return <Text className="family-today__note">您的住户暂未安排户联系，有事请联系社区。</Text>;
  }
  return (
    <View className="family-staff">
      <View className="family-staff__who">
        <Text className="family-staff__role">{staff.role}</Text>
        <Text className="family-staff__name">{staff.name}</Text>
      </View>
      {staff.callable ? (
        <CallButton call={callStaff} />
      ) : (
        <Text className="family-today__note">未登记电话</Text>
      )}
    </View>
  );
}
