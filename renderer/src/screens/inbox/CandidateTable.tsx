import { Skeleton, UnstyledButton } from "@mantine/core";
import { IconArrowDown, IconArrowUp } from "@tabler/icons-react";
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type Header,
} from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";

import type { CandidateSummary } from "../../../../shared/contract";
import { CANDIDATE_COLUMNS, COLUMN_TRACKS } from "./candidate-columns";
import type { CandidatePages } from "./use-candidate-pages";

const ROW_HEIGHT = 32;
const HEADER_HEIGHT = 30;
const estimateRowSize = () => ROW_HEIGHT;
const GRID_TEMPLATE = CANDIDATE_COLUMNS.map(
  (column) => COLUMN_TRACKS[column.id ?? ""] ?? "1fr",
).join(" ");

export interface CandidateSort {
  sort: string;
  direction: "asc" | "desc";
}

export interface CandidateTableProps {
  pages: CandidatePages;
  sort: CandidateSort;
  onSortChange: (sort: CandidateSort) => void;
  /** Candidates that arrived a moment ago, shown with a fading highlight. */
  highlightedIds: ReadonlySet<number>;
  selectedId: number | null;
  onOpen: (candidateId: number) => void;
}

/**
 * Renders the inbox grid. TanStack Virtual renders only the rows in view, so the DOM
 * stays small at 100,000 candidates, and TanStack Table renders the header
 * and cells of the loaded rows. Arrow keys, Page Up/Down, Home and End move
 * between rows, and Enter opens the candidate.
 */
