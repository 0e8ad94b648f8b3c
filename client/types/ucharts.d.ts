/**
 * The part of uCharts 2.5 (`@qiun/ucharts`, shipped without typings) the dashboard uses. Options
 * follow https://www.ucharts.cn; sizes are in canvas pixels, i.e. CSS pixels × pixelRatio.
 */
declare module '@qiun/ucharts' {
  export interface UChartsSeries {
    name: string;
    /** null leaves a gap in the line. */
    data: (number | null)[];
    color?: string;
  }

  export interface UChartsOptions {
    type: 'line';
    /** A canvas 2d context (weapp Canvas type="2d" node, or a browser canvas). */
    context: unknown;
    width: number;
    height: number;
    pixelRatio: number;
    categories: string[];
    series: UChartsSeries[];
    animation?: boolean;
    background?: string;
    fontSize?: number;
    padding?: [number, number, number, number];
    dataLabel?: boolean;
    dataPointShape?: boolean;
    legend?: {
      show?: boolean;
      position?: 'top' | 'bottom';
      fontSize?: number;
      lineHeight?: number;
    };
    xAxis?: {
      disableGrid?: boolean;
      fontSize?: number;
      boundaryGap?: 'center' | 'justify';
    };
    yAxis?: {
      gridType?: 'solid' | 'dash';
      splitNumber?: number;
      data?: { min?: number; max?: number; fontSize?: number }[];
    };
    extra?: { line?: { type?: 'straight' | 'curve' | 'step'; width?: number } };
  }

  export default class UCharts {
    constructor(options: UChartsOptions);
  }
}
