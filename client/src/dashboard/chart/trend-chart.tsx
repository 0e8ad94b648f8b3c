import UCharts from '@qiun/ucharts';
import { Canvas, Text, View } from '@tarojs/components';
import { useEffect, useMemo, useState } from 'react';
import { TREND_DAYS, type TrendPoint } from '../../services/dashboard';
import { canvas2d } from './canvas-2d';
import { trendSeries, Y_SPLITS, type TrendSeries } from './trend-series';
import './trend-chart.css';

// The h5 preview keeps earlier pages in the document and queries it whole, so each chart needs
// its own id or a drilled-down page would draw on its parent's canvas.
let chartsCreated = 0;
/** uCharts' sizes are in CSS pixels before pixelRatio; 12 keeps 14 day labels apart on a phone. */
const CHART_FONT_PX = 12;

async function draw(canvasId: string, data: TrendSeries): Promise<boolean> {
  const canvas = await canvas2d(`#${canvasId}`);
  if (!canvas) return false;
  new UCharts({
    type: 'line',
    context: canvas.context,
    width: canvas.width,
    height: canvas.height,
    pixelRatio: canvas.pixelRatio,
    categories: data.categories,
    series: data.series,
    // Redrawn whenever the page reloads; an animation would only delay the numbers.
    animation: false,
    background: '#FFFFFF',
    fontSize: CHART_FONT_PX,
    padding: [16, 12, 8, 4],
    dataLabel: false,
    legend: { show: true, position: 'top', fontSize: 13, lineHeight: 18 },
    xAxis: { disableGrid: true, fontSize: CHART_FONT_PX, boundaryGap: 'justify' },
    yAxis: {
      gridType: 'dash',
      splitNumber: Y_SPLITS,
      data: [{ min: 0, max: data.axisMax, fontSize: CHART_FONT_PX }],
    },
    extra: { line: { type: 'straight', width: 2 } },
  });
  return true;
}

/** 应报 / 已报 / 发热 over the last TREND_DAYS days, drawn by uCharts on a 2d canvas. */
export function TrendChart({ points }: { points: readonly TrendPoint[] }) {
  const data = useMemo(() => trendSeries(points), [points]);
  const [failed, setFailed] = useState(false);
  const [canvasId] = useState(() => `dashboard-trend-${++chartsCreated}`);

  useEffect(() => {
    if (data.reportedDays === 0) return;
    let current = true;
    draw(canvasId, data)
      .then((drawn) => {
        if (current && !drawn) setFailed(true);
      })
      .catch((error: unknown) => {
        console.error('[trend chart]', error);
        if (current) setFailed(true);
      });
    return () => {
      current = false;
    };
  }, [canvasId, data]);

  if (data.reportedDays === 0) {
    return <Text className="trend__note">近 {TREND_DAYS} 天还没有日报，生成后这里显示走势</Text>;
  }
  return (
    <View className="trend">
      <Canvas type="2d" id={canvasId} className="trend__canvas" />
      <Text className="trend__note">
        {failed
          ? '走势图绘制失败，请下拉刷新重试'
          : `近 ${TREND_DAYS} 天中 ${data.reportedDays} 天有日报，无日报的日子留空`}
      </Text>
    </View>
  );
}
