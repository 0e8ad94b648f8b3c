import { Text, View } from '@tarojs/components';
import { CARE_MARK_LABELS, type CareMark } from '../../../services/register';
import './index.css';

/** 重点关爱 and each mark, as tags, for a line that holds other tags too. */
export function CareMarkTags({ marks }: { marks: readonly CareMark[] | undefined }) {
  if (!marks || marks.length === 0) return null;
  return (
    <>
      <Text className="tag tag--care">重点关爱</Text>
      {marks.map((mark) => (
        <Text key={mark} className="tag tag--care-mark">
          {CARE_MARK_LABELS[mark]}
        </Text>
      ))}
    </>
  );
}

/** 重点关爱 and each mark on their own line: beside a person's name. */
export function CareTags({ marks }: { marks: readonly CareMark[] | undefined }) {
  if (!marks || marks.length === 0) return null;
  return (
    <View className="care-tags">
      <CareMarkTags marks={marks} />
    </View>
  );
}
