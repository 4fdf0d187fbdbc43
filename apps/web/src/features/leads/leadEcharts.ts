/**
 * The parts of Apache ECharts the pipeline figures and the investment map use (a funnel and bars), tree-shaken.
 * Only ever imported with `import()`, so it is a chunk of its own that only these pages load.
 */
import { BarChart, FunnelChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([BarChart, FunnelChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { echarts };
