/**
 * The parts of Apache ECharts the chain map uses (a tree with tooltips), tree-shaken. Only ever imported with
 * `import()`, so it is a chunk of its own that only the chain page loads.
 */
import { TreeChart } from "echarts/charts";
import { TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([TreeChart, TooltipComponent, CanvasRenderer]);

export { echarts };
