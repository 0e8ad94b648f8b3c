import { Text, View } from '@tarojs/components';
import { ListHead } from '../../../components/list-head';
import { MaskedValue } from '../../../components/masked-value';
import { PagedStates } from '../../../components/paged-states';
import { StatusTag } from '../../../components/care-status';
import { usePagedList } from '../../../hooks/use-paged-list';
import { usePullRefresh } from '../../../hooks/use-pull-refresh';
import { listCared, revealAndCall, type CaredPerson } from '../../../services/contacts';
import { OBSERVATION_CLASS_LABELS } from '../../../services/observations';
import '../shared/index.css';

/**
 * 我照看的居家观察对象 (关爱协管员): the people a leader put in the caller's care, the abnormal
 * first, with the day counter, today's report and one tap to call.
 */
export default function CaredPage() {
  const list = usePagedList(listCared);
  usePullRefresh(list.reload);
  return (
    <View className="page care-page">
      <ListHead title="我照看的居家观察对象" list={list.state} unit="人" level="page" />
      <Text className="page__hint">
        居家观察期间不外出、不串门。手机号默认隐藏，点「查看」拨打电话，查看记录将被留存。
      </Text>
      <PagedStates
        list={list}
        failedTitle="加载失败"
        empty={{
          title: '暂无照看的居家观察对象',
          message: '网格长指定您为关爱协管员后，观察对象会出现在这里',
        }}
      >
        {(items) => (
          <>
            {items.map((person) => (
              <CaredLine key={person.id} person={person} />
            ))}
          </>
        )}
      </PagedStates>
    </View>
  );
}

function CaredLine({ person }: { person: CaredPerson }) {
  return (
    <View
      className={
        person.status === 'abnormal' ? 'card care-card care-card--abnormal' : 'card care-card'
      }
    >
      <View className="care-card__head">
        <Text className="care-card__title">{person.name}</Text>
        <Text className="tag">{OBSERVATION_CLASS_LABELS[person.class]}</Text>
        <StatusTag status={person.status} />
      </View>
      <Text className="care-card__line">
        居家观察第 {person.dayNumber}/{person.totalDays} 天 ·{' '}
        {person.lastReportDay ? `上次打卡：${person.lastReportDay}` : '尚未打过卡'}
      </Text>
      <Text className="care-card__line">
        {person.address}（{person.gridName}）
      </Text>
      <MaskedValue
        label="手机"
        masked={person.phoneMasked}
        {...(person.mayRevealPhone && { reveal: () => revealAndCall(person.personId) })}
      />
    </View>
  );
}
