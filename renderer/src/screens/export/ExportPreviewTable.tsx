import { Alert, List, ScrollArea, Stack, Table, Text } from "@mantine/core";

import type { ExportPreview } from "../../../../shared/contract";
import { formatCount } from "../../lib/format";

/** Shows the first rows of the file as it would be written, with its warnings. */
export function ExportPreviewTable(props: { preview: ExportPreview }) {
  const { preview } = props;

  return (
    <Stack gap="xs" data-testid="export-preview" data-total={preview.total}>
      <Text size="sm">{describeTotal(preview)}</Text>
      {preview.rowsWithUnmappedValues > 0 && (
        <Alert
          color="orange"
          p="xs"
          title={`${formatCount(preview.rowsWithUnmappedValues, "row has", "rows have")} unmapped values`}
        >
          Their ATS columns would be empty. Set the missing values on the
          Mappings screen first, or export anyway and fix them in your ATS.
        </Alert>
      )}
      {preview.warnings.length > 0 && (
        <Alert color="yellow" p="xs" title="Before you import into your ATS">
          <List size="xs">
            {preview.warnings.map((warning) => (
              <List.Item key={warning}>{warning}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <ScrollArea type="auto" offsetScrollbars>
        <Table withTableBorder withColumnBorders fz={11}>
          <Table.Thead>
            <Table.Tr>
              {preview.header.map((column) => (
                <Table.Th key={column} style={{ whiteSpace: "nowrap" }}>
                  {column}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.rows.map((row, rowIndex) => (
              <Table.Tr key={rowIndex}>
                {row.map((cell, cellIndex) => (
                  <Table.Td
                    key={cellIndex}
                    style={{ whiteSpace: "nowrap", maxWidth: 240 }}
                    title={cell}
                  >
                    <Text size="xs" truncate="end">
                      {cell}
                    </Text>
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </Stack>
  );
}

function describeTotal(preview: ExportPreview): string {
  if (preview.total === 0) {
    return "No candidates match these options, so the file would contain only the header row.";
  }
  const total = `${formatCount(preview.total, "row", "rows")} would be exported.`;
  return preview.rows.length < preview.total
    ? `${total} The first ${preview.rows.length} are shown.`
    : total;
}
