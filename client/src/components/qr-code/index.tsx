import { View } from '@tarojs/components';
import { useMemo } from 'react';
import { qrLayout } from './matrix';
import './index.css';

const percent = (modules: number, size: number) => `${((modules / size) * 100).toFixed(4)}%`;

/**
 * A QR code drawn with views: no canvas, so it renders the same in the mini-program, the browser
 * preview and the tests, and it can be screenshotted or printed from either.
 */
export function QrCode({ text, label }: { text: string; label: string }) {
  const layout = useMemo(() => qrLayout(text), [text]);
  return (
    <View className="qr-code" ariaRole="img" ariaLabel={label} data-qr-text={text}>
      {layout.rows.map((runs, r) => (
        <View key={r} className="qr-code__row">
          {runs.map((run, i) => (
            <View
              key={i}
              className="qr-code__dark"
              style={{
                marginLeft: percent(run.gap, layout.size),
                width: percent(run.length, layout.size),
              }}
            />
          ))}
        </View>
      ))}
    </View>
  );
}
