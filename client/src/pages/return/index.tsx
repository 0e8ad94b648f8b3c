import { Text, View } from '@tarojs/components';
import { FamilyPicker } from '../../components/family-picker';
import { HouseholdStates } from '../../components/household-states';
import { usePullRefresh } from '../../hooks/use-pull-refresh';
import { useResource } from '../../hooks/use-resource';
import { loadFamily } from '../../services/family';
import type { PersonView } from '../../services/households';
import { PersonReturn } from './person-return';
import './index.css';

/** 返乡登记: a returnee registers for themself, or a family member registers them (代登记). */
export default function ReturnPage() {
  const { state, reload } = useResource(loadFamily);
  usePullRefresh(reload);

  return (
    <View className="page return-page">
      <Text className="page__title">返乡登记</Text>
      <Text className="page__hint">从外地返回的家人请如实登记，网格员会据此安排居家观察</Text>
      <HouseholdStates
        state={state}
        onRetry={() => void reload()}
        emptyMessage="加入住户后即可为自己和家人登记"
      >
        {(data) => <FamilyReturns people={data.people} />}
      </HouseholdStates>
    </View>
  );
}

function FamilyReturns({ people }: { people: PersonView[] }) {
  return (
    <FamilyPicker people={people} label="为谁登记">
      {/* Keyed by person: switching starts a fresh form for that person. */}
      {(selected) => <PersonReturn key={selected.id} personId={selected.id} name={selected.name} />}
    </FamilyPicker>
  );
}
