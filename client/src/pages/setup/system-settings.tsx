import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { openPage, routes } from '../../routes';
import { levelsLine, type SetupStatus } from '../../services/setup';
import { FeverClinics } from './clinics-form';
import { CommandTeam } from './command-team';
import { LevelsForm } from './levels-form';

/** 系统设置: what the command centre finds here once the system is set up. */
export function SystemSettings({ status, me }: { status: SetupStatus; me: string }) {
  // What the last save answered: the status read on opening is stale after it.
  const [current, setCurrent] = useState(status);
  // The page is 初始化 to everyone else; its static title is what they see.
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: '系统设置' });
  }, []);
  return (
    <View className="page setup">
      <Text className="page__title">系统设置</Text>
      <Text className="page__hint">仅指挥部可见。修改对全部网格生效。</Text>
      <View className="section">
        <View className="section__head">
          <Text className="section__title">网格层级名称</Text>
        </View>
        <Text className="setup__note">当前：{levelsLine(current.levels)}</Text>
        <LevelsForm current={current} onSaved={setCurrent} />
      </View>
      <View className="section">
        <View className="section__head">
          <Text className="section__title">中高风险地区</Text>
        </View>
        <Text className="setup__note">返乡人员按此分类，观察天数也在此设置。</Text>
        <Button
          className="btn btn--secondary btn--block"
          hoverClass="btn--pressed"
          onClick={() => openPage(routes.riskAreas())}
        >
          管理风险地区
        </Button>
      </View>
      <View className="section">
        <View className="section__head">
          <Text className="section__title">发热门诊</Text>
        </View>
        <Text className="setup__note">
          居民报告发热或症状后，打卡页提示前往这些门诊，可一键拨打。
        </Text>
        <FeverClinics />
      </View>
      <CommandTeam me={me} />
    </View>
  );
}
