import { Button, Group, Stack, TextInput } from "@mantine/core";
import { useState } from "react";

import type { Settings } from "../../../../shared/contract";
import {
  DEFAULT_REFERRAL_SOURCES,
  LEAD_EVENT_LABELS,
  LEAD_EVENT_TYPES,
  type LeadEventType,
} from "../../../../shared/lead-events";
import type { SaveSettings } from "./settings-save";
import { SettingsSection } from "./SettingsSection";

type ReferralSources = Record<LeadEventType, string>;

export function ReferralSourcesSection(props: {
  settings: Settings;
  save: SaveSettings;
}) {
  const saved = withDefaults(props.settings.referralSources);
  const [values, setValues] = useState<ReferralSources>(saved);
  const changed = LEAD_EVENT_TYPES.some(
    (event) => values[event] !== saved[event],
  );
  const incomplete = LEAD_EVENT_TYPES.some(
    (event) => values[event].trim() === "",
  );

  const save = async () => {
    const trimmed = Object.fromEntries(
      LEAD_EVENT_TYPES.map((event) => [event, values[event].trim()]),
    ) as ReferralSources;
    const stored = await props.save(
      { referralSources: trimmed },
      "Referral sources saved. New leads and exports use them.",
    );
    if (stored !== null) {
      setValues(withDefaults(stored.referralSources));
    }
  };

  return (
    <SettingsSection
      title="Referral sources"
      description="The source written to your ATS for each kind of lead, so you can tell which LJO program found a candidate."
    >
      <Stack gap={6}>
        {LEAD_EVENT_TYPES.map((event) => (
          <TextInput
            key={event}
            label={LEAD_EVENT_LABELS[event]}
            value={values[event]}
            onChange={(change) =>
              setValues({ ...values, [event]: change.currentTarget.value })
            }
            error={values[event].trim() === "" ? "Enter a name" : undefined}
            maxLength={200}
            w={420}
          />
        ))}
      </Stack>
      <Group gap="xs">
        <Button disabled={!changed || incomplete} onClick={() => void save()}>
          Save referral sources
        </Button>
        <Button
          variant="subtle"
          onClick={() => setValues(DEFAULT_REFERRAL_SOURCES)}
        >
          Use LJO's suggested names
        </Button>
      </Group>
    </SettingsSection>
  );
}

function withDefaults(
  sources: Partial<Record<LeadEventType, string>>,
): ReferralSources {
  return { ...DEFAULT_REFERRAL_SOURCES, ...sources };
}
