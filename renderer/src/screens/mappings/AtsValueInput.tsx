import { Loader, TextInput } from "@mantine/core";
import { IconCheck } from "@tabler/icons-react";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";

import type { CatalogKind, MappingRow } from "../../../../shared/contract";
import { useApi } from "../../api/api-context";

type SaveState =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved" }
  | { kind: "failed"; message: string };

/**
 * Edits the ATS value of one LJO name in place. Enter or leaving the field
 * saves, and Escape puts back the saved value. An empty field removes the
 * mapping.
 */
export function AtsValueInput(props: {
  row: MappingRow;
  onSaved: (kind: CatalogKind) => void;
}) {
  const api = useApi();
  const saved = props.row.atsValue ?? "";
  const [value, setValue] = useState(saved);
  const [state, setState] = useState<SaveState>({ kind: "idle" });
  const focused = useRef(false);
  // The value stored or being stored, so that Enter followed by leaving the
  // field sends one request, not two.
  const stored = useRef(saved);

  // Take over values saved elsewhere (an import, another window) unless the
  // recruiter is typing here.
  useEffect(() => {
    stored.current = saved;
    if (!focused.current) {
      setValue(saved);
    }
  }, [saved]);

  const save = async () => {
    const next = value.trim();
    if (next === stored.current) {
      return;
    }

    const previous = stored.current;
    stored.current = next;
    setState({ kind: "saving" });
    const result = await api.saveMapping({
      kind: props.row.kind,
      name: props.row.name,
      atsValue: next === "" ? null : next,
    });
    if (result.ok) {
      setValue(result.value.atsValue ?? "");
      setState({ kind: "saved" });
      props.onSaved(props.row.kind);
    } else {
      stored.current = previous;
      setState({ kind: "failed", message: result.error.message });
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      event.preventDefault();
      void save();
    } else if (event.key === "Escape") {
      setValue(stored.current);
      setState({ kind: "idle" });
    }
  };

  return (
    <TextInput
      aria-label={`ATS value for ${props.row.name}`}
      placeholder="Not mapped"
      value={value}
      onChange={(event) => {
        setValue(event.currentTarget.value);
        if (state.kind !== "saving") {
          setState({ kind: "idle" });
        }
      }}
      onFocus={() => {
        focused.current = true;
      }}
      onBlur={() => {
        focused.current = false;
        void save();
      }}
      onKeyDown={onKeyDown}
      error={state.kind === "failed" ? state.message : undefined}
      rightSection={<SaveIndicator state={state} />}
      maxLength={200}
      data-testid="ats-value-input"
      data-save-state={state.kind}
    />
  );
}

function SaveIndicator(props: { state: SaveState }) {
  if (props.state.kind === "saving") {
    return <Loader size={12} />;
  }
  if (props.state.kind === "saved") {
    return (
      <IconCheck
        size={14}
        color="var(--mantine-color-teal-6)"
        aria-label="Saved"
      />
    );
  }
  return null;
}
