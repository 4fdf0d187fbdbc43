import { pinyin } from "pinyin-pro";

/** Full pinyin without tones or spaces: 迅特科技 → xuntekeji. */
export function fullPinyin(text: string): string {
  return pinyin(text, { toneType: "none", type: "array", nonZh: "consecutive" })
    .join("")
    .toLowerCase()
    .replace(/\s+/g, "");
}

/** Pinyin initials: 迅特科技 → xtkj. */
export function pinyinInitials(text: string): string {
  return pinyin(text, { pattern: "first", toneType: "none", type: "array", nonZh: "consecutive" })
    .join("")
    .toLowerCase()
    .replace(/\s+/g, "");
}

/**
 * The text one ILIKE searches: the name, its full pinyin, its initials and the credit code,
 * separated so a match cannot span two of them.
 */
export function searchTextOf(name: string, creditCode: string): string {
  return [name.toLowerCase(), fullPinyin(name), pinyinInitials(name), creditCode.toLowerCase()].join("|");
}
