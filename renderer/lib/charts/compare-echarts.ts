/** The studio's ECharts build plus what the Runs view adds: parallel coordinates and a visual map. */
import { ParallelChart } from 'echarts/charts';
import { ParallelComponent, VisualMapComponent } from 'echarts/components';
import { echarts } from './echarts';

echarts.use([ParallelChart, ParallelComponent, VisualMapComponent]);

export { echarts };
export type { EChartsOption } from './echarts';
