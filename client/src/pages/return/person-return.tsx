import { Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { LoadFailed, StatusBlock } from '../../components/status-block';
import { useResource } from '../../hooks/use-resource';
import { observationStatus, type ObservationView } from '../../services/health';
import { ResultActions } from './result-actions';
import { ResultCard } from './result-card';
import { ReturnForm } from './return-form';

/**
 * One person's return: what is registered already (their class), the result of a submission,
 * and the form. Submitting again for the same return updates it on the server.
 */
export function PersonReturn({
  personId,
  name,
  forStaff = false,
}: {
  personId: string;
  name: string;
  /** Staff registering for someone in scope (the 流管站 desk), not the family. */
  forStaff?: boolean;
}) {
  const load = useCallback(() => observationStatus(personId), [personId]);
  const { state, reload } = useResource(load);
  const [result, setResult] = useState<{ view: ObservationView; updated: boolean } | null>(null);

  if (state.status === 'loading') return <StatusBlock kind="loading" title="加载中…" />;
  if (state.status === 'failed') {
    return <LoadFailed title="登记信息加载失败" message={state.message} onRetry={reload} />;
  }
  const { observation, declaration } = state.data;
  const registered = observation !== null;

  if (result) {
    return (
      <View>
        <ResultCard
          observation={result.view}
          title={result.updated ? `${name} 的返乡登记已更新` : `${name} 返乡登记成功`}
        >
          <ResultActions
            personId={personId}
            name={name}
            observing={result.view.status !== 'released'}
            forStaff={forStaff}
          />
        </ResultCard>
        <Text className="return-again" onClick={() => setResult(null)}>
          信息有误？修改后重新提交
        </Text>
      </View>
    );
  }
  return (
    <View>
      {observation ? (
        <View>
          <ResultCard observation={observation} title={`${name} 已登记返乡`}>
            <ResultActions
              personId={personId}
              name={name}
              observing={observation.status !== 'released'}
              forStaff={forStaff}
            />
          </ResultCard>
          <Text className="notice return-registered">
            {declaration
              ? '下方已填好登记时的信息，如有变化修改后提交即可更新'
              : '如信息有变化，可在下方重新填写提交以更新'}
          </Text>
        </View>
      ) : null}
      <ReturnForm
        personId={personId}
        name={name}
        registered={registered}
        initial={declaration}
        onDeclared={(view) => {
          setResult({ view, updated: registered });
          void reload();
        }}
      />
    </View>
  );
}
