import { Cascader } from "antd";
import { useEffect, useState } from "react";
import { useI18n } from "../../app/i18n.ts";

type Option = { value: string; label: string; children?: Option[] };
type IndustryModule = typeof import("@zoneos/domain/industry");

let loaded: Promise<IndustryModule> | null = null;
/** The industry table (175 KB) is fetched only when the filter is used, never with the list itself. */
function loadIndustry(): Promise<IndustryModule> {
  loaded ??= import("@zoneos/domain/industry");
  return loaded;
}

function twoLevels(m: IndustryModule): Option[] {
  return m.INDUSTRY_TREE.map((s) => ({
    value: s.code,
    label: `${s.code} ${s.name}`,
    children: (s.children ?? []).map((d) => ({ value: d.code, label: `${d.code} ${d.name}` })),
  }));
}

/** Filter by a GB/T 4754 section (门类) or division (大类); the value is the deepest code chosen. */
export function IndustryFilter({ value, onChange }: { value?: string; onChange: (code: string | undefined) => void }) {
  const { t } = useI18n();
  const [mod, setMod] = useState<IndustryModule | null>(null);
  const [options, setOptions] = useState<Option[]>([]);

  const ensureLoaded = () => {
    if (mod) return;
    void loadIndustry().then((m) => {
      setMod(m);
      setOptions(twoLevels(m));
    });
  };

  // A filter that comes from the URL needs the names to show the chosen path.
  useEffect(() => {
    if (!value || mod) return;
    let live = true;
    void loadIndustry().then((m) => {
      if (!live) return;
      setMod(m);
      setOptions(twoLevels(m));
    });
    return () => {
      live = false;
    };
  }, [value, mod]);

  const path = value && mod ? (mod.industryPath(value)?.slice(0, 2) ?? [value]) : value ? [value] : undefined;

  return (
    <Cascader<Option>
      options={options}
      value={path}
      changeOnSelect
      displayRender={(labels) => labels.at(-1)}
      showSearch={{ matchInputWidth: false }}
      allowClear
      placeholder={t("ent.filter.industry")}
      style={{ width: 240 }}
      onOpenChange={(open) => open && ensureLoaded()}
      onFocus={ensureLoaded}
      onChange={(v) => onChange(v && v.length > 0 ? String(v[v.length - 1]) : undefined)}
      data-testid="industry-filter"
    />
  );
}
