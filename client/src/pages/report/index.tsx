import { Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { FamilyPicker } from '../../components/family-picker';
import { HouseholdStates } from '../../components/household-states';
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
  return (
    <FamilyPicker people={people} label="为谁打卡">
      {(selected) => (
        // Keyed by person: switching starts a fresh form pre-filled from that person's reports.
        <PersonReport
          key={`${selected.id}:${refreshKey}`}
          personId={selected.id}
          name={selected.name}
        />
      )}
    </FamilyPicker>
  );
}
