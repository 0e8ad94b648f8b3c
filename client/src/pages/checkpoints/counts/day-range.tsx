import { Picker, Text, View } from '@tarojs/components';
import { addDays, COUNTS_MAX_DAYS, daysBetween } from '../../../services/checkpoints-log';

/**
 * 开始 and 结束 China days, each a date picker: the end no later than today, the start at most
 * COUNTS_MAX_DAYS back from the end. Moving one end past what the other allows drags it along,
 * so the range on screen is always one the server accepts.
 */
export function DayRange(props: {
  from: string;
  to: string;
  today: string;
  onChange: (range: { from: string; to: string }) => void;
}) {
  const { from, to, today, onChange } = props;
  const span = COUNTS_MAX_DAYS - 1;
  const pickFrom = (day: string) => {
    const end = daysBetween(day, to) > span || day > to ? minDay(addDays(day, span), today) : to;
    onChange({ from: day, to: end });
  };
  const pickTo = (day: string) => {
    const start = daysBetween(from, day) > span || from > day ? addDays(day, -span) : from;
    onChange({ from: start, to: day });
  };
  return (
    <View className="day-range">
      <Picker mode="date" value={from} end={today} onChange={(e) => pickFrom(e.detail.value)}>
        <View className="day-range__end" hoverClass="day-range__end--pressed">
          <Text className="day-range__label">开始</Text>
          <Text className="day-range__day">{from} ▾</Text>
        </View>
      </Picker>
      <Text className="day-range__to">至</Text>
      <Picker mode="date" value={to} end={today} onChange={(e) => pickTo(e.detail.value)}>
        <View className="day-range__end" hoverClass="day-range__end--pressed">
          <Text className="day-range__label">结束</Text>
          <Text className="day-range__day">{to} ▾</Text>
        </View>
      </Picker>
    </View>
  );
}

const minDay = (a: string, b: string) => (a < b ? a : b);
