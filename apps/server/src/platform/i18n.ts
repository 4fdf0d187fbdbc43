export type Lang = "zh-CN" | "en-US";

/** The request's language from Accept-Language: English when English is preferred, Chinese otherwise. */
export function langFromHeader(header: string | undefined): Lang {
  if (!header) return "zh-CN";
  const first = header.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en-US" : "zh-CN";
}

export type Localized = { "zh-CN": string; "en-US": string };
