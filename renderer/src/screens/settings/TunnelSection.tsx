import { Button, Group, Switch, TextInput } from "@mantine/core";
import { useState } from "react";

import type { Settings } from "../../../../shared/contract";
import type { SaveSettings } from "./settings-save";
import { SettingsSection } from "./SettingsSection";

export function TunnelSection(props: {
  settings: Settings;
  save: SaveSettings;
}) {
  const { settings } = props;
  const [host, setHost] = useState(settings.tunnelHost);
  const locked = settings.tunnelSetBy === "command-line";

  return (
    <SettingsSection
      title="Tunnel"
      description="LocumJobsOnline must reach this inbox from the internet. The tunnel gives it a public URL without changes to your router. Its URL can change when the tunnel reconnects, and the header always shows the current one."
    >
      <Switch
        label="Use a tunnel"
        description={
          locked
            ? "Set by the --tunnel and --tunnel-host options of npm run serve."
            : undefined
        }
        disabled={locked}
        checked={settings.tunnelEnabled}
        onChange={(event) =>
          void props.save(
            { tunnelEnabled: event.currentTarget.checked },
            event.currentTarget.checked
              ? "Tunnel turned on."
              : "Tunnel turned off.",
          )
        }
        data-testid="tunnel-enabled"
      />
      <Group align="end" gap="xs">
        <TextInput
          label="Tunnel server"
          description="A localtunnel server, for example one your IT team runs. Leave empty for the default."
          placeholder={settings.defaultTunnelHost}
          disabled={locked}
          value={host}
          onChange={(event) => setHost(event.currentTarget.value)}
          maxLength={500}
          w={420}
        />
        <Button
          variant="default"
          disabled={locked || host.trim() === settings.tunnelHost}
          onClick={() =>
            void props.save({ tunnelHost: host.trim() }, "Tunnel server saved.")
          }
        >
          Save server
        </Button>
      </Group>
    </SettingsSection>
  );
}
