import { Text, View } from '@tarojs/components';
import { describeIssue, type ImportCounts, type ImportView } from '../../services/imports';

/** 新建网格 n 个, 新建住户 n 户（已有 n 户）, 新增人员, 更新, 无变化: one line each, large. */
export function ImportCountsList({ counts }: { counts: ImportCounts }) {
  const { nodes, households, people } = counts;
  const lines = [
    `新建网格 ${nodes.create} 个`,
    `新建住户 ${households.create} 户（已有 ${households.existing} 户）`,
    `新增人员 ${people.create} 人`,
    `更新 ${people.update} 人`,
    `无变化 ${people.unchanged} 人`,
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
