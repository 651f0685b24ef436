import { Radio, Stack, Switch, Text } from "@mantine/core";

import type { ExportPreset } from "../../../../shared/contract";

export interface ExportFormValues {
  preset: ExportPreset;
  newOnly: boolean;
  markExported: boolean;
  bom: boolean;
}

export function ExportOptionsForm(props: {
  values: ExportFormValues;
  onChange: (values: ExportFormValues) => void;
  disabled: boolean;
}) {
  const { values } = props;
  const update = (changes: Partial<ExportFormValues>) =>
    props.onChange({ ...values, ...changes });

  return (
    <Stack gap="sm">
      <Radio.Group
        label="File layout"
        value={values.preset}
        onChange={(value) => update({ preset: value })}
      >
        <Stack gap={6} mt={4}>
          <Radio
            value="generic"
            label="Generic CSV"
            description="One row per candidate with every field, for any ATS that imports CSV files."
            disabled={props.disabled}
          />
          <Radio
            value="bullhorn"
            label="Bullhorn candidate import"
            description="Bullhorn's column names, ready for its candidate import."
            disabled={props.disabled}
            data-testid="preset-bullhorn"
          />
        </Stack>
      </Radio.Group>
      <Switch
        label="Only candidates not exported yet"
        checked={values.newOnly}
        onChange={(event) => update({ newOnly: event.currentTarget.checked })}
        disabled={props.disabled}
        data-testid="option-new-only"
      />
      <Switch
        label="Mark these candidates as exported"
        description="They then drop out of the next “not exported yet” export."
        checked={values.markExported}
        onChange={(event) =>
          update({ markExported: event.currentTarget.checked })
        }
        disabled={props.disabled}
        data-testid="option-mark-exported"
      />
      <Switch
        label="Add a byte order mark (BOM)"
        description="Turn on if Excel shows accented names as garbled text."
        checked={values.bom}
        onChange={(event) => update({ bom: event.currentTarget.checked })}
        disabled={props.disabled}
      />
      <Text size="xs" c="dimmed">
        The preview on the right follows these options.
      </Text>
    </Stack>
  );
}
