import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ResourcePage } from '../../../components/status-block';
import { useResource } from '../../../hooks/use-resource';
import { formatChinaDateTime } from '../../../services/format';
import { errandSettings, type ErrandSettingsView } from '../../../services/errands';
import { SettingsForm } from './settings-form';
import './index.css';

/** 跑腿设置: the command centre sets how many errands a volunteer holds and the claim timeout. */
export default function ErrandSettingsPage() {
  const { state, reload } = useResource(errandSettings);
  // What the last save answered, shown until the page is opened again.
  const [saved, setSaved] = useState<ErrandSettingsView | null>(null);

  return (
    <ResourcePage state={state} onRetry={reload}>
      {(data) => <SettingsView current={saved ?? data} onSaved={setSaved} />}
    </ResourcePage>
  );
}

function SettingsView(props: {
  current: ErrandSettingsView;
  onSaved: (saved: ErrandSettingsView) => void;
}) {
  const { current } = props;
  return (
    <View className="page errand-settings">
      <Text className="page__title">跑腿设置</Text>
      <Text className="page__hint">
        对全镇所有志愿者生效，保存后下一次抢单和超时检查即按新设置执行。
      </Text>
      <View className="section">
        <Text className="errand-settings__last">{lastChange(current)}</Text>
        <SettingsForm current={current} onSaved={props.onSaved} />
      </View>
    </View>
  );
}

function lastChange(settings: ErrandSettingsView): string {
  if (!settings.updatedAt) return '尚未修改过，目前使用默认设置。';
  const by = settings.updatedBy ? `，修改人：${settings.updatedBy}` : '';
  return `上次修改：${formatChinaDateTime(settings.updatedAt)}${by}`;
}
