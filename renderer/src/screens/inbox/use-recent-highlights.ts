import { useCallback, useEffect, useRef, useState } from "react";

/** How long a newly arrived candidate stays highlighted. */
const HIGHLIGHT_MS = 6000;

/** Keeps a set of ids that expire HIGHLIGHT_MS after they were added. */
export function useRecentHighlights(): [
  ReadonlySet<number>,
  (id: number) => void,
] {
  const [ids, setIds] = useState<ReadonlySet<number>>(new Set());
  const timers = useRef(new Map<number, number>());

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => window.clearTimeout(timer));
  }, []);

  const highlight = useCallback((id: number) => {
    const previous = timers.current.get(id);
    if (previous !== undefined) {
      window.clearTimeout(previous);
    }
    setIds((current) => new Set(current).add(id));

    const timer = window.setTimeout(() => {
      timers.current.delete(id);
      setIds((current) => {
        const next = new Set(current);
        next.delete(id);
        return next;
      });
    }, HIGHLIGHT_MS);
    timers.current.set(id, timer);
  }, []);

  return [ids, highlight];
}
