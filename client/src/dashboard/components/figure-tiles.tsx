import { Text, View } from '@tarojs/components';
import { openPage } from '../../routes';
import {
  completionOf,
  FIGURE_LABELS,
  noticeReachOf,
  sweepCoverageOf,
  type FigureKey,
  type Figures,
} from '../../services/dashboard';

/** What a leader checks first in the evening: who is due, who reported, who is unwell. */
const KEY_FIGURES: readonly { key: FigureKey; label: string }[] = [
  { key: 'reportsDue', label: '应报' },
  { key: 'reportsReceived', label: '已报' },
  { key: 'reportsMissing', label: '未报' },
  { key: 'fevers', label: '发热' },
  { key: 'escalated', label: '异常' },
];

/** The rest of the report, grouped as a leader reads it. */
const GROUPS: readonly { title: string; keys: readonly FigureKey[] }[] = [
  {
    title: '人员与居家观察',
    keys: [
      'registered',
      'newReturns',
      'released',
      'observedRoutine',
      'observedKey',
      'observedCentral',
    ],
  },
  { title: '跑腿代购', keys: ['errandsOpen', 'errandsClaimed', 'errandsDone'] },
];

/** 洗楼/排查 under way: shown only while some campaign covers the node. */
const SWEEP_KEYS: readonly FigureKey[] = [
  'sweepTargets',
  'sweepSettled',
  'sweepVisitedToday',
  'sweepFindings',
];

/** 卡口: shown only where the day saw checkpoint activity or a shift short of crew. */
const CHECKPOINT_KEYS: readonly FigureKey[] = [
  'checkpointPassages',
  'checkpointResidents',
  'checkpointOutsiders',
  'checkpointVehicles',
  'checkpointTurnedBack',
  'checkpointUncovered',
];

/** Figures that need someone's attention whenever they are not zero. */
const ATTENTION: ReadonlySet<FigureKey> = new Set([
  'reportsMissing',
  'fevers',
  'escalated',
  'checkpointTurnedBack',
  'checkpointUncovered',
]);

export interface FigureTilesProps {
  figures: Figures;
  /** The list each figure opens, where there is one. */
  links: Partial<Record<FigureKey, string>>;
}

/**
 * The key figures (应报/已报/未报/发热/异常) in one row with the share reported, then the rest in
 * groups; a figure with a list behind it opens that list.
 */
export function FigureTiles({ figures, links }: FigureTilesProps) {
  const percent = Math.round(completionOf(figures) * 100);
  return (
    <View>
      <View className="card key-figures">
        <View className="key-figures__row">
          {KEY_FIGURES.map(({ key, label }) => (
            <FigureTile
              key={key}
              name={key}
              label={label}
              spoken={FIGURE_LABELS[key]}
              value={figures[key]}
              link={links[key]}
              attention={ATTENTION.has(key) && figures[key] > 0}
            />
          ))}
        </View>
        <View className="completion">
          <Text className="completion__text">
            {figures.reportsDue > 0 ? `打卡完成率 ${percent}%` : '今日无需打卡'}
          </Text>
          <View className="completion__bar">
            <View className="completion__fill" style={{ width: `${percent}%` }} />
          </View>
        </View>
      </View>

      <SweepGroup figures={figures} links={links} />
      <CheckpointGroup figures={figures} links={links} />
      <NoticeGroup figures={figures} links={links} />
      {GROUPS.map((group) => (
        <View key={group.title} className="card figure-group">
          <Text className="figure-group__title">{group.title}</Text>
          {group.keys.map((key) => (
            <FigureCell key={key} name={key} value={figures[key]} link={links[key]} />
          ))}
        </View>
      ))}
    </View>
  );
}

