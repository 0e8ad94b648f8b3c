import { Text, View } from '@tarojs/components';
import { HouseholdStatusTags, StatusTag } from '../../../components/care-status';
import { ListHead } from '../../../components/list-head';
import { MaskedValue } from '../../../components/masked-value';
import { PagedStates } from '../../../components/paged-states';
import { usePagedList } from '../../../hooks/use-paged-list';
import { usePullRefresh } from '../../../hooks/use-pull-refresh';
import {
  listMyHouseholds,
  revealAndCall,
  type ContactHousehold,
  type ContactPerson,
} from '../../../services/contacts';
import '../shared/index.css';

/**
 * 我联系的住户 (户联系): the households a leader named the caller the party contact of, with how
 * each person stands today (观察中, 今日未报, 异常) and one tap to call.
 */
export default function MyHouseholdsPage() {
  const list = usePagedList(listMyHouseholds);
  usePullRefresh(list.reload);
  return (
    <View className="page care-page">
      <ListHead title="我联系的住户" list={list.state} unit="户" level="page" />
      <Text className="page__hint">手机号默认隐藏，点「查看」拨打电话，查看记录将被留存。</Text>
      <PagedStates
        list={list}
        failedTitle="住户加载失败"
        empty={{
          title: '暂无联系的住户',
          message: '网格长指定您为住户的户联系党员后，住户会出现在这里',
        }}
      >
        {(items) => (
          <>
            {items.map((household) => (
              <HouseholdLine key={household.id} household={household} />
            ))}
          </>
        )}
      </PagedStates>
    </View>
  );
}

function HouseholdLine({ household }: { household: ContactHousehold }) {
  return (
    <View
      className={
        household.tags.abnormal > 0 ? 'card care-card care-card--abnormal' : 'card care-card'
      }
    >
      <View className="care-card__head">
        <Text className="care-card__title">{household.address}</Text>
        <HouseholdStatusTags tags={household.tags} />
      </View>
      <Text className="care-card__line">所属网格：{household.gridName}</Text>
      {household.people.length === 0 ? (
        <Text className="muted">暂无登记的家庭成员</Text>
      ) : (
        household.people.map((person) => <PersonLine key={person.id} person={person} />)
      )}
    </View>
  );
}

function PersonLine({ person }: { person: ContactPerson }) {
  return (
    <View className="care-person">
      <View className="care-person__head">
        <Text className="care-person__name">{person.name}</Text>
        <Text className="tag">{person.relation}</Text>
        <StatusTag status={person.status} />
      </View>
      {person.observation ? (
        <Text className="care-card__line">
          居家观察第 {person.observation.dayNumber}/{person.observation.totalDays} 天
        </Text>
      ) : null}
      <MaskedValue
        label="手机"
        masked={person.phoneMasked}
        {...(person.mayRevealPhone && { reveal: () => revealAndCall(person.id) })}
      />
    </View>
  );
}
