import { Text, View } from '@tarojs/components';
import {
  describeIssue,
  type ChangeCounts,
  type ImportCounts,
  type ImportView,
} from '../../services/imports';

/**
 * 新建网格 n 个, 新建住户 n 户（已有 n 户）, 新增人员, 更新, 无变化: one line each, large; then
 * 出租屋 and 企业 when the file has those sheets.
 */
export function ImportCountsList({ counts }: { counts: ImportCounts }) {
  const { nodes, households, people, rentals, enterprises } = counts;
  const lines = [
    `新建网格 ${nodes.create} 个`,
    `新建住户 ${households.create} 户（已有 ${households.existing} 户）`,
    `新增人员 ${people.create} 人`,
    `更新 ${people.update} 人`,
    `无变化 ${people.unchanged} 人`,
    ...targetLine('出租屋', '处', rentals),
    ...targetLine('企业', '家', enterprises),
  ];
  return (
    <View className="import-counts">
      {lines.map((line) => (
        <Text key={line} className="import-counts__line">
          {line}
        </Text>
      ))}
    </View>
  );
}

/** 出租屋：新增 n 处、更新 n 处、无变化 n 处; nothing when the file listed none. */
function targetLine(what: string, unit: string, counts: ChangeCounts): string[] {
  if (counts.create + counts.update + counts.unchanged === 0) return [];
  return [
    `${what}：新增 ${counts.create} ${unit}、更新 ${counts.update} ${unit}、无变化 ${counts.unchanged} ${unit}`,
  ];
}

/** What the confirmation adds for rentals and enterprises: 、新增出租屋 n 处 when there are any. */
export function targetsToWrite(counts: ImportCounts): string {
  const parts = [
    counts.rentals.create > 0 ? `新增出租屋 ${counts.rentals.create} 处` : '',
    counts.rentals.update > 0 ? `更新出租屋 ${counts.rentals.update} 处` : '',
    counts.enterprises.create > 0 ? `新增企业 ${counts.enterprises.create} 家` : '',
    counts.enterprises.update > 0 ? `更新企业 ${counts.enterprises.update} 家` : '',
  ].filter((p) => p !== '');
  return parts.map((p) => `、${p}`).join('');
}

/** Each problem where the user finds it in Excel; says so when only the first ones are listed. */
export function ImportIssues({ view }: { view: ImportView }) {
  const shown = view.errors.length;
  return (
    <View className="import-issues">
      {view.errorCount > shown ? (
        <Text className="import-issues__more">
          {`以下只列出前 ${shown} 处（共 ${view.errorCount} 处），改好后重新上传可看到其余的。`}
        </Text>
      ) : null}
      {view.errors.map((issue, index) => (
        // The list is the server's, in sheet and row order, and is replaced whole, never edited.
        <Text key={`${index}-${issue.row}`} className="import-issues__item">
          {describeIssue(issue)}
        </Text>
      ))}
    </View>
  );
}
