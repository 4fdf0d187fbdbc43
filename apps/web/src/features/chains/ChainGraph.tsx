import type { EChartsCoreOption } from "echarts/core";
import { useMemo } from "react";
import { EChart } from "../../components/EChart.tsx";
import { type Tc, useChainI18n } from "./chainI18n.ts";
import { type ChainGaps, COVERAGE_COLORS, type GapLink, SEGMENTS } from "./useChains.ts";

type TreeNode = {
  name: string;
  tip?: string;
  itemStyle: { color: string; borderColor: string };
  symbolSize?: number;
  children?: TreeNode[];
};

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

/** The tooltip of a link: its coverage, its local enterprises (a few by name) and its targets. */
function tipOf(l: GapLink, tc: Tc): string {
  const names = (items: { name: string }[], total: number) => {
    const shown = items.slice(0, 8).map((e) => escapeHtml(e.name));
    return total > shown.length ? `${shown.join("、")} ${tc("graph.more", { n: total })}` : shown.join("、");
  };
  const lines = [
    `<b>${escapeHtml(l.name)}</b> · <span style="color:${COVERAGE_COLORS[l.coverage]}">${tc(`coverage.${l.coverage}`)}</span>`,
    tc("graph.enterprises", { n: l.localEnterprises }),
  ];
  if (l.enterprises.length) lines.push(names(l.enterprises, l.placedCount));
  lines.push(tc("graph.targets", { n: l.targets.length }));
  if (l.targets.length) lines.push(names(l.targets, l.targets.length));
  return `<div style="max-width:360px;white-space:normal">${lines.join("<br/>")}</div>`;
}

/** The chain as a tree: the chain → 上游 / 中游 / 下游 → links → sub-links, each link coloured by its coverage. */
function treeOf(data: ChainGaps, tc: Tc): { root: TreeNode; leaves: number } {
  const byParent = new Map<string | null, GapLink[]>();
  for (const l of data.links) byParent.set(l.parentId, [...(byParent.get(l.parentId) ?? []), l]);
  let leaves = 0;
  const nodeOf = (l: GapLink): TreeNode => {
    const children = (byParent.get(l.id) ?? []).map(nodeOf);
    if (!children.length) leaves += 1;
    const color = COVERAGE_COLORS[l.coverage];
    return {
      name: l.name,
      tip: tipOf(l, tc),
      itemStyle: { color, borderColor: color },
      symbolSize: 12,
      children: children.length ? children : undefined,
    };
  };
  const grey = { color: "#8c8c8c", borderColor: "#8c8c8c" };
  const segments = SEGMENTS.map((s) => {
    const links = (byParent.get(null) ?? []).filter((l) => l.segment === s).map(nodeOf);
    if (!links.length) leaves += 1;
    return { name: tc(`segment.${s}`), itemStyle: grey, symbolSize: 10, children: links };
  });
  const blue = { color: "#1677ff", borderColor: "#1677ff" };
  return { root: { name: data.chain.name, itemStyle: blue, symbolSize: 16, children: segments }, leaves };
}

/** The chain map (产业链图谱): ECharts, loaded on first use; hover a link for its enterprises and targets. */
export function ChainGraph({ data }: { data: ChainGaps }) {
  const { tc } = useChainI18n();
  const { option, height } = useMemo(() => {
    const { root, leaves } = treeOf(data, tc);
    const option: EChartsCoreOption = {
      tooltip: {
        trigger: "item",
        formatter: (p: { data?: { tip?: string; name?: string } }) => p.data?.tip ?? escapeHtml(p.data?.name ?? ""),
      },
      series: [
        {
          type: "tree",
          data: [root],
          orient: "LR",
          symbol: "circle",
          left: 100,
          right: 180,
          top: 20,
          bottom: 20,
          initialTreeDepth: -1,
          expandAndCollapse: true,
          label: { position: "left", verticalAlign: "middle", align: "right", fontSize: 13 },
          leaves: { label: { position: "right", verticalAlign: "middle", align: "left" } },
          emphasis: { focus: "descendant" },
          animationDuration: 300,
        },
      ],
    };
    return { option, height: Math.max(360, leaves * 30) };
  }, [data, tc]);
  return <EChart option={option} height={height} testId="chain-graph" />;
}
