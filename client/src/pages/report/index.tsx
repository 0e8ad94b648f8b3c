import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { FamilyPicker } from '../../components/family-picker';
import { HouseholdStates } from '../../components/household-states';
import { usePullRefresh } from '../../hooks/use-pull-refresh';
import { useElderClass } from '../../hooks/use-elder-mode';
import { useResource } from '../../hooks/use-resource';
import { loadFamily } from '../../services/family';
import type { PersonView } from '../../services/households';
import { decodeParam } from '../../routes';
import { PersonReport } from './person-report';
import './index.css';

/**
 * 今日健康打卡: one report a day for the resident and each family member they report for. Staff
 * open it for one person without WeChat (`?personId=&name=`, from 住户登记).
 */
export default function ReportPage() {
  const params = useRouter().params;
  const pageClass = useElderClass('page report-page');
  const personId = decodeParam(params['personId']);
  if (personId) {
    const name = decodeParam(params['name']);
    return (
      <View className={pageClass}>
        <Text className="page__title">代为健康打卡</Text>
        <Text className="page__hint">为{name}填写今日体温和症状</Text>
        <PersonReport personId={personId} name={name} />
      </View>
    );
  }
  return <OwnReports initialId={decodeParam(params['for']) || undefined} />;
}

function OwnReports({ initialId }: { initialId: string | undefined }) {
  const pageClass = useElderClass('page report-page');
  const { state, reload } = useResource(loadFamily);
  // Bumped on pull-down, so the selected person's report is fetched again too.
  const [refreshKey, setRefreshKey] = useState(0);
  const refresh = useCallback(() => {
    setRefreshKey((key) => key + 1);
    return reload();
  }, [reload]);
  usePullRefresh(refresh);

  return (
    <View className={pageClass}>
      <Text className="page__title">今日健康打卡</Text>
      <HouseholdStates
        state={state}
        onRetry={() => void reload()}
        emptyMessage="加入住户后即可为自己和家人打卡"
      >
        {(data) => (
          <FamilyReports people={data.people} refreshKey={refreshKey} initialId={initialId} />
        )}
      </HouseholdStates>
    </View>
  );
}

function FamilyReports(props: {
  people: PersonView[];
  refreshKey: number;
  initialId: string | undefined;
}) {
  const { people, refreshKey } = props;
  return (
    <FamilyPicker
      people={people}
      label="为谁打卡"
      {...(props.initialId && { initialId: props.initialId })}
    >
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
