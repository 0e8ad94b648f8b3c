import { Text, View } from '@tarojs/components';
import type { HouseholdView } from '../../services/grids';
import { CARE_MARK_LABELS, CARE_MARKS } from '../../services/register';

export interface HouseholdRowProps {
  household: HouseholdView;
  /** On a node with children the leaf is worth naming; on a leaf every row has the same. */
  showGrid: boolean;
  /** Opens the household's own page, where its people are listed and revealed one at a time. */
  onOpen: () => void;
  /** Given where the caller leads the node: 打印门牌码 of this household. */
  onPrint?: () => void;
}

/**
 * A household collapsed to one row: address, where it is, how many people, who contacts it and
 * its 重点关爱 marks. The people themselves are on the household's page, so a node of a thousand
 * households is a list of rows, not of everyone in them.
 */
export function HouseholdRow({ household, showGrid, onOpen, onPrint }: HouseholdRowProps) {
  const marks = CARE_MARKS.filter((mark) =>
    household.people.some((person) => person.care?.includes(mark)),
  );
  const facts = [
    ...(showGrid ? [household.gridName] : []),
    `${household.people.length} 人`,
    household.contact ? `户联系 ${household.contact.name}` : '未指定户联系',
  ];
  return (
    <View
      className="card household-row"
      hoverClass="household-row--pressed"
      ariaRole="button"
      ariaLabel={`${household.address}，${household.people.length} 人，点按查看`}
      onClick={onOpen}
    >
      <View className="household-row__main">
        <Text className="household-row__address">{household.address}</Text>
        <Text className="household-row__facts">{facts.join(' · ')}</Text>
        {marks.length > 0 ? (
          <View className="household-row__tags">
            <Text className="tag tag--care">重点关爱</Text>
            {marks.map((mark) => (
              <Text key={mark} className="tag tag--care-mark">
                {CARE_MARK_LABELS[mark]}
              </Text>
            ))}
          </View>
        ) : null}
        <View className="household-row__code">
          <Text>
            门牌码 <Text className="household-row__code-value">{household.code}</Text>
          </Text>
          {onPrint ? (
            <Text
              className="household-row__print"
              onClick={(event) => {
                // The row opens the household; this link prints its card instead.
                event.stopPropagation();
                onPrint();
              }}
            >
              打印
            </Text>
          ) : null}
        </View>
      </View>
      <Text className="household-row__chevron">›</Text>
    </View>
  );
}
