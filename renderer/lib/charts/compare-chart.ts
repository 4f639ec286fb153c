/**
 * Option builders for the compare chart (overlaid curves, one colour per run) and the hyperparameter
 * picture (parallel coordinates of numeric settings against final score).
 */
import type { Point } from '../compare-smoothing';
import { downsample, smoothEma } from '../compare-smoothing';
import { AXIS_LABELS, METRIC_LABELS, type CurveAxis, type CurveMetric } from '../compare-series';
import type { EChartsOption } from './compare-echarts';

/** Distinct on a dark background, in the order runs are assigned them. */
export const RUN_COLORS = [
  '#5b8def',
  '#f2b544',
  '#4fc3a1',
  '#e0647a',
  '#b48cf2',
  '#6ec3f0',
  '#f28f5b',
  '#9fd356',
  '#e57ad8',
  '#c9c9c9',
];

export function runColor(index: number): string {
  return RUN_COLORS[index % RUN_COLORS.length];
}

const AXIS_STYLE = {
  axisLine: { lineStyle: { color: '#3a4150' } },
  axisLabel: { color: '#8b93a5', fontSize: 11 },
  splitLine: { lineStyle: { color: '#232833' } },
  nameTextStyle: { color: '#8b93a5', fontSize: 11 },
};

function shortNumber(value: number): string {
  if (Math.abs(value) >= 1e6) return `${+(value / 1e6).toFixed(2)}M`;
  if (Math.abs(value) >= 1e3) return `${+(value / 1e3).toFixed(1)}k`;
  return String(+value.toPrecision(4));
}

export interface CompareCurve {
  readonly id: string;
  readonly name: string;
  readonly color: string;
  readonly points: readonly Point[];
}

const MAX_POINTS = 1500;

export function compareChartOption(
  curves: readonly CompareCurve[],
  metric: CurveMetric,
  axis: CurveAxis,
  smoothing: number,
): EChartsOption {
  const series: unknown[] = [];
  for (const c of curves) {
    const raw = downsample(c.points, MAX_POINTS);
    if (smoothing > 0) {
      // The raw curve stays visible underneath, faintly, as TensorBoard does.
      series.push({
        id: `${c.id}:raw`,
        name: c.name,
        type: 'line',
        data: raw,
        showSymbol: false,
        silent: true,
        lineStyle: { width: 1, color: c.color, opacity: 0.22 },
        itemStyle: { color: c.color },
        tooltip: { show: false },
        z: 1,
      });
    }
    series.push({
      id: `${c.id}:main`,
      name: c.name,
      type: 'line',
      data: smoothing > 0 ? downsample(smoothEma(c.points, smoothing), MAX_POINTS) : raw,
      showSymbol: metric === 'eval' || raw.length < 30,
      symbolSize: 5,
      lineStyle: { width: 2, color: c.color },
      itemStyle: { color: c.color },
      z: 2,
    });
  }
  return {
    backgroundColor: 'transparent',
    animation: false,
    textStyle: { fontFamily: 'inherit' },
    color: curves.map((c) => c.color),
    grid: { left: 56, right: 24, top: 40, bottom: 62 },
    legend: {
      data: curves.map((c) => c.name),
      top: 6,
      type: 'scroll',
      textStyle: { color: '#c5cad6', fontSize: 12 },
      inactiveColor: '#4a5060',
      pageTextStyle: { color: '#8b93a5' },
    },
    tooltip: {
      trigger: 'axis',
      backgroundColor: '#1b1f27',
      borderColor: '#3a4150',
      textStyle: { color: '#e6e9ef', fontSize: 12 },
      valueFormatter: (v: unknown) => (typeof v === 'number' ? String(+v.toPrecision(4)) : String(v)),
    },
    xAxis: {
      type: 'value',
      name: AXIS_LABELS[axis],
      nameLocation: 'middle',
      nameGap: 26,
      min: 'dataMin',
      max: 'dataMax',
      ...AXIS_STYLE,
      axisLabel: { ...AXIS_STYLE.axisLabel, formatter: shortNumber },
    },
    yAxis: {
      type: 'value',
      name: METRIC_LABELS[metric],
      nameLocation: 'middle',
      nameGap: 40,
      scale: true,
      ...AXIS_STYLE,
    },
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
      {
        type: 'slider',
        xAxisIndex: 0,
        height: 14,
        bottom: 6,
        borderColor: '#2a303b',
        backgroundColor: '#161a21',
        fillerColor: 'rgba(91,141,239,0.15)',
        handleStyle: { color: '#5b8def' },
        textStyle: { color: '#8b93a5' },
        dataBackground: { lineStyle: { color: '#3a4150' }, areaStyle: { color: '#232833' } },
      },
    ],
    series,
  };
}

