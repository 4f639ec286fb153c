/**
 * Option builders for the Train view's live charts. The base option is set once; updates replace only
 * series data (plain [x, y] arrays), so an update is cheap and keeps the user's zoom and legend choices.
 */
import type { EpisodeMetric, TrainMetric } from '../../../shared/metrics';
import type { EChartsOption } from './echarts';

export const CHART_COLORS = {
  points: '#5b8def',
  average: '#f2b544',
  loss: '#e0647a',
  meanQ: '#4fc3a1',
  epsilon: '#b48cf2',
  fps: '#6ec3f0',
} as const;

const AXIS = {
  axisLine: { lineStyle: { color: '#3a4150' } },
  axisLabel: { color: '#8b93a5', fontSize: 11 },
  splitLine: { lineStyle: { color: '#232833' } },
  nameTextStyle: { color: '#8b93a5', fontSize: 11 },
};

export function formatFrames(value: number): string {
  if (Math.abs(value) >= 1e6) return `${+(value / 1e6).toFixed(2)}M`;
  if (Math.abs(value) >= 1e3) return `${+(value / 1e3).toFixed(1)}k`;
  return String(Math.round(value));
}

function baseOption(legend: string[], yAxes: EChartsOption[]): EChartsOption {
  return {
    backgroundColor: 'transparent',
    animation: false,
    textStyle: { fontFamily: 'inherit' },
    grid: { left: 52, right: yAxes.length > 1 ? 52 : 18, top: 34, bottom: 56 },
    legend: { data: legend, top: 4, textStyle: { color: '#c5cad6', fontSize: 11 }, inactiveColor: '#4a5060' },
    tooltip: {
      trigger: 'axis',
      backgroundColor: '#1b1f27',
      borderColor: '#3a4150',
      textStyle: { color: '#e6e9ef', fontSize: 12 },
      axisPointer: { type: 'line', lineStyle: { color: '#5a6270' } },
      valueFormatter: (v: unknown) => (typeof v === 'number' ? +v.toPrecision(4) + '' : String(v)),
    },
    xAxis: {
      type: 'value',
      name: 'frames',
      nameLocation: 'end',
      nameGap: 8,
      min: 0,
      max: 'dataMax',
      ...AXIS,
      axisLabel: { ...AXIS.axisLabel, formatter: formatFrames },
    },
    yAxis: yAxes.map((y) => ({ type: 'value', scale: true, ...AXIS, ...y })),
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
      {
        type: 'slider',
        xAxisIndex: 0,
        height: 16,
        bottom: 8,
        filterMode: 'none',
        borderColor: '#2b303b',
        textStyle: { color: '#8b93a5', fontSize: 10 },
        labelFormatter: (v: number) => formatFrames(v),
      },
    ],
    series: [],
  };
}

export function returnChartOption(): EChartsOption {
  const option = baseOption(['episode return', 'moving average (20)'], [{ name: 'return' }]);
  option.series = [
    {
      name: 'episode return',
      type: 'scatter',
      symbolSize: 6,
      itemStyle: { color: CHART_COLORS.points, opacity: 0.75 },
      data: [],
      // Large mode (one batched path) only pays off past a few thousand points.
      large: true,
      largeThreshold: 4000,
    },
    {
      name: 'moving average (20)',
      type: 'line',
      showSymbol: false,
      lineStyle: { width: 2, color: CHART_COLORS.average },
      itemStyle: { color: CHART_COLORS.average },
      data: [],
    },
  ];
  return option;
}

function line(name: string, color: string, yAxisIndex = 0): EChartsOption {
  return {
    name,
    type: 'line',
    yAxisIndex,
    showSymbol: false,
    sampling: 'lttb',
    lineStyle: { width: 1.5, color },
    itemStyle: { color },
    data: [],
  };
}

export function lossChartOption(): EChartsOption {
  const option = baseOption(['loss', 'mean Q'], [{ name: 'loss' }, { name: 'mean Q', splitLine: { show: false } }]);
  option.series = [line('loss', CHART_COLORS.loss), line('mean Q', CHART_COLORS.meanQ, 1)];
  return option;
}

export function scheduleChartOption(): EChartsOption {
  const option = baseOption(
    ['ε', 'frames/s'],
    [
      { name: 'ε', min: 0, max: 1, scale: false },
      { name: 'frames/s', splitLine: { show: false } },
    ],
  );
  option.series = [line('ε', CHART_COLORS.epsilon), line('frames/s', CHART_COLORS.fps, 1)];
  return option;
}

/** Trailing moving average over `window` episodes, as [frames, value] points. */
export function movingAverage(episodes: readonly EpisodeMetric[], window = 20): [number, number][] {
  const out: [number, number][] = [];
  let sum = 0;
  for (let i = 0; i < episodes.length; i++) {
    sum += episodes[i].return;
    if (i >= window) sum -= episodes[i - window].return;
    out.push([episodes[i].frames, sum / Math.min(i + 1, window)]);
  }
  return out;
}

/** A centred hint while a chart has nothing to draw yet. */
function emptyHint(empty: boolean, text: string): EChartsOption {
  return {
    show: empty,
    text,
    left: 'center',
    top: 'middle',
    textStyle: { color: '#5a6270', fontSize: 12, fontWeight: 'normal' },
  };
}

/** A line's data; with a single point a line has nothing to draw, so that point shows as a dot. */
function lineData(data: [number, number][]): EChartsOption {
  return { data, showSymbol: data.length === 1 };
}

export function returnSeries(episodes: readonly EpisodeMetric[]): EChartsOption {
  return {
    title: emptyHint(episodes.length === 0, 'Episode returns appear when the first episode ends'),
    series: [{ data: episodes.map((e) => [e.frames, e.return]) }, lineData(movingAverage(episodes))],
  };
}

export function lossSeries(train: readonly TrainMetric[]): EChartsOption {
  const finite = train.filter((t) => Number.isFinite(t.loss));
  return {
    title: emptyHint(finite.length === 0, 'Loss appears once learning starts'),
    series: [lineData(finite.map((t) => [t.frames, t.loss])), lineData(finite.map((t) => [t.frames, t.meanQ]))],
  };
}

export function scheduleSeries(train: readonly TrainMetric[]): EChartsOption {
  return {
    title: emptyHint(train.length === 0, 'Waiting for training metrics'),
    series: [lineData(train.map((t) => [t.frames, t.epsilon])), lineData(train.map((t) => [t.frames, t.fps]))],
  };
}
