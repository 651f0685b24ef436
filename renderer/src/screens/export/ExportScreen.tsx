import {
  Alert,
  Box,
  Button,
  Grid,
  Group,
  Loader,
  Paper,
  Progress,
  Stack,
  Text,
} from "@mantine/core";
import { IconFileExport } from "@tabler/icons-react";
import { useCallback, useState } from "react";

import type { ExportRecord } from "../../../../shared/contract";
import { useApi } from "../../api/api-context";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { useApiQuery } from "../../hooks/use-api-query";
import { formatCount } from "../../lib/format";
import { ExportOptionsForm, type ExportFormValues } from "./ExportOptionsForm";
import { ExportPreviewTable } from "./ExportPreviewTable";
import { DownloadButton, PastExports, useExportDownload } from "./PastExports";

const DEFAULT_OPTIONS: ExportFormValues = {
  preset: "generic",
  newOnly: true,
  markExported: true,
  bom: false,
};

type ExportRun =
  | { kind: "idle" }
  | { kind: "confirming" }
  | { kind: "running"; rows: number }
  | { kind: "done"; record: ExportRecord }
  | { kind: "failed"; message: string };

export function ExportScreen() {
  const api = useApi();
  const download = useExportDownload();
  const [options, setOptions] = useState<ExportFormValues>(DEFAULT_OPTIONS);
  const [run, setRun] = useState<ExportRun>({ kind: "idle" });

  const loadPreview = useCallback(
    () => api.previewExport(options),
    [api, options],
  );
  const preview = useApiQuery(loadPreview, JSON.stringify(options));
  const loadExports = useCallback(() => api.listExports({}), [api]);
  const pastExports = useApiQuery(loadExports, "exports");

  const runExport = async () => {
    setRun({ kind: "running", rows: preview.data?.total ?? 0 });
    const result = await api.exportCsv(options);
    if (!result.ok) {
      setRun({ kind: "failed", message: result.error.message });
      return;
    }

    setRun({ kind: "done", record: result.value });
    pastExports.reload();
    preview.reload();
    for (const [index] of result.value.files.entries()) {
      await download(result.value.id, index);
    }
  };

  const requestExport = () => {
    const unmapped = preview.data?.rowsWithUnmappedValues ?? 0;
    if (unmapped > 0) {
      setRun({ kind: "confirming" });
      return;
    }
    void runExport();
  };

  const running = run.kind === "running";

  return (
    <Box
      component="section"
      data-testid="export"
      data-ready={preview.settled && pastExports.settled ? "true" : "false"}
      aria-label="Export"
    >
      <Stack gap="md">
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Paper withBorder p="sm">
              <Stack gap="md">
                <ExportOptionsForm
                  values={options}
                  onChange={setOptions}
                  disabled={running}
                />
                <Group>
                  <Button
                    size="sm"
                    leftSection={<IconFileExport size={16} />}
                    onClick={requestExport}
                    disabled={
                      running ||
                      preview.data === null ||
                      preview.data.total === 0
                    }
                    data-testid="run-export"
                  >
                    Export CSV
                  </Button>
                </Group>
                <ExportRunState run={run} />
              </Stack>
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Paper withBorder p="sm" mih={200}>
              {preview.error !== null && (
                <Alert color="red" title="Could not build the preview">
                  {preview.error}
                </Alert>
              )}
              {preview.data === null ? (
                preview.error === null && <Loader size="sm" />
              ) : (
                <ExportPreviewTable preview={preview.data} />
              )}
            </Paper>
          </Grid.Col>
        </Grid>
        {pastExports.error !== null && (
          <Alert color="red" title="Could not list past exports">
            {pastExports.error}
          </Alert>
        )}
        <PastExports records={pastExports.data ?? []} />
      </Stack>
      <ConfirmDialog
        opened={run.kind === "confirming"}
        title="Export rows with unmapped values?"
        confirmLabel="Export anyway"
        confirmColor="orange"
        onConfirm={() => void runExport()}
        onCancel={() => setRun({ kind: "idle" })}
      >
        <Text size="sm">
          {formatCount(
            preview.data?.rowsWithUnmappedValues ?? 0,
            "row has",
            "rows have",
          )}{" "}
          a license or specialty without an ATS value, so those ATS columns will
          be empty. You can set the values on the Mappings screen first.
        </Text>
      </ConfirmDialog>
    </Box>
  );
}

function ExportRunState(props: { run: ExportRun }) {
  const { run } = props;

  switch (run.kind) {
    case "running":
      return (
        <Stack gap={4} data-testid="export-progress">
          <Progress value={100} striped animated size="sm" />
          <Text size="xs" c="dimmed">
            Writing {formatCount(run.rows, "row", "rows")}…
          </Text>
        </Stack>
      );
    case "done":
      return (
        <Alert
          color="teal"
          p="xs"
          title={`Exported ${formatCount(run.record.rowCount, "row", "rows")}`}
          data-testid="export-done"
        >
          <Stack gap={4}>
            <Text size="xs">
              The download started. If it did not, use the button below.
            </Text>
            <Group gap={4}>
              {run.record.files.map((file, index) => (
                <DownloadButton
                  key={file}
                  exportId={run.record.id}
                  fileIndex={index}
                  fileName={file}
                />
              ))}
            </Group>
          </Stack>
        </Alert>
      );
    case "failed":
      return (
        <Alert color="red" p="xs" title="The export failed">
          {run.message}
        </Alert>
      );
    default:
      return null;
  }
}
