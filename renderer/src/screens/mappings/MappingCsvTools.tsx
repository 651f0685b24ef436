import {
  Alert,
  Button,
  FileButton,
  Group,
  List,
  ScrollArea,
  Text,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconDownload, IconUpload } from "@tabler/icons-react";
import { useState } from "react";

import { useApi } from "../../api/api-context";
import { downloadTextFile } from "../../lib/download-file";
import { formatCount } from "../../lib/format";

/** importMappingsCsv accepts at most this many characters. */
const MAX_CSV_CHARS = 5_000_000;

type ImportOutcome =
  | { kind: "idle" }
  | { kind: "importing" }
  | { kind: "done"; imported: number; errors: string[] }
  | { kind: "failed"; message: string };

/** Moves all mappings through a spreadsheet: export, edit the ATS values, import. */
export function MappingCsvTools(props: { onImported: () => void }) {
  const api = useApi();
  const [outcome, setOutcome] = useState<ImportOutcome>({ kind: "idle" });
  const [exporting, setExporting] = useState(false);

  const importFile = async (file: File | null) => {
    if (file === null) {
      return;
    }
    setOutcome({ kind: "importing" });

    const csv = await file.text();
    if (csv.length > MAX_CSV_CHARS) {
      setOutcome({
        kind: "failed",
        message: `${file.name} has more than ${MAX_CSV_CHARS.toLocaleString()} characters. Remove the rows you did not change and import it again.`,
      });
      return;
    }

    const result = await api.importMappingsCsv({ csv });
    if (!result.ok) {
      setOutcome({ kind: "failed", message: result.error.message });
      return;
    }
    setOutcome({ kind: "done", ...result.value });
    props.onImported();
  };

  const exportFile = async () => {
    setExporting(true);
    const result = await api.exportMappingsCsv({});
    setExporting(false);
    if (!result.ok) {
      notifications.show({
        color: "red",
        title: "Could not export the mappings",
        message: result.error.message,
      });
      return;
    }
    downloadTextFile("ats-mappings.csv", result.value.csv);
  };

  return (
    <>
      <Group gap="xs">
        <FileButton
          onChange={(file) => void importFile(file)}
          accept=".csv,text/csv"
        >
          {(buttonProps) => (
            <Button
              {...buttonProps}
              variant="default"
              leftSection={<IconUpload size={14} />}
              loading={outcome.kind === "importing"}
              data-testid="import-mappings"
            >
              Import mappings…
            </Button>
          )}
        </FileButton>
        <Button
          variant="default"
          leftSection={<IconDownload size={14} />}
          loading={exporting}
          onClick={() => void exportFile()}
          data-testid="export-mappings"
        >
          Export mappings
        </Button>
      </Group>
      <ImportResult
        outcome={outcome}
        onDismiss={() => setOutcome({ kind: "idle" })}
      />
    </>
  );
}

function ImportResult(props: {
  outcome: ImportOutcome;
  onDismiss: () => void;
}) {
  const { outcome } = props;

  if (outcome.kind === "failed") {
    return (
      <Alert
        color="red"
        title="The mapping file was not imported"
        withCloseButton
        onClose={props.onDismiss}
      >
        {outcome.message}
      </Alert>
    );
  }
  if (outcome.kind !== "done") {
    return null;
  }

  return (
    <Alert
      color={outcome.errors.length > 0 ? "yellow" : "teal"}
      title={`Imported ${formatCount(outcome.imported, "mapping", "mappings")}`}
      withCloseButton
      onClose={props.onDismiss}
      data-testid="import-result"
    >
      {outcome.errors.length === 0 ? (
        <Text size="xs">Every row was imported.</Text>
      ) : (
        <>
          <Text size="xs" mb={4}>
            {formatCount(outcome.errors.length, "row was", "rows were")}{" "}
            skipped. Fix them in the file and import it again; rows already
            imported stay as they are.
          </Text>
          <ScrollArea.Autosize mah={160}>
            <List size="xs">
              {outcome.errors.map((error, index) => (
                <List.Item key={index}>{error}</List.Item>
              ))}
            </List>
          </ScrollArea.Autosize>
        </>
      )}
    </Alert>
  );
}
