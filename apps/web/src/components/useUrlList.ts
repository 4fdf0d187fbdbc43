import { useCallback, useEffect, useState } from "react";
import { useSearchParams } from "react-router";

/**
 * A list page's filters kept in the URL (so a link or the back button restores them) and its search box.
 * `update` changes some parameters; any change but the page's own goes back to page 1. The search box writes `q`
 * to the URL 300 ms after the last keystroke, and follows the URL when it changes otherwise (back button, "clear").
 */
export function useUrlList<K extends string>() {
  const [sp, setSp] = useSearchParams();
  const update = useCallback(
    (patch: Partial<Record<K | "q" | "page", string | number | undefined>>) => {
      setSp(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v === undefined || v === "") next.delete(k);
            else next.set(k, String(v));
          }
          if (!("page" in patch)) next.delete("page");
          return next;
        },
        { replace: true },
      );
    },
    [setSp],
  );

  const urlQ = sp.get("q") ?? "";
  const [text, setText] = useState(urlQ);
  const [seenUrlQ, setSeenUrlQ] = useState(urlQ);
  if (urlQ !== seenUrlQ) {
    setSeenUrlQ(urlQ);
    if (text.trim() !== urlQ) setText(urlQ);
  }
  useEffect(() => {
    const q = text.trim();
    if (q === urlQ) return;
    const timer = setTimeout(() => update({ q: q || undefined } as never), 300);
    return () => clearTimeout(timer);
  }, [text, urlQ, update]);

  /** Clears every filter and the search box, keeping only the parameters given. */
  const clear = useCallback(
    (keep: Partial<Record<K, string | undefined>> = {}) => {
      setText("");
      const next = new URLSearchParams();
      for (const [k, v] of Object.entries(keep)) if (typeof v === "string" && v) next.set(k, v);
      setSp(next, { replace: true });
    },
    [setSp],
  );

  return { sp, update, text, setText, clear };
}
