import { Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { ChoiceChips } from '../../components/choice-chips';
import { HouseholdStates } from '../../components/household-states';
import { StatusBlock } from '../../components/status-block';
import { usePullRefresh } from '../../hooks/use-pull-refresh';
import { useResource } from '../../hooks/use-resource';
import { loadFamily } from '../../services/family';
import type { PersonView } from '../../services/households';
import { PersonReport } from './person-report';
import './index.css';

/** 今日健康打卡: one report a day for the resident and each family member they report for. */
export default function ReportPage() {
  const { state, reload } = useResource(loadFamily);
  // Bumped on pull-down, so the selected person's report is fetched again too.
  const [refreshKey, setRefreshKey] = useState(0);
  const refresh = useCallback(() => {
    setRefreshKey((key) => key + 1);
    return reload();
  }, [reload]);
  usePullRefresh(refresh);

  return (
    <View className="page report-page">
      <Text className="page__title">今日健康打卡</Text>
      <HouseholdStates
        state={state}
        onRetry={() => void reload()}
        emptyMessage="加入住户后即可为自己和家人打卡"
      >
        {(data) => <FamilyReports people={data.people} refreshKey={refreshKey} />}
      </HouseholdStates>
    </View>
  );
}

function FamilyReports({ people, refreshKey }: { people: PersonView[]; refreshKey: number }) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = people.find((person) => person.id === selectedId) ?? people[0];

  if (!selected) {
    return <StatusBlock kind="empty" title="家庭中还没有成员" message="请先在「我的家庭」添加" />;
  }
  return (
    <View>
      {people.length > 1 ? (
        <View className="section report-people">
          <Text className="report-people__label">为谁打卡</Text>
          <ChoiceChips
            options={people.map((person) => ({ value: person.id, label: person.name }))}
            value={selected.id}
            onChange={setSelectedId}
          />
        </View>
      ) : null}
      {/* Keyed by person: switching starts a fresh form pre-filled from that person's reports. */}
      <PersonReport
        key={`${selected.id}:${refreshKey}`}
        personId={selected.id}
        name={selected.name}
      />
    </View>
  );
}
