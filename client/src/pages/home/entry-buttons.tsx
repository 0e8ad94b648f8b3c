import { Button, Text, View } from '@tarojs/components';
import type { Role } from '@gridguard/types';
import { openPage, routes } from '../../routes';

interface Entry {
  label: string;
  hint: string;
  url: string;
}

/** What each role comes here to do; someone with several roles gets every entry that applies. */
function entriesFor(roles: readonly Role[], gridId: string | null): Entry[] {
  const entries: Entry[] = [];
  if (roles.some((role) => role === 'leader' || role === 'member' || role === 'command')) {
    entries.push({ label: '我的网格', hint: '下级网格、团队、住户', url: routes.grid() });
  }
  if (gridId && roles.some((role) => role === 'leader' || role === 'command')) {
    entries.push({
      label: '防控日报',
      hint: '今日数据、逐级查看、导出',
      url: routes.dashboard(gridId),
    });
  }
  if (roles.includes('command')) {
    entries.push({
      label: '跑腿设置',
      hint: '每人同时办理的单数、认领超时',
      url: routes.errandSettings(),
    });
    entries.push({
      label: '系统设置',
      hint: '网格层级名称、指挥部成员',
      url: routes.setup(),
    });
  }
  if (roles.some((role) => role === 'leader' || role === 'member')) {
    entries.push({ label: '代购池', hint: '居民的跑腿代购需求，抢单', url: routes.errandPool() });
    entries.push({
      label: '我认领的',
      hint: '联系居民、记录购买和送达',
      url: routes.errandClaims(),
    });
    entries.push({
      label: '我联系的住户',
      hint: '户联系：今日打卡、异常，一键拨打',
      url: routes.myHouseholds(),
    });
    entries.push({
      label: '我照看的',
      hint: '关爱协管员：居家观察对象',
      url: routes.myCared(),
    });
    entries.push({
      label: '排查走访',
      hint: '洗楼排查：我的走访、回访队列',
      url: routes.campaigns(),
    });
    entries.push({ label: '我的班次', hint: '卡口值守：签到、签退', url: routes.myShifts() });
  }
  if (roles.includes('resident')) {
    entries.push({ label: '健康打卡', hint: '今日体温、症状，可为家人代报', url: routes.report() });
    entries.push({
      label: '通行码',
      hint: '出入卡口时出示，自动刷新',
      url: routes.checkpointPass(),
    });
    entries.push({
      label: '返乡登记',
      hint: '从外地返回时登记，可为家人代登记',
      url: routes.returnHome(),
    });
    entries.push({
      label: '跑腿代购',
      hint: '居家观察期间，请志愿者代买送上门',
      url: routes.errandRequest(),
    });
    entries.push({ label: '我的代购', hint: '进度、确认收货', url: routes.myErrands() });
    entries.push({ label: '我的家庭', hint: '家庭成员、代登记', url: routes.household() });
  }
  entries.push({ label: '加入网格', hint: '邀请码或门牌码', url: routes.join() });
  return entries;
}

/** An entry's padding, in the label's em: 28 on each side of a 40 label. */
const ENTRY_PADDING_EM = 1.6;

/**
 * As many columns as fit, none narrower than the longest label and its padding, so a label never
 * breaks: two on a phone, one when the type is large (the em grows with it).
 */
function columnsFor(entries: readonly Entry[]): string {
  const longest = Math.max(...entries.map((entry) => entry.label.length));
  return `repeat(auto-fill, minmax(${longest + ENTRY_PADDING_EM}em, 1fr))`;
}

/** `gridId` is the caller's own node: the daily report opens there. */
export function EntryButtons({
  roles,
  gridId = null,
}: {
  roles: readonly Role[];
  gridId?: string | null;
}) {
  const entries = entriesFor(roles, gridId);
  return (
    <View className="entries" style={{ gridTemplateColumns: columnsFor(entries) }}>
      {entries.map((entry, index) => (
        <Button
          key={entry.url}
          className={index === 0 ? 'entry entry--primary' : 'entry'}
          hoverClass="entry--pressed"
          onClick={() => openPage(entry.url)}
        >
          <Text className="entry__label">{entry.label}</Text>
          <Text className="entry__hint">{entry.hint}</Text>
        </Button>
      ))}
    </View>
  );
}
