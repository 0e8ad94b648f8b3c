import { Picker, Text, View } from '@tarojs/components';
import { addDays, earliestReportDay } from '../../services/dashboard';

/**
 * The report's day: 前一天 and 后一天 beside a date picker, from the earliest day the server keeps
 * open to today (the server's China day, so a phone with a wrong clock still offers the right
 * range).
 */
export function DaySwitcher({
  day,
  today,
  onPick,
}: {
  /** The day shown; null before any report, when today is the starting point. */
  day: string | null;
  today: string;
  onPick: (day: string) => void;
}) {
  const shown = day ?? today;
  const earliest = earliestReportDay(today);
  const hasEarlier = shown > earliest;
  const hasLater = shown < today;
  return (
    <View className="day-switcher">
      <Step label="‹ 前一天" enabled={hasEarlier} onTap={() => onPick(addDays(shown, -1))} />
      <Picker
        mode="date"
        value={shown}
        start={earliest}
        end={today}
        onChange={(e) => onPick(e.detail.value)}
      >
        <View className="day-switcher__day" hoverClass="day-switcher__day--pressed">
          <Text className="day-switcher__date">{shown === today ? `今天 ${shown}` : shown}</Text>
          <Text className="day-switcher__caret">▾</Text>
        </View>
      </Picker>
      <Step label="后一天 ›" enabled={hasLater} onTap={() => onPick(addDays(shown, 1))} />
    </View>
  );
}

function Step({ label, enabled, onTap }: { label: string; enabled: boolean; onTap: () => void }) {
  return (
    <View
      className={enabled ? 'day-switcher__step' : 'day-switcher__step day-switcher__step--off'}
      ariaRole="button"
      {...(enabled && { hoverClass: 'day-switcher__step--pressed', onClick: onTap })}
    >
      <Text>{label}</Text>
    </View>
  );
}
