import { useEffect, useState } from "react";

/** A search box's text, and the trimmed text to query with once typing has stopped for `ms`. */
export function useSearchText(ms = 300): { text: string; q: string; setText: (text: string) => void } {
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), ms);
    return () => clearTimeout(timer);
  }, [text, ms]);
  return { text, q, setText };
}
