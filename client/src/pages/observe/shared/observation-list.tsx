import { Text, View } from '@tarojs/components';
import { Fragment, useCallback, useState, type ReactNode } from 'react';
import { ChoiceChips } from '../../../components/choice-chips';
import { PagedStates } from '../../../components/paged-states';
import { keyedPage, usePagedList } from '../../../hooks/use-paged-list';
import { usePullRefresh } from '../../../hooks/use-pull-refresh';
import {
  CLASS_SHORT_LABELS,
  OBSERVATION_CLASS_LABELS,
  OBSERVATION_CLASSES,
  listObservations,
  type ObservationClass,
  type ObservedPerson,
} from '../../../services/observations';
import { chinaToday } from '../../../services/returns';

type ClassChoice = ObservationClass | 'all';

const CLASS_CHOICES: readonly { value: ClassChoice; label: string }[] = [
  { value: 'all', label: '全部' },
  ...OBSERVATION_CLASSES.map((cls) => ({ value: cls, label: CLASS_SHORT_LABELS[cls] })),
];

/** The heading a row falls under when grouped: the escalated together, then class by class. */
const groupOf = (o: ObservedPerson) =>
  o.status === 'escalated' ? '异常（体温偏高或有症状）' : OBSERVATION_CLASS_LABELS[o.class];

export interface ObservationListProps {
  gridId: string;
  /** Only the escalated (异常提醒), newest alert first. */
  escalatedOnly?: boolean;
  /** Headings between the escalated and each class (the server lists them in that order). */
  grouped?: boolean;
  empty: { title: string; message: string };
  /** One row; `reload` fetches the list again from page 1 after a change. */
  renderRow: (observation: ObservedPerson, today: string, reload: () => void) => ReactNode;
}

/** Open observations under a node, filtered by class with chips, page by page. */
export function ObservationList({
  gridId,
  escalatedOnly = false,
  grouped = false,
  empty,
  renderRow,
}: ObservationListProps) {
  const [choice, setChoice] = useState<ClassChoice>('all');
  const fetchPage = useCallback(
    // One open observation per person: the person is the row's key.
    (page: number) =>
      keyedPage(
        listObservations(gridId, page, {
          escalatedOnly,
          ...(choice !== 'all' && { class: choice }),
        }),
        (item) => item.personId,
      ),
    [gridId, escalatedOnly, choice],
  );
  const list = usePagedList(fetchPage);
  const { state, reload } = list;
  usePullRefresh(reload);
  const today = chinaToday();
  const refresh = () => void reload();

  return (
    <View className="section">
      <ChoiceChips options={CLASS_CHOICES} value={choice} onChange={setChoice} />
      {state.status === 'ready' ? (
        <Text className="section__meta observe-count">
          {choice === 'all' ? '' : `${OBSERVATION_CLASS_LABELS[choice]} `}共 {state.total} 人
        </Text>
      ) : null}
      <PagedStates list={list} empty={empty}>
        {(items) => (
          <>
            {items.map((item, index) => {
              const heading = groupOf(item);
              const previous = items[index - 1];
              const starts = grouped && (!previous || groupOf(previous) !== heading);
              return (
                <Fragment key={item.id}>
                  {starts ? <Text className="observe-group">{heading}</Text> : null}
                  {renderRow(item, today, refresh)}
                </Fragment>
              );
            })}
          </>
        )}
      </PagedStates>
    </View>
  );
}
