import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { FamilyPicker } from '../../components/family-picker';
import { HouseholdStates } from '../../components/household-states';
import { usePullRefresh } from '../../hooks/use-pull-refresh';
import { useElderClass } from '../../hooks/use-elder-mode';
import { useResource } from '../../hooks/use-resource';
import { loadFamily } from '../../services/family';
import type { PersonView } from '../../services/households';
import { decodeParam } from '../../routes';
import { PersonReturn } from './person-return';
import './index.css';

/**
 * 返乡登记: a returnee registers for themself, or a family member registers them (代登记). Staff
 * open it for one person in scope (`?personId=&name=`, from 住户登记): the server decides whether
 * they may.
 */
export default function ReturnPage() {
  const params = useRouter().params;
  const pageClass = useElderClass('page return-page');
  const personId = decodeParam(params['personId']);
  if (personId) {
    const name = decodeParam(params['name']);
    return (
      <View className={pageClass}>
        <Text className="page__title">代为返乡登记</Text>
        <Text className="page__hint">为{name}登记返乡信息：请当面核对后如实填写</Text>
        <PersonReturn personId={personId} name={name} forStaff />
      </View>
    );
  }
  return <OwnReturns />;
}

function OwnReturns() {
  const pageClass = useElderClass('page return-page');
  const { state, reload } = useResource(loadFamily);
  usePullRefresh(reload);

  return (
    <View className={pageClass}>
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
