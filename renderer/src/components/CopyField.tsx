import { TextInput } from "@mantine/core";
import type { ReactNode } from "react";

import { CopyValueButton } from "./CopyValueButton";

/** Shows a read-only value, such as the webhook URL, with a copy button beside it. */
export function CopyField(props: {
  label: ReactNode;
  description?: ReactNode;
  value: string;
  copyLabel: string;
  testId?: string;
}) {
  return (
    <TextInput
      label={props.label}
      description={props.description}
      value={props.value}
      readOnly
      onFocus={(event) => event.currentTarget.select()}
      rightSection={
        <CopyValueButton value={props.value} label={props.copyLabel} />
      }
      styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
      data-testid={props.testId}
    />
  );
}
