import { useCallback, useEffect, useRef, useState } from "react";

import type { ApiResult } from "../../../shared/contract";

export interface ApiQuery<T> {
  data: T | null;
  /** Message of the last failed load, cleared by the next success. */
  error: string | null;
  loading: boolean;
  /** True once the first load finished, whether it succeeded or not. */
  settled: boolean;
  /** Loads again, and earlier data stays visible until the new result arrives. */
  reload: () => void;
}

/**
 * Runs an API call when `key` changes and on reload. Results of calls that a
 * newer call superseded are dropped, so a slow response never overwrites a
 * fresh one.
 */
export function useApiQuery<T>(
  load: () => Promise<ApiResult<T>>,
  key: string,
): ApiQuery<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [settled, setSettled] = useState(false);
  const [reloadCount, setReloadCount] = useState(0);
  const latestCall = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const call = ++latestCall.current;
    setLoading(true);

    void loadRef.current().then((result) => {
      if (call !== latestCall.current) {
        return;
      }
      if (result.ok) {
        setData(result.value);
        setError(null);
      } else {
        setError(result.error.message);
      }
      setLoading(false);
      setSettled(true);
    });
  }, [key, reloadCount]);

  const reload = useCallback(() => setReloadCount((count) => count + 1), []);

  return { data, error, loading, settled, reload };
}
