/**
 * The parts of Apache ECharts the figures use, and nothing more (tree-shaken). Only ever imported with `import()`,
 * so it is a chunk of its own that the login page and the other pages never load.
 */
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { echarts };
