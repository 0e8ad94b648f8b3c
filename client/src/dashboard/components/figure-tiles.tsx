import { Text, View } from '@tarojs/components';
import { FIGURE_KEYS, FIGURE_LABELS, type FigureKey, type Figures } from '../../services/dashboard';

/** What a leader checks first in the evening: who is due, who reported, who is unwell. */
const FIRST: readonly FigureKey[] = [
  'reportsDue',
  'reportsReceived',
  'reportsMissing',
  'fevers',
  'escalated',
  'registered',
];
const ORDER: readonly FigureKey[] = [...FIRST, ...FIGURE_KEYS.filter((k) => !FIRST.includes(k))];

/** Figures that need someone's attention whenever they are not zero. */
const ATTENTION: ReadonlySet<FigureKey> = new Set(['reportsMissing', 'fevers', 'escalated']);

/** Every figure of the report as a large number over its Chinese label, two to a row. */
export function FigureTiles({ figures }: { figures: Figures }) {
  return (
    <View className="figure-tiles">
      {ORDER.map((key) => (
        <View
          key={key}
          className={
            ATTENTION.has(key) && figures[key] > 0
              ? `figure-tile figure-tile--${key} figure-tile--attention`
              : `figure-tile figure-tile--${key}`
          }
        >
          <Text className="figure-tile__value">{figures[key]}</Text>
          <Text className="figure-tile__label">{FIGURE_LABELS[key]}</Text>
        </View>
      ))}
    </View>
  );
}
