import { useQuery } from "@tanstack/react-query";
import { api } from "../../app/api.ts";
import type { Unit, UnitList } from "../../app/types.ts";

export const orgKeys = {
  units: ["units"] as const,
  users: ["users"] as const,
};

export function useUnits() {
  return useQuery({
    queryKey: orgKeys.units,
    queryFn: ({ signal }) => api.get<UnitList>("/units", undefined, signal),
    staleTime: 60_000,
  });
}

export type UnitNode = Unit & { children?: UnitNode[] };

/** The flat list as a tree by parentId, siblings by sort order then name; orphans become roots. */
export function buildUnitTree(units: readonly Unit[]): UnitNode[] {
  const byId = new Map<string, UnitNode>(units.map((u) => [u.id, { ...u }]));
  const roots: UnitNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    if (!parent) roots.push(node);
    else if (parent.children) parent.children.push(node);
    else parent.children = [node];
  }
  const sort = (nodes: UnitNode[]) => {
    nodes.sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, "zh-CN"));
    for (const n of nodes) if (n.children) sort(n.children);
  };
  sort(roots);
  return roots;
}

export type UnitTreeOption = { value: string; title: string; disabled?: boolean; children?: UnitTreeOption[] };

/** TreeSelect data; `exclude` and everything below it is disabled (a unit cannot move under itself). */
export function unitTreeOptions(nodes: readonly UnitNode[], exclude?: string, disabled = false): UnitTreeOption[] {
  return nodes.map((n) => {
    const off = disabled || n.id === exclude;
    return {
      value: n.id,
      title: n.name,
      disabled: off,
      children: n.children ? unitTreeOptions(n.children, exclude, off) : undefined,
    };
  });
}
