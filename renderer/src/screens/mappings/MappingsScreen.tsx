import {
  Alert,
  Badge,
  Box,
  Group,
  Loader,
  Stack,
  Tabs,
  Text,
} from "@mantine/core";
import { useCallback, useState } from "react";

import type { CatalogKind } from "../../../../shared/contract";
import { useApi } from "../../api/api-context";
import { useApiQuery, type ApiQuery } from "../../hooks/use-api-query";
import { CategoryConflicts } from "./CategoryConflicts";
import { MappingCsvTools } from "./MappingCsvTools";
import { MappingPanel } from "./MappingPanel";

export function MappingsScreen(props: {
  onOpenCandidate: (candidateId: number) => void;
}) {
  const api = useApi();
  const [tab, setTab] = useState<CatalogKind>("license");
  const loadLicenses = useCallback(
    () => api.listMappings({ kind: "license" }),
    [api],
  );
  const loadSpecialties = useCallback(
    () => api.listMappings({ kind: "specialty" }),
    [api],
  );
  const licenses = useApiQuery(loadLicenses, "license");
  const specialties = useApiQuery(loadSpecialties, "specialty");
  const queries: Record<CatalogKind, typeof licenses> = {
    license: licenses,
    specialty: specialties,
  };

  const reloadKind = (kind: CatalogKind) => queries[kind].reload();
  const reloadAll = () => {
    licenses.reload();
    specialties.reload();
  };
  // Both responses carry the same conflict list, so either one will do.
  const conflicts =
    specialties.data?.categoryConflicts ?? licenses.data?.categoryConflicts;

  return (
    <Box
      component="section"
      data-testid="mappings"
      data-ready={licenses.settled && specialties.settled ? "true" : "false"}
      aria-label="Mappings"
    >
      <Stack gap="sm">
        <Group justify="space-between" align="start">
          <Text size="sm" maw={640}>
            LocumJobsOnline names licenses and specialties its own way. Give
            each name the value your ATS expects, and exports will carry it in
            the ATS columns.
          </Text>
          <MappingCsvTools onImported={reloadAll} />
        </Group>
        <Tabs
          value={tab}
          onChange={(value) => value && setTab(value as CatalogKind)}
          keepMounted={false}
        >
          <Tabs.List>
            <Tabs.Tab
              value="license"
              rightSection={<UnmappedBadge query={licenses} />}
            >
              Licenses
            </Tabs.Tab>
            <Tabs.Tab
              value="specialty"
              rightSection={<UnmappedBadge query={specialties} />}
            >
              Specialties
            </Tabs.Tab>
          </Tabs.List>
          {(["license", "specialty"] as const).map((kind) => (
            <Tabs.Panel key={kind} value={kind} pt="sm">
              <Stack gap="sm">
                <KindPanel
                  kind={kind}
                  query={queries[kind]}
                  onSaved={reloadKind}
                />
              </Stack>
            </Tabs.Panel>
          ))}
        </Tabs>
        {conflicts !== undefined && (
          <CategoryConflicts
            conflicts={conflicts}
            onOpenCandidate={props.onOpenCandidate}
          />
        )}
      </Stack>
    </Box>
  );
}

function KindPanel(props: {
  kind: CatalogKind;
  query: ApiQuery<Parameters<typeof MappingPanel>[0]["data"]>;
  onSaved: (kind: CatalogKind) => void;
}) {
  const { query } = props;

  if (query.data === null) {
    return query.error === null ? (
      <Loader size="sm" />
    ) : (
      <Alert color="red" title="Could not load the mappings">
        {query.error}
      </Alert>
    );
  }
  return (
    <MappingPanel kind={props.kind} data={query.data} onSaved={props.onSaved} />
  );
}

function UnmappedBadge(props: { query: ApiQuery<{ unmappedCount: number }> }) {
  const count = props.query.data?.unmappedCount ?? 0;
  if (count === 0) {
    return null;
  }
  return (
    <Badge color="orange" variant="filled" title="Names without an ATS value">
      {count}
    </Badge>
  );
}
