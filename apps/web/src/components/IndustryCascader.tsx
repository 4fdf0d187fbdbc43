import { INDUSTRY_TREE } from "@zoneos/domain/industry";
import { Cascader, type CascaderProps } from "antd";

export type CascaderOption = { value: string; label: string; children?: CascaderOption[] };
type TreeNode = { code: string; name: string; children?: readonly TreeNode[] };

/** Cascader options of a code tree (industries, regions), labelled by name, or by code and name. */
export function cascaderOptions(nodes: readonly TreeNode[], withCode: boolean): CascaderOption[] {
  return nodes.map((n) => ({
    value: n.code,
    label: withCode ? `${n.code} ${n.name}` : n.name,
    children: n.children ? cascaderOptions(n.children, withCode) : undefined,
  }));
}

const INDUSTRY_OPTIONS = cascaderOptions(INDUSTRY_TREE, true);

/**
 * The industry of a form (GB/T 4754, any level): searchable, showing the chosen level only; the value is the path of
 * codes (its last is the industry code). Imports the whole industry table: for forms, not for lists.
 */
export function IndustryCascader(props: Omit<CascaderProps<CascaderOption, "value", false>, "options">) {
  return (
    <Cascader<CascaderOption>
      options={INDUSTRY_OPTIONS}
      changeOnSelect
      showSearch={{ matchInputWidth: false, limit: 100 }}
      allowClear
      displayRender={(labels) => labels.at(-1)}
      {...props}
    />
  );
}
