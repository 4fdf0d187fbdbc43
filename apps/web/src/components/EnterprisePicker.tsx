import { useQuery } from "@tanstack/react-query";
import { Select, Spin } from "antd";
import { api } from "../app/api.ts";
import { useI18n } from "../app/i18n.ts";
import type { EnterpriseList } from "../app/types.ts";
import { useSearchText } from "./useSearchText.ts";

type Props = {
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** The name of the current value, shown before any search (e.g. the user's enterprise). */
  initialLabel?: string | null;
  placeholder?: string;
  /** Shows the value without letting it be changed (e.g. the owner of the project being visited). */
  disabled?: boolean;
};

/** Picks one enterprise by searching the server (name, pinyin, initials or credit code), 300 ms after typing stops. */
export function EnterprisePicker({ value, onChange, initialLabel, placeholder, disabled }: Props) {
  const { t } = useI18n();
  const { text, q, setText } = useSearchText();

  const found = useQuery({
    queryKey: ["enterprise-picker", q],
    queryFn: ({ signal }) => api.get<EnterpriseList>("/enterprises", { q, pageSize: 20, sort: "name" }, signal),
    staleTime: 30_000,
    enabled: !disabled,
  });

  const options = (found.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }));
  if (value && initialLabel && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: initialLabel });
  }

  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      allowClear={!disabled}
      disabled={disabled}
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v ?? null)}
      options={options}
      placeholder={placeholder ?? t("users.enterprisePlaceholder")}
      notFoundContent={found.isFetching ? <Spin size="small" /> : undefined}
      style={{ width: "100%" }}
      data-testid="enterprise-picker"
    />
  );
}
