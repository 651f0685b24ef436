import { Text } from "@mantine/core";
import type { ReactNode } from "react";

export interface Field {
  label: string;
  value: ReactNode;
}

/** Renders label and value pairs in two columns, with a dash for empty values. */
export function FieldList(props: { fields: Field[] }) {
  return (
    <dl
      style={{
        display: "grid",
        gridTemplateColumns: "max-content minmax(0, 1fr)",
        columnGap: "var(--mantine-spacing-md)",
        rowGap: 4,
        margin: 0,
      }}
    >
      {props.fields.map((field) => (
        <FieldRow key={field.label} field={field} />
      ))}
    </dl>
  );
}

function FieldRow(props: { field: Field }) {
  const { value } = props.field;
  const empty = value === null || value === undefined || value === "";

  return (
    <>
      <Text component="dt" size="xs" c="dimmed">
        {props.field.label}
      </Text>
      <Text component="dd" size="xs" m={0} style={{ wordBreak: "break-word" }}>
        {empty ? "—" : value}
      </Text>
    </>
  );
}
