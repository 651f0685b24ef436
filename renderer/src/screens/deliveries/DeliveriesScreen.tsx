import {
  Alert,
  Box,
  Button,
  Group,
  Pagination,
  SegmentedControl,
  Stack,
  Text,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconRefresh } from "@tabler/icons-react";
import { useCallback, useEffect, useState } from "react";

import type {
  DeliverySummary,
  ReprocessResult,
} from "../../../../shared/contract";
import { useApi } from "../../api/api-context";
import { useApiQuery } from "../../hooks/use-api-query";
import { useLeadReceived } from "../../hooks/use-lead-received";
import { formatCount } from "../../lib/format";
import { useAppStatus } from "../../status/app-status-context";
import { DeliveryDetailPanel } from "./DeliveryDetailPanel";
import { DeliveryTable, deliveryKey } from "./DeliveryTable";

const PAGE_SIZE = 100;

type DeliveryFilter = "all" | "failed" | "quarantined";

const FILTER_OPTIONS: { value: DeliveryFilter; label: string }[] = [
  { value: "all", label: "All" },
  { value: "failed", label: "Failed" },
  { value: "quarantined", label: "Quarantined" },
];

export function DeliveriesScreen(props: {
  onOpenCandidate: (candidateId: number) => void;
}) {
  const api = useApi();
  const appStatus = useAppStatus();
  const [filter, setFilter] = useState<DeliveryFilter>("all");
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<DeliverySummary | null>(null);
  const [reprocessing, setReprocessing] = useState(false);

  const load = useCallback(
    () =>
      api.listDeliveries({
        filter,
        offset: (page - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
      }),
    [api, filter, page],
  );
  const query = useApiQuery(load, `${filter}:${page}`);
  useLeadReceived(query.reload);

  // A new list may hold deliveries the header does not count yet, such as
  // one quarantined a moment ago.
  const { refresh: refreshStatus } = appStatus;
  useEffect(() => {
    if (query.data !== null) {
      refreshStatus();
    }
  }, [query.data, refreshStatus]);

  const rows = query.data?.rows ?? [];
  const total = query.data?.total ?? 0;
  const selectedKey = selected === null ? null : deliveryKey(selected);
  // Show the freshest copy of the selected row, for example after a reprocess.
  const selectedRow =
    rows.find((row) => deliveryKey(row) === selectedKey) ?? selected;

  const afterReprocess = (result: ReprocessResult, actionTitle: string) => {
    notifications.show({
      color: result.stillQuarantined > 0 ? "orange" : "teal",
      title:
        result.stillQuarantined > 0
          ? `${actionTitle}: some deliveries are still quarantined`
          : `${actionTitle}: done`,
      message: `${formatCount(result.processed, "delivery", "deliveries")} processed, ${formatCount(result.stillQuarantined, "delivery", "deliveries")} still quarantined. Deliveries stay quarantined while their body still cannot be read as a lead.`,
    });
    query.reload();
    appStatus.refresh();
  };

  const reprocessOne = async (deliveryId: number) => {
    setReprocessing(true);
    const result = await api.reprocessDelivery({ id: deliveryId });
    setReprocessing(false);
    if (!result.ok) {
      notifications.show({
        color: "red",
        title: "Reprocess failed",
        message: result.error.message,
      });
      return null;
    }
    afterReprocess(result.value, "Reprocess");
    return result.value;
  };

  const reprocessAll = async () => {
    setReprocessing(true);
    const result = await api.reprocessQuarantined({});
    setReprocessing(false);
    if (!result.ok) {
      notifications.show({
        color: "red",
        title: "Reprocess failed",
        message: result.error.message,
      });
      return;
    }
    afterReprocess(result.value, "Reprocess all");
  };

  const quarantined = appStatus.status?.quarantinedCount ?? 0;

  return (
    <Box
      component="section"
      className="screen-fill"
      data-testid="deliveries"
      data-ready={query.settled ? "true" : "false"}
      aria-label="Deliveries"
    >
      <Stack gap="xs" className="screen-fill">
        <Group justify="space-between" gap="xs">
          <Group gap="xs">
            <SegmentedControl
              aria-label="Show"
              data={FILTER_OPTIONS}
              value={filter}
              onChange={(value) => {
                setFilter(value);
                setPage(1);
              }}
              data-testid="delivery-filter"
            />
            <Text size="xs" c="dimmed">
              {formatCount(total, "delivery", "deliveries")}
            </Text>
          </Group>
          <Group gap="xs">
            <Button variant="default" onClick={query.reload}>
              Refresh
            </Button>
            <Button
              leftSection={<IconRefresh size={14} />}
              color="orange"
              disabled={quarantined === 0}
              loading={reprocessing}
              onClick={() => void reprocessAll()}
              data-testid="reprocess-all"
            >
              Reprocess all quarantined ({quarantined})
            </Button>
          </Group>
        </Group>
        {query.error !== null && (
          <Alert color="red" title="Could not load deliveries">
            {query.error}
          </Alert>
        )}
        <div className="split-view">
          <div className="split-pane">
            {query.settled && rows.length === 0 ? (
              <Text size="sm" c="dimmed" p="md">
                {filter === "all"
                  ? "No webhook requests have arrived yet."
                  : `No ${filter} deliveries.`}
              </Text>
            ) : (
              <DeliveryTable
                rows={rows}
                selectedKey={selectedKey}
                onSelect={setSelected}
              />
            )}
            {total > PAGE_SIZE && (
              <Pagination
                total={Math.ceil(total / PAGE_SIZE)}
                value={page}
                onChange={setPage}
                size="sm"
                mt="xs"
              />
            )}
          </div>
          <div className="split-pane">
            {selectedRow === null ? (
              <Text size="sm" c="dimmed" p="md">
                Select a delivery to see its raw body and headers.
              </Text>
            ) : (
              <DeliveryDetailPanel
                key={selectedKey}
                delivery={selectedRow}
                reprocessing={reprocessing}
                onReprocess={reprocessOne}
                onOpenCandidate={props.onOpenCandidate}
              />
            )}
          </div>
        </div>
      </Stack>
    </Box>
  );
}
