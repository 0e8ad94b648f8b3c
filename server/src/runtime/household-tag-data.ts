import {
  COLLECTIONS,
  OPEN_OBSERVATION_STATUSES,
  PAGE_SIZE,
  type HouseholdCounts,
  type HouseholdFilter,
} from '@gridguard/types';
import type { HouseholdDoc } from '../domain/records';
import type { CloudDatabase } from './cloud';

type Pipeline = ReturnType<ReturnType<CloudDatabase['collection']>['aggregate']>;
type Rows<T> = { list: T[] };
const listOf = async <T>(pipeline: Pipeline): Promise<T[]> =>
  ((await pipeline.end()) as unknown as Rows<T>).list;

/**
 * Which households under a node carry a tag (观察中 / 今日未报 / 异常 / 重点关爱), selected, paged
 * and counted by the database: one aggregate per call, whatever the population. The observation
 * tags start from the open observations under the node (a few per thousand people), each joined
 * to the person's report of the day by its id, then grouped by household; 重点关爱 starts from the
 * people who carry a mark.
 *
 * The groups name households that exist: a household is removed only when nobody is in it, and a
 * person under observation is neither removed nor moved; so a count needs no join to households.
 */
export function householdTagData(db: CloudDatabase) {
  const _ = db.command;
  const $ = db.command.aggregate;

  /**
   * Per household: how many of its people are under observation, not reported today, abnormal.
   * The same rule as `careStatus` (domain/contacts.ts), as the database evaluates it: abnormal
   * when escalated or today's report is abnormal; not reported when neither, with no report today
   * and the observation begun (an arrival registered ahead has nothing due yet).
   */
  const observationTags = (gridId: string, day: string) => {
    const abnormal = $.or([$.eq(['$status', 'escalated']), $.in([true, '$todays.abnormal'])]);
    const notReported = $.and([
      $.neq(['$status', 'escalated']),
      $.eq([$.size('$todays'), 0]),
      $.lte(['$startDay', day]),
    ]);
    const count = (condition: unknown) => $.sum($.cond({ if: condition, then: 1, else: 0 }));
    return db
      .collection(COLLECTIONS.observations)
      .aggregate()
      .match({ gridPath: gridId, status: _.in([...OPEN_OBSERVATION_STATUSES]) })
      .addFields({ reportId: $.concat(['$personId', `:${day}`]) })
      .lookup({
        from: COLLECTIONS.healthReports,
        localField: 'reportId',
        foreignField: '_id',
        as: 'todays',
      })
      .group({
        _id: '$householdId',
        observing: $.sum(1),
        notReported: count(notReported),
        abnormal: count(abnormal),
      });
  };

  /** The households of the people under the node who carry a 重点关爱 mark. */
  const cared = (gridId: string) =>
    db
      .collection(COLLECTIONS.people)
      .aggregate()
      .match({ gridPath: gridId, 'care.0': _.exists(true) })
      .group({ _id: '$householdId' });

  /** Households (one group each) carrying the filter's tag, before paging or counting. */
  const tagged = (gridId: string, filter: HouseholdFilter, day: string) =>
    filter === 'care' ? cared(gridId) : observationTags(gridId, day).match({ [filter]: _.gt(0) });

  return {
    /** A page of the households under the node with the tag, by address as the full list is. */
    page: (gridId: string, filter: HouseholdFilter, day: string, page: number) =>
      listOf<HouseholdDoc>(
        tagged(gridId, filter, day)
          .lookup({
            from: COLLECTIONS.households,
            localField: '_id',
            foreignField: '_id',
            as: 'household',
          })
          .unwind('$household')
          .replaceRoot({ newRoot: '$household' })
          .sort({ address: 1, _id: 1 })
          .skip((page - 1) * PAGE_SIZE)
          .limit(PAGE_SIZE),
      ),

    /** How many households under the node carry the tag. */
    total: async (gridId: string, filter: HouseholdFilter, day: string) =>
      (await listOf<{ n: number }>(tagged(gridId, filter, day).count('n')))[0]?.n ?? 0,

    /** How many households under the node carry each tag: two aggregates. */
    async counts(gridId: string, day: string): Promise<HouseholdCounts> {
      const households = (tag: 'notReported' | 'abnormal') =>
        $.sum($.cond({ if: $.gt([`$${tag}`, 0]), then: 1, else: 0 }));
      const [observed, care] = await Promise.all([
        listOf<Omit<HouseholdCounts, 'care'>>(
          observationTags(gridId, day).group({
            _id: null,
            observing: $.sum(1),
            notReported: households('notReported'),
            abnormal: households('abnormal'),
          }),
        ),
        listOf<{ n: number }>(cared(gridId).count('n')),
      ]);
      return {
        observing: observed[0]?.observing ?? 0,
        notReported: observed[0]?.notReported ?? 0,
        abnormal: observed[0]?.abnormal ?? 0,
        care: care[0]?.n ?? 0,
      };
    },
  };
}

export type HouseholdTagData = ReturnType<typeof householdTagData>;
