import { Alert, Box, Loader, Stack } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useCallback, useEffect, useState } from "react";

import type { Settings } from "../../../../shared/contract";
import { useApi } from "../../api/api-context";
import { useApiQuery } from "../../hooks/use-api-query";
import { useAppStatus } from "../../status/app-status-context";
import { CredentialsSection } from "./CredentialsSection";
import { GeneralSection } from "./GeneralSection";
import { ReferralSourcesSection } from "./ReferralSourcesSection";
import type { SaveSettings } from "./settings-save";
import { SignatureSection } from "./SignatureSection";
import { TunnelSection } from "./TunnelSection";
import { WebhookUrlSection } from "./WebhookUrlSection";

export function SettingsScreen() {
  const api = useApi();
  const appStatus = useAppStatus();
  const load = useCallback(() => api.getSettings({}), [api]);
  const query = useApiQuery(load, "settings");
  const [settings, setSettings] = useState<Settings | null>(null);

  useEffect(() => {
    if (query.data !== null) {
      setSettings(query.data);
    }
  }, [query.data]);

  const save: SaveSettings = async (changes, successMessage) => {
    const result = await api.saveSettings(changes);
    if (!result.ok) {
      notifications.show({
        color: "red",
        title: "The setting was not saved",
        message: result.error.message,
      });
      return null;
    }

    setSettings(result.value);
    appStatus.refresh();
    notifications.show({ color: "teal", message: successMessage });
    return result.value;
  };

  return (
    <Box
      component="section"
      data-testid="settings"
      data-ready={query.settled ? "true" : "false"}
      aria-label="Settings"
      maw={900}
    >
      {query.error !== null && (
        <Alert color="red" title="Could not load the settings" mb="sm">
          {query.error}
        </Alert>
      )}
      {settings === null ? (
        query.error === null && <Loader size="sm" />
      ) : (
        <Stack gap="sm">
          <WebhookUrlSection settings={settings} />
          <CredentialsSection
            settings={settings}
            save={save}
            onRegenerated={(credentials) =>
              setSettings({ ...settings, ...credentials })
            }
          />
          <ReferralSourcesSection settings={settings} save={save} />
          <SignatureSection settings={settings} save={save} />
          <TunnelSection settings={settings} save={save} />
          <GeneralSection settings={settings} save={save} />
        </Stack>
      )}
    </Box>
  );
}
