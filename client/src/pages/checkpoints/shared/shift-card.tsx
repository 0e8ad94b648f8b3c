import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { dutyMark, type ShiftView } from '../../../services/checkpoints-rota';
import './index.css';

/** One shift: when, how many it needs and has, its crew with who was actually there. */
export function ShiftCard({
  shift,
  title,
  children,
  crewAction,
}: {
  shift: ShiftView;
  title?: string;
  children?: ReactNode;
  /** Shown beside each crew member (补位's 移出). */
  crewAction?: (crew: ShiftView['crew'][number]) => ReactNode;
}) {
  const gap = shift.uncovered && !shift.ended;
  return (
    <View className={`card shift-card${gap ? ' shift-card--gap' : ''}`}>
      <View className="shift-card__head">
        <Text className="shift-card__time">
          {shift.day} {shift.start}–{shift.end}
        </Text>
        <Text className={gap ? 'tag tag--danger' : 'tag'}>
          {shift.filled}/{shift.need} 人{gap ? ' · 缺人' : ''}
          {shift.ended ? ' · 已结束' : ''}
        </Text>
      </View>
      {title ? <Text className="muted">{title}</Text> : null}
      {shift.crew.length === 0 ? <Text className="muted">还没有人报名</Text> : null}
      {shift.crew.map((c) => {
        const mark = dutyMark(c, shift);
        return (
          <View key={c.openid} className="crew-line">
            <Text>{c.name}</Text>
            {c.source === 'leader' ? <Text className="tag">补位</Text> : null}
            {mark ? <Text className="tag">{mark}</Text> : null}
            {crewAction ? crewAction(c) : null}
          </View>
        );
      })}
      {children}
    </View>
  );
}
