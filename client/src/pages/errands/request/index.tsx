import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { ErrandCard } from '../../../components/errand-card';
import { FamilyPicker } from '../../../components/family-picker';
import { HouseholdStates } from '../../../components/household-states';
import { usePullRefresh } from '../../../hooks/use-pull-refresh';
import { useResource } from '../../../hooks/use-resource';
import { useElderClass } from '../../../hooks/use-elder-mode';
import { decodeParam, openPage, routes } from '../../../routes';
import type { ErrandView } from '../../../services/errands';
import { loadFamily } from '../../../services/family';
import type { PersonView } from '../../../services/households';
import { RequestForm } from './request-form';
import './index.css';

/**
 * 跑腿代购: a resident under observation (or anyone for a family member) asks for shopping. Staff
 * open it for one person without WeChat (`?personId=&name=`, from 住户登记) and follow the errand
 * in their own 我的代购.
 */
export default function ErrandRequestPage() {
  const params = useRouter().params;
  const personId = decodeParam(params['personId']);
  const pageClass = useElderClass('page errand-request');
  if (personId) {
    const name = decodeParam(params['name']);
    return (
      <View className={pageClass}>
        <Text className="page__title">代为申请代购</Text>
        <Text className="page__hint">为{name}登记需要购买的物品，志愿者送到家门口</Text>
        <RequestFor personId={personId} name={name} />
      </View>
    );
  }
  return <OwnRequest />;
}

function OwnRequest() {
  const { state, reload } = useResource(loadFamily);
  usePullRefresh(reload);
  const pageClass = useElderClass('page errand-request');

  return (
    <View className={pageClass}>
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

/** The errand just submitted, if any, and the form's round (bumped for 再提一单, so it starts empty). */
function useRequestRound() {
  const [requested, setRequested] = useState<ErrandView | null>(null);
  const [round, setRound] = useState(0);
  const again = () => {
    setRequested(null);
    setRound((n) => n + 1);
  };
  return { requested, setRequested, round, again };
}

type RequestRound = ReturnType<typeof useRequestRound>;

function FamilyRequest({ people }: { people: PersonView[] }) {
  const flow = useRequestRound();
  return (
    <FamilyPicker people={people} label="为谁代购" hideChoice={flow.requested !== null}>
      {(selected) => <RequestStep personId={selected.id} name={selected.name} flow={flow} />}
    </FamilyPicker>
  );
}

function RequestFor({ personId, name }: { personId: string; name: string }) {
  return <RequestStep personId={personId} name={name} flow={useRequestRound()} />;
}

/** The form for one person, then what was submitted with 查看我的代购 and 再提一单. */
function RequestStep(props: { personId: string; name: string; flow: RequestRound }) {
  const { requested, setRequested, round, again } = props.flow;
  if (requested) {
    return (
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
          <Button className="btn btn--secondary" hoverClass="btn--pressed" onClick={again}>
            再提一单
          </Button>
        </View>
      </View>
    );
  }
  return (
    <>
      <View className="section">
        <RequestForm
          key={`${props.personId}:${round}`}
          personId={props.personId}
          name={props.name}
          onRequested={setRequested}
        />
      </View>
      <Text className="errand-request__link" onClick={() => openPage(routes.myErrands())}>
        查看我提交过的代购 ›
      </Text>
    </>
  );
}
