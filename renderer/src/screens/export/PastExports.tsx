import { Button, Group, Stack, Table, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconDownload } from "@tabler/icons-react";
import { useState } from "react";

import type { ExportRecord } from "../../../../shared/contract";
import { useApi } from "../../api/api-context";
import { downloadTextFile } from "../../lib/download-file";
import { formatDateTime } from "../../lib/format";
import { TableColumnWidths } from "../../components/TableColumnWidths";

const PRESET_LABELS: Record<string, string> = {
  generic: "Generic CSV",
  bullhorn: "Bullhorn",
};

/** Lists earlier exports, each file downloadable again. */
export function PastExports(props: { records: ExportRecord[] }) {
  return (
    <Stack gap={4}>
      <Title order={2} size="h5">
        Past exports
      </Title>
      {props.records.length === 0 ? (
        <Text size="xs" c="dimmed">
          Nothing exported yet.
        </Text>
      ) : (
        <Table withTableBorder layout="fixed">
          <TableColumnWidths widths={[170, 120, 80, null]} />
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Exported</Table.Th>
              <Table.Th>Layout</Table.Th>
              <Table.Th>Rows</Table.Th>
              <Table.Th>Files</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.records.map((record) => (
              <Table.Tr key={record.id} data-testid="export-record">
                <Table.Td>{formatDateTime(record.createdAt)}</Table.Td>
                <Table.Td>
                  {PRESET_LABELS[record.preset] ?? record.preset}
                </Table.Td>
                <Table.Td>{record.rowCount.toLocaleString()}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {record.files.map((file, index) => (
                      <DownloadButton
                        key={file}
                        exportId={record.id}
                        fileIndex={index}
                        fileName={file}
                      />
                    ))}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

export function DownloadButton(props: {
  exportId: number;
  fileIndex: number;
  fileName: string;
}) {
  const download = useExportDownload();
  const [busy, setBusy] = useState(false);

  return (
    <Button
      variant="light"
      size="compact-xs"
      leftSection={<IconDownload size={12} />}
      loading={busy}
      onClick={() => {
        setBusy(true);
        void download(props.exportId, props.fileIndex).finally(() =>
          setBusy(false),
        );
      }}
      data-testid="download-export"
    >
      {baseName(props.fileName)}
    </Button>
  );
}

/** Returns a function that fetches one file of an export and saves it. */
export function useExportDownload() {
  const api = useApi();

  return async (exportId: number, fileIndex: number) => {
    const result = await api.downloadExport({ id: exportId, fileIndex });
    if (!result.ok) {
      notifications.show({
        color: "red",
        title: "Could not download the export",
        message: result.error.message,
      });
      return;
    }
    downloadTextFile(result.value.fileName, result.value.content);
  };
}

/** Returns the file name, because export files may be stored with a folder path. */
function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
