import { Button, Group, PasswordInput, Switch } from "@mantine/core";
import { useState } from "react";

import type { Settings } from "../../../../shared/contract";
import type { SaveSettings } from "./settings-save";
import { SettingsSection } from "./SettingsSection";

/** Turns on the check of LJO's X-T5-Signature header on top of the credentials. */
export function SignatureSection(props: {
  settings: Settings;
  save: SaveSettings;
}) {
  const { settings } = props;
  const [secret, setSecret] = useState("");

  return (
    <SettingsSection
      title="Signature check"
      description="LocumJobsOnline can sign each delivery (X-T5-Signature header). When the check is on, deliveries with a missing or wrong signature are rejected."
    >
      <Switch
        label="Check signatures"
        checked={settings.signatureCheck}
        // The check cannot be turned on before a secret is saved.
        disabled={!settings.signatureCheck && settings.signatureSecret === ""}
        onChange={(event) =>
          void props.save(
            { signatureCheck: event.currentTarget.checked },
            event.currentTarget.checked
              ? "Signature check on."
              : "Signature check off.",
          )
        }
        data-testid="signature-check"
      />
      <Group align="end" gap="xs">
        <PasswordInput
          label="Signing secret"
          description={
            settings.signatureSecret === ""
              ? "Copy the secret from LocumJobsOnline's webhook settings."
              : "A secret is saved. Enter a new one to replace it."
          }
          placeholder={
            settings.signatureSecret === "" ? "" : settings.signatureSecret
          }
          value={secret}
          onChange={(event) => setSecret(event.currentTarget.value)}
          maxLength={500}
          w={420}
        />
        <Button
          variant="default"
          disabled={secret.trim() === ""}
          onClick={() =>
            void props
              .save({ signatureSecret: secret.trim() }, "Signing secret saved.")
              .then((stored) => stored !== null && setSecret(""))
          }
        >
          Save secret
        </Button>
      </Group>
    </SettingsSection>
  );
}
