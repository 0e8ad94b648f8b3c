import { Button, Text, View } from '@tarojs/components';
import { openPage, routes } from '../../routes';

/**
 * The home-observation pages for this node's team: members see who is observed and who has not
 * reported; a leader also reviews the classes (reviewing needs the leadership `manage` stands for).
 */
export function ObservationEntries({ gridId, canReview }: { gridId: string; canReview: boolean }) {
  return (
    <View className="section observation-entries">
      <View className="section__head">
        <Text className="section__title">居家医学观察</Text>
      </View>
      <View className="btn-row">
        <Entry label="异常提醒" danger onTap={() => openPage(routes.alerts(gridId))} />
        <Entry label="今日未报" onTap={() => openPage(routes.notReported(gridId))} />
        <Entry label="观察对象" onTap={() => openPage(routes.observed(gridId))} />
        {canReview ? (
          <Entry label="分类审核" onTap={() => openPage(routes.classificationQueue(gridId))} />
        ) : null}
        {canReview ? (
          <Entry label="卡口劝返" danger onTap={() => openPage(routes.checkpointFevers(gridId))} />
        ) : null}
      </View>
    </View>
  );
}

function Entry({
  label,
  danger = false,
  onTap,
}: {
  label: string;
  danger?: boolean;
  onTap: () => void;
}) {
  return (
    <Button
      className={danger ? 'btn btn--danger' : 'btn btn--secondary'}
      hoverClass="btn--pressed"
      onClick={onTap}
    >
      {label}
    </Button>
  );
}
