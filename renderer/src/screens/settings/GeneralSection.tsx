import { Button, Group, Switch, TextInput } from "@mantine/core";
import { useState } from "react";

import type { Settings } from "../../../../shared/contract";
import { CopyField } from "../../components/CopyField";
import type { SaveSettings } from "./settings-save";
import { SettingsSection } from "./SettingsSection";

export function GeneralSection(props: {
  settings: Settings;
  save: SaveSettings;
}) {
  const { settings } = props;
  const [region, setRegion] = useState(settings.defaultPhoneRegion);
  const regionValid = /^[A-Za-z]{2}$/.test(region);

  return (
    <SettingsSection title="General">
      <Switch
        label="Show a desktop notification for each new lead"
        checked={settings.notificationsEnabled}
        onChange={(event) =>
          void props.save(
            { notificationsEnabled: event.currentTarget.checked },
            event.currentTarget.checked
              ? "Notifications on."
              : "Notifications off.",
          )
        }
        data-testid="notifications-enabled"
      />
      <Group align="end" gap="xs">
        <TextInput
          label="Default phone country"
          description="Two-letter code used for phone numbers without a country code, for example US."
          value={region}
          onChange={(event) =>
            setRegion(event.currentTarget.value.toUpperCase())
          }
          error={regionValid ? undefined : "Enter two letters, for example US"}
          maxLength={2}
          w={260}
        />
        <Button
          variant="default"
          disabled={!regionValid || region === settings.defaultPhoneRegion}
          onClick={() =>
            void props.save(
              { defaultPhoneRegion: region },
              "Default phone country saved.",
            )
          }
        >
          Save country
        </Button>
      </Group>
      <CopyField
        label="Data folder"
        description="The database and exports are kept here. Back it up with the rest of your files."
        value={settings.dataDir}
        copyLabel="Copy folder path"
        testId="data-folder"
      />
    </SettingsSection>
  );
}
