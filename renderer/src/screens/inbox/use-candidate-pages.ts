import { useCallback, useEffect, useRef, useState } from "react";

import type {
  CandidateSummary,
  ListCandidatesRequest,
} from "../../../../shared/contract";
import { useApi } from "../../api/api-context";

/** Rows per listCandidates call while scrolling. */
export const PAGE_SIZE = 200;

/**
 * Loaded pages beyond which the ones farthest from the view are dropped, so
 * scrolling through 100,000 rows does not keep them all in memory.
 */
const MAX_CACHED_PAGES = 40;

export type CandidateQuery = Omit<ListCandidatesRequest, "offset" | "limit">;

export interface CandidatePages {
  /** Number of matching candidates, or null until the first page arrives. */
  total: number | null;
  /** Returns the row at `index`, or undefined while its page is loading. */
  rowAt: (index: number) => CandidateSummary | undefined;
  /** Loads the pages covering rows `first` to `last` that are missing or stale. */
  showRange: (first: number, last: number) => void;
  /** Marks every page stale and reloads the ones on screen. */
  refresh: () => void;
  error: string | null;
  /** True once the first page for the current query loaded or failed. */
  settled: boolean;
}

interface PageCache {
  pages: Map<number, CandidateSummary[]>;
  stale: Set<number>;
  loading: Set<number>;
  /** Pages refreshed while a load was in flight, because that load may predate the change. */
  reloadAfterLoad: Set<number>;
}

/**
 * Fetches the candidate list by offset in pages of PAGE_SIZE as rows come into
 * view. A new query (filters or sort) starts an empty cache, and responses
 * for an older query are dropped. A refresh keeps showing the old rows until
 * their replacements arrive, so live updates do not flicker.
 */
export function useCandidatePages(query: CandidateQuery): CandidatePages {
  const api = useApi();
  const queryKey = JSON.stringify(query);
  const queryRef = useRef(query);
  queryRef.current = query;

  const cache = useRef<PageCache>(emptyCache());
  const visible = useRef({ first: 0, last: PAGE_SIZE - 1 });
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [settled, setSettled] = useState(false);
  const [, setVersion] = useState(0);

  const loadPage = useCallback(
    (pageIndex: number) => {
      const current = cache.current;
      if (current.loading.has(pageIndex)) {
        if (current.stale.has(pageIndex)) {
          current.reloadAfterLoad.add(pageIndex);
        }
        return;
      }
      current.loading.add(pageIndex);

      const request: ListCandidatesRequest = {
        ...queryRef.current,
        offset: pageIndex * PAGE_SIZE,
        limit: PAGE_SIZE,
      };
      void api.listCandidates(request).then((result) => {
        if (cache.current !== current) {
          return;
        }
        current.loading.delete(pageIndex);
        if (current.reloadAfterLoad.delete(pageIndex)) {
          loadPage(pageIndex);
        }

        if (result.ok) {
          current.pages.set(pageIndex, result.value.rows);
          current.stale.delete(pageIndex);
          evictDistantPages(current, visible.current.first);
          setTotal(result.value.total);
          setError(null);
        } else {
          setError(result.error.message);
        }
        setSettled(true);
        setVersion((version) => version + 1);
      });
    },
    [api],
  );

  const showRange = useCallback(
    (first: number, last: number) => {
      visible.current = { first, last };
      const current = cache.current;
      const lastPage = Math.floor(Math.max(last, first) / PAGE_SIZE);

      for (let page = Math.floor(first / PAGE_SIZE); page <= lastPage; page++) {
        if (!current.pages.has(page) || current.stale.has(page)) {
          loadPage(page);
        }
      }
    },
    [loadPage],
  );

  const refresh = useCallback(() => {
    const current = cache.current;
    current.pages.forEach((_rows, page) => current.stale.add(page));
    showRange(visible.current.first, visible.current.last);
  }, [showRange]);

  useEffect(() => {
    cache.current = emptyCache();
    setTotal(null);
    setSettled(false);
    setVersion((version) => version + 1);
    showRange(0, visible.current.last - visible.current.first);
  }, [queryKey, showRange]);

  const rowAt = useCallback((index: number) => {
    const page = cache.current.pages.get(Math.floor(index / PAGE_SIZE));
    return page?.[index % PAGE_SIZE];
  }, []);

  return { total, rowAt, showRange, refresh, error, settled };
}

function emptyCache(): PageCache {
  return {
    pages: new Map(),
    stale: new Set(),
    loading: new Set(),
    reloadAfterLoad: new Set(),
  };
}

function evictDistantPages(cache: PageCache, firstVisibleRow: number): void {
  if (cache.pages.size <= MAX_CACHED_PAGES) {
    return;
  }

  const visiblePage = Math.floor(firstVisibleRow / PAGE_SIZE);
  const byDistance = [...cache.pages.keys()].sort(
    (a, b) => Math.abs(b - visiblePage) - Math.abs(a - visiblePage),
  );
  for (const page of byDistance.slice(0, cache.pages.size - MAX_CACHED_PAGES)) {
    cache.pages.delete(page);
    cache.stale.delete(page);
  }
}
