import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ErrandCard } from '../../../components/errand-card';
import { FamilyPicker } from '../../../components/family-picker';
import { HouseholdStates } from '../../../components/household-states';
import { usePullRefresh } from '../../../hooks/use-pull-refresh';
import { useResource } from '../../../hooks/use-resource';
import { openPage, routes } from '../../../routes';
import type { ErrandView } from '../../../services/errands';
import { loadFamily } from '../../../services/family';
import type { PersonView } from '../../../services/households';
import { RequestForm } from './request-form';
import './index.css';

/** 跑腿代购: a resident under observation (or anyone for a family member) asks for shopping. */
export default function ErrandRequestPage() {
  const { state, reload } = useResource(loadFamily);
  usePullRefresh(reload);

  return (
    <View className="page errand-request">
      <Text className="page__title">跑腿代购</Text>
      <Text className="page__hint">居家观察期间不出门，党员志愿者帮您买、送到家门口</Text>
      <HouseholdStates
        state={state}
        onRetry={() => void reload()}
        emptyMessage="加入住户后即可为自己和家人申请代购"
      >
        {(data) => <FamilyRequest people={data.people} />}
      </HouseholdStates>
    </View>
  );
}

function FamilyRequest({ people }: { people: PersonView[] }) {
  const [requested, setRequested] = useState<ErrandView | null>(null);
  // Bumped for 再提一单, so the form starts empty again.
  const [round, setRound] = useState(0);

  return (
    <FamilyPicker people={people} label="为谁代购" hideChoice={requested !== null}>
      {(selected) =>
        requested ? (
          <View className="section">
            <Text className="notice notice--success">已提交，附近的志愿者会尽快认领</Text>
            <ErrandCard errand={requested} />
            <View className="btn-row">
              <Button
                className="btn btn--primary"
                hoverClass="btn--pressed"
                onClick={() => openPage(routes.myErrands())}
              >
                查看我的代购
              </Button>
              <Button
                className="btn btn--secondary"
                hoverClass="btn--pressed"
                onClick={() => {
                  setRequested(null);
                  setRound((n) => n + 1);
                }}
              >
                再提一单
              </Button>
            </View>
          </View>
        ) : (
          <>
            <View className="section">
              <RequestForm
                key={`${selected.id}:${round}`}
                personId={selected.id}
                name={selected.name}
                onRequested={setRequested}
              />
            </View>
            <Text className="errand-request__link" onClick={() => openPage(routes.myErrands())}>
              查看我提交过的代购 ›
            </Text>
          </>
        )
      }
    </FamilyPicker>
  );
}