/** The campaigns' rounds under way: coverage first, then what it is made of. */
function SweepGroup({ figures, links }: FigureTilesProps) {
  const coverage = sweepCoverageOf(figures);
  if (coverage === null) return null;
  const percent = Math.round(coverage * 100);
  return (
    <View className="card figure-group sweep-figures">
      <Text className="figure-group__title">洗楼排查（进行中的轮次）</Text>
      <View className="completion">
        <Text className="completion__text">本轮排查率 {percent}%</Text>
        <View className="completion__bar">
          <View className="completion__fill" style={{ width: `${percent}%` }} />
        </View>
      </View>
      {SWEEP_KEYS.map((key) => (
        <FigureCell key={key} name={key} value={figures[key]} link={links[key]} />
      ))}
    </View>
  );
}

/** The day at the subtree's 卡口: who passed, who was turned back, shifts left short. */
function CheckpointGroup({ figures, links }: FigureTilesProps) {
  if (CHECKPOINT_KEYS.every((key) => figures[key] === 0)) return null;
  return (
    <View className="card figure-group checkpoint-figures">
      <Text className="figure-group__title">卡口</Text>
      {CHECKPOINT_KEYS.map((key) => (
        <FigureCell
          key={key}
          name={key}
          value={figures[key]}
          link={links[key]}
          attention={ATTENTION.has(key) && figures[key] > 0}
        />
      ))}
    </View>
  );
}

/**
 * The recent notices' reach: households to tell (户次), those told, and the share. Shown only
 * while some notice concerns the node; each tile opens the node's notices, where each one's
 * reach and its households not reached yet are.
 */
function NoticeGroup({ figures, links }: FigureTilesProps) {
  if (figures.noticesActive <= 0) return null;
  const reach = noticeReachOf(figures);
  const link = links.noticeHouseholds;
  return (
    <View className="card figure-group notice-figures">
      <Text className="figure-group__title">
        通知公告 · {FIGURE_LABELS.noticesActive} {figures.noticesActive} 条
      </Text>
      <View className="key-figures__row">
        <FigureTile
          name="noticeHouseholds"
          label="应告知"
          spoken={FIGURE_LABELS.noticeHouseholds}
          value={figures.noticeHouseholds}
          link={link}
        />
        <FigureTile
          name="noticeReached"
          label="已告知"
          spoken={FIGURE_LABELS.noticeReached}
          value={figures.noticeReached}
          link={links.noticeReached}
        />
        <FigureTile
          name="noticeReach"
          label="告知率"
          spoken="告知率"
          value={reach === null ? '—' : `${Math.round(reach * 100)}%`}
          link={link}
        />
      </View>
    </View>
  );
}

/** One figure as a big tile: number over its label, opening its list when it has one. */
function FigureTile({
  name,
  label,
  spoken,
  value,
  link,
  attention = false,
}: {
  name: string;
  label: string;
  /** The full name a screen reader says. */
  spoken: string;
  value: number | string;
  link?: string;
  attention?: boolean;
}) {
  return (
    <View
      className={`figure-tile figure--${name}${attention ? ' figure-tile--attention' : ''}${link ? ' figure-tile--link' : ''}`}
      {...(link && {
        hoverClass: 'figure-tile--pressed',
        ariaRole: 'button',
        ariaLabel: `${spoken} ${value}，点按查看名单`,
        onClick: () => openPage(link),
      })}
    >
      <Text className="figure-tile__value">{value}</Text>
      <Text className="figure-tile__label">{link ? `${label} ›` : label}</Text>
    </View>
  );
}

/** One figure as a list cell: label, number, and a chevron when it opens a list. */
function FigureCell({
  name,
  value,
  link,
  attention = false,
}: {
  name: FigureKey;
  value: number;
  link?: string;
  attention?: boolean;
}) {
  return (
    <View
      className={`figure-cell figure--${name}${attention ? ' figure-cell--attention' : ''}${link ? ' figure-cell--link' : ''}`}
      {...(link && {
        hoverClass: 'figure-cell--pressed',
        ariaRole: 'button',
        ariaLabel: `${FIGURE_LABELS[name]} ${value}，点按查看名单`,
        onClick: () => openPage(link),
      })}
    >
      <Text className="figure-cell__label">{FIGURE_LABELS[name]}</Text>
      <Text className="figure-cell__value">{value}</Text>
      {link ? <Text className="figure-cell__chevron">›</Text> : null}
    </View>
  );
}