export function CandidateTable(props: CandidateTableProps) {
  const { pages } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [activeIndex, setActiveIndex] = useState(0);
  const focusPending = useRef(false);
  const total = pages.total ?? 0;

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: estimateRowSize,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items[items.length - 1]?.index ?? 0;

  const { showRange } = pages;
  useEffect(() => {
    showRange(firstIndex, lastIndex);
  }, [firstIndex, lastIndex, showRange]);

  const loaded = items.flatMap((item) => {
    const candidate = pages.rowAt(item.index);
    return candidate === undefined ? [] : [{ item, candidate }];
  });

  const table = useReactTable<CandidateSummary>({
    data: loaded.map((entry) => entry.candidate),
    columns: CANDIDATE_COLUMNS,
    getCoreRowModel: getCoreRowModel(),
    // The data array is rebuilt from the visible window on every render, and
    // TanStack Table's automatic resets would turn each rebuild into a state
    // change and another render. Sorting and paging happen in the store.
    autoResetAll: false,
    manualPagination: true,
    manualSorting: true,
    state: {
      sorting: [{ id: props.sort.sort, desc: props.sort.direction === "desc" }],
    },
  });
  const tableRows = table.getRowModel().rows;
  const rowByIndex = new Map(
    loaded.map((entry, position) => [entry.item.index, tableRows[position]]),
  );

  useEffect(() => {
    if (!focusPending.current) {
      return;
    }
    const element = scrollRef.current?.querySelector<HTMLElement>(
      `[data-index="${activeIndex}"]`,
    );
    if (element) {
      focusPending.current = false;
      element.focus({ preventScroll: true });
    }
  });

  const moveTo = (index: number) => {
    const clamped = Math.min(Math.max(index, 0), total - 1);
    setActiveIndex(clamped);
    focusPending.current = true;
    virtualizer.scrollToIndex(clamped, { align: "auto" });
  };

  const onRowKeyDown = (event: KeyboardEvent, index: number) => {
    const pageRows = Math.max(
      1,
      Math.floor((scrollRef.current?.clientHeight ?? 0) / ROW_HEIGHT) - 1,
    );
    const targets: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + pageRows,
      PageUp: index - pageRows,
      Home: 0,
      End: total - 1,
    };
    const target = targets[event.key];
    if (target !== undefined) {
      event.preventDefault();
      moveTo(target);
      return;
    }

    const candidate = pages.rowAt(index);
    if ((event.key === "Enter" || event.key === " ") && candidate) {
      event.preventDefault();
      props.onOpen(candidate.id);
    }
  };

  const onHeaderClick = (columnId: string) => {
    if (columnId === props.sort.sort) {
      const direction = props.sort.direction === "asc" ? "desc" : "asc";
      props.onSortChange({ sort: columnId, direction });
      return;
    }
    const isTime = columnId.endsWith("_at");
    props.onSortChange({ sort: columnId, direction: isTime ? "desc" : "asc" });
  };

  return (
    <div
      ref={scrollRef}
      className="candidate-grid"
      role="grid"
      aria-label="Candidates"
      aria-rowcount={total + 1}
      aria-colcount={CANDIDATE_COLUMNS.length}
    >
      <div
        className="candidate-grid-header"
        role="row"
        aria-rowindex={1}
        style={{ gridTemplateColumns: GRID_TEMPLATE, height: HEADER_HEIGHT }}
      >
        {table.getHeaderGroups()[0]?.headers.map((header) => (
          <HeaderCell
            key={header.id}
            header={header}
            sort={props.sort}
            onSort={onHeaderClick}
          />
        ))}
      </div>
      <div
        style={{ height: virtualizer.getTotalSize(), position: "relative" }}
        role="presentation"
      >
        {items.map((item) => {
          const row = rowByIndex.get(item.index);
          const candidate = row?.original;
          const classNames = ["candidate-row"];
          if (candidate && props.highlightedIds.has(candidate.id)) {
            classNames.push("candidate-row-new");
          }

          return (
            <div
              key={item.key}
              data-index={item.index}
              data-testid={
                candidate ? "candidate-row" : "candidate-row-loading"
              }
              data-candidate-id={candidate?.id}
              className={classNames.join(" ")}
              role="row"
              aria-rowindex={item.index + 2}
              aria-selected={candidate?.id === props.selectedId}
              tabIndex={item.index === activeIndex ? 0 : -1}
              onFocus={() => setActiveIndex(item.index)}
              onKeyDown={(event) => onRowKeyDown(event, item.index)}
              onClick={() => candidate && props.onOpen(candidate.id)}
              style={{
                gridTemplateColumns: GRID_TEMPLATE,
                height: ROW_HEIGHT,
                transform: `translateY(${item.start - HEADER_HEIGHT}px)`,
              }}
            >
              {row
                ? row.getVisibleCells().map((cell) => (
                    <div key={cell.id} role="gridcell" className="grid-cell">
                      {flexRender(
                        cell.column.columnDef.cell,
                        cell.getContext(),
                      )}
                    </div>
                  ))
                : CANDIDATE_COLUMNS.map((column) => (
                    <div key={column.id} role="gridcell" className="grid-cell">
                      <Skeleton height={10} width="70%" />
                    </div>
                  ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}

function HeaderCell(props: {
  header: Header<CandidateSummary, unknown>;
  sort: CandidateSort;
  onSort: (columnId: string) => void;
}) {
  const { header } = props;
  const label = flexRender(header.column.columnDef.header, header.getContext());
  const sorted = props.sort.sort === header.id ? props.sort.direction : null;
  let ariaSort: "none" | "ascending" | "descending" = "none";
  if (sorted !== null) {
    ariaSort = sorted === "asc" ? "ascending" : "descending";
  }

  if (header.column.columnDef.enableSorting !== true) {
    return (
      <div role="columnheader" className="grid-header-cell">
        {label}
      </div>
    );
  }

  return (
    <div role="columnheader" aria-sort={ariaSort} className="grid-header-cell">
      <UnstyledButton
        className="grid-sort-button"
        onClick={() => props.onSort(header.id)}
        data-testid={`sort-${header.id}`}
      >
        {label}
        {sorted === "asc" && <IconArrowUp size={12} aria-hidden />}
        {sorted === "desc" && <IconArrowDown size={12} aria-hidden />}
      </UnstyledButton>
    </div>
  );
}
