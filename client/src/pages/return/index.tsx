import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ChoiceChips } from '../../components/choice-chips';
import { HouseholdStates } from '../../components/household-states';
import { StatusBlock } from '../../components/status-block';
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
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = people.find((person) => person.id === selectedId) ?? people[0];

  if (!selected) {
    return <StatusBlock kind="empty" title="家庭中还没有成员" message="请先在「我的家庭」添加" />;
  }
  return (
    <View>
      {people.length > 1 ? (
        <View className="section return-people">
          <Text className="return-people__label">为谁登记</Text>
          <ChoiceChips
            options={people.map((person) => ({ value: person.id, label: person.name }))}
            value={selected.id}
            onChange={setSelectedId}
          />
        </View>
      ) : null}
      {/* Keyed by person: switching starts a fresh form for that person. */}
      <PersonReturn key={selected.id} personId={selected.id} name={selected.name} />
    </View>
  );
}
