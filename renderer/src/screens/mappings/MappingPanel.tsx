import { Alert, Checkbox, Group, Text, TextInput } from "@mantine/core";
import { IconSearch } from "@tabler/icons-react";
import { useMemo, useState } from "react";

import type {
  CatalogKind,
  ListMappingsResponse,
  MappingRow,
} from "../../../../shared/contract";
import { formatCount } from "../../lib/format";
import { MappingTable } from "./MappingTable";

const KIND_NAMES: Record<CatalogKind, { one: string; many: string }> = {
  license: { one: "license", many: "licenses" },
  specialty: { one: "specialty", many: "specialties" },
};

/** Renders one tab: the unmapped count, a filter, and the editable table. */
export function MappingPanel(props: {
  kind: CatalogKind;
  data: ListMappingsResponse;
  onSaved: (kind: CatalogKind) => void;
}) {
  const [search, setSearch] = useState("");
  const [unmappedOnly, setUnmappedOnly] = useState(false);
  const [usedOnly, setUsedOnly] = useState(false);
  const names = KIND_NAMES[props.kind];

  const rows = useMemo(
    () =>
      sortForWork(
        props.data.rows.filter((row) =>
          matches(row, search, unmappedOnly, usedOnly),
        ),
      ),
    [props.data.rows, search, unmappedOnly, usedOnly],
  );
  const { unmappedCount } = props.data;
  // Names that candidates already carry matter now; the rest of LJO's list
  // only once a lead with them arrives.
  const unmappedInUse = props.data.rows.filter(
    (row) => row.atsValue === null && row.candidateCount > 0,
  ).length;
  const unmappedUnused = unmappedCount - unmappedInUse;
  const laterNote =
    unmappedUnused > 0
      ? `${formatCount(unmappedUnused, `other ${names.one}`, `other ${names.many}`)} from LJO's list ${unmappedUnused === 1 ? "has" : "have"} no ATS value yet; map them now or when a lead brings them.`
      : null;

  return (
    <>
      {unmappedInUse > 0 ? (
        <Alert
          color="orange"
          variant="light"
          title={`${formatCount(unmappedInUse, names.one, names.many)} of your candidates without an ATS value`}
          data-testid="unmapped-count"
          data-count={unmappedInUse}
        >
          Candidates with these values are exported with an empty ATS column.
          Type the value your ATS uses next to each name; it saves when you
          press Enter or leave the field. {laterNote}
        </Alert>
      ) : (
        <Alert
          color="teal"
          variant="light"
          title={`Every ${names.one} of your candidates has an ATS value`}
          data-testid="unmapped-count"
          data-count={0}
        >
          {laterNote}
        </Alert>
      )}
      <Group gap="xs" align="end">
        <TextInput
          label="Find"
          placeholder={`LJO ${names.one} or ATS value`}
          leftSection={<IconSearch size={14} />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={240}
        />
        <Checkbox
          label="Only unmapped"
          checked={unmappedOnly}
          onChange={(event) => setUnmappedOnly(event.currentTarget.checked)}
          mb={6}
        />
        <Checkbox
          label="Only values your candidates have"
          checked={usedOnly}
          onChange={(event) => setUsedOnly(event.currentTarget.checked)}
          mb={6}
        />
        <Text size="xs" c="dimmed" mb={6}>
          Showing {rows.length.toLocaleString()} of{" "}
          {props.data.rows.length.toLocaleString()}
        </Text>
      </Group>
      <MappingTable rows={rows} onSaved={props.onSaved} />
    </>
  );
}

function matches(
  row: MappingRow,
  search: string,
  unmappedOnly: boolean,
  usedOnly: boolean,
): boolean {
  if (unmappedOnly && row.atsValue !== null && row.atsValue !== "") {
    return false;
  }
  if (usedOnly && row.candidateCount === 0) {
    return false;
  }

  const needle = search.trim().toLowerCase();
  if (needle === "") {
    return true;
  }
  return [row.name, row.fullName, row.atsValue ?? ""].some((text) =>
    text.toLowerCase().includes(needle),
  );
}

/** Puts the rows that need work first: names new to LJO's list, then the most used. */
function sortForWork(rows: MappingRow[]): MappingRow[] {
  return [...rows].sort(
    (a, b) =>
      Number(b.source === "seen") - Number(a.source === "seen") ||
      b.candidateCount - a.candidateCount ||
      a.name.localeCompare(b.name),
  );
}