export interface ParallelDimension {
  readonly key: string;
  readonly label: string;
  /** Numeric values per run, or category names when `categories` is set. */
  readonly values: readonly (number | string | null)[];
  readonly categories?: readonly string[];
}

/** Where the parallel axes are drawn, in px of the chart box (the visual map sits in the right margin). */
export const PARALLEL_LAYOUT = { left: 40, right: 90, top: 46, bottom: 28 } as const;

export function parallelOption(
  dimensions: readonly ParallelDimension[],
  runNames: readonly string[],
  scoreIndex: number,
): EChartsOption {
  const scores = dimensions[scoreIndex]?.values.filter((v): v is number => typeof v === 'number') ?? [];
  const lo = scores.length ? Math.min(...scores) : 0;
  const hi = scores.length ? Math.max(...scores) : 1;
  const data = runNames.map((name, i) => ({ name, value: dimensions.map((d) => d.values[i] ?? '-') }));
  return {
    backgroundColor: 'transparent',
    animation: false,
    textStyle: { fontFamily: 'inherit' },
    parallel: {
      ...PARALLEL_LAYOUT,
      parallelAxisDefault: {
        nameLocation: 'end',
        nameGap: 14,
        nameTextStyle: { color: '#c5cad6', fontSize: 11 },
        axisLine: { lineStyle: { color: '#4a5262' } },
        axisTick: { lineStyle: { color: '#4a5262' } },
        axisLabel: {
          color: '#8b93a5',
          fontSize: 10,
          formatter: (v: unknown) => (typeof v === 'number' ? shortNumber(v) : String(v)),
        },
        splitLine: { show: false },
        areaSelectStyle: {
          width: 16,
          borderWidth: 1,
          borderColor: '#5b8def',
          color: 'rgba(91,141,239,0.25)',
          opacity: 1,
        },
      },
    },
    parallelAxis: dimensions.map((d, dim) =>
      d.categories
        ? { dim, name: d.label, type: 'category', data: [...d.categories] }
        : { dim, name: d.label, type: 'value', scale: true },
    ),
    visualMap: {
      type: 'continuous',
      dimension: scoreIndex,
      // All scores equal: centre them (amber) rather than calling every run the worst.
      min: hi === lo ? lo - 1 : lo,
      max: hi === lo ? lo + 1 : hi,
      right: 4,
      top: 'middle',
      itemHeight: 120,
      itemWidth: 10,
      calculable: false,
      text: ['best', 'worst'],
      textStyle: { color: '#8b93a5', fontSize: 10 },
      inRange: { color: ['#e0647a', '#f2b544', '#4fc3a1'] },
    },
    tooltip: {
      trigger: 'item',
      backgroundColor: '#1b1f27',
      borderColor: '#3a4150',
      textStyle: { color: '#e6e9ef', fontSize: 12 },
    },
    series: [
      {
        type: 'parallel',
        name: 'runs',
        smooth: false,
        lineStyle: { width: 2.5, opacity: 0.85 },
        emphasis: { lineStyle: { width: 4, opacity: 1 } },
        inactiveOpacity: 0.08,
        activeOpacity: 1,
        data,
      },
    ],
  };
}
