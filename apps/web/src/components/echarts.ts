/**
 * The parts of Apache ECharts the platform's charts use, and nothing more (tree-shaken): bars and lines of the
 * figures and projects, the pipeline's funnel, the chain map's tree. Only ever imported with `import()`, so it is a
 * chunk of its own that the login page and the pages without charts never load.
 */
import { BarChart, FunnelChart, LineChart, TreeChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([
  BarChart,
  FunnelChart,
  LineChart,
  TreeChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export { echarts };
