import { Text, View } from '@tarojs/components';
import { useState, type ReactNode } from 'react';
import { useElderClass } from '../../hooks/use-elder-mode';
import type { PersonView } from '../../services/households';
import { ChoiceChips } from '../choice-chips';
import { StatusBlock } from '../status-block';
import './index.css';

/**
 * Who a resident is acting for: themselves, or a family member picked from chips when the
 * household has several people. The choice stays while the page is open.
 */
export function FamilyPicker(props: {
  people: PersonView[];
  /** e.g. 为谁打卡 */
  label: string;
  /** Keeps the choice but hides the chips (a result is shown instead of the form). */
  hideChoice?: boolean;
  /** Who is picked at first (home opens 打卡 on one family member); the caller otherwise. */
  initialId?: string;
  children: (person: PersonView) => ReactNode;
}) {
  const { people } = props;
  const [selectedId, setSelectedId] = useState<string | null>(props.initialId ?? null);
  const selected = people.find((person) => person.id === selectedId) ?? people[0];
  // What a resident does for the family (打卡, 返乡登记, 跑腿代购) grows with 长辈模式.
  const root = useElderClass('family-picker-scope');

  if (!selected) {
    return <StatusBlock kind="empty" title="家庭中还没有成员" message="请先在「我的家庭」添加" />;
  }
  return (
    <View className={root}>
      {people.length > 1 && !props.hideChoice ? (
        <View className="section family-picker">
          <Text className="family-picker__label">{props.label}</Text>
          <ChoiceChips
            options={people.map((person) => ({ value: person.id, label: person.name }))}
            value={selected.id}
            onChange={setSelectedId}
          />
        </View>
      ) : null}
      {props.children(selected)}
    </View>
  );
}
