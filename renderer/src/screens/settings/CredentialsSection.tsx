import {
  Alert,
  Button,
  Group,
  PasswordInput,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconRefresh } from "@tabler/icons-react";
import { useState } from "react";

import type { AuthType, Settings } from "../../../../shared/contract";
import { useApi } from "../../api/api-context";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { CopyValueButton } from "../../components/CopyValueButton";
import type { SaveSettings } from "./settings-save";
import { SettingsSection } from "./SettingsSection";

const AUTH_OPTIONS: { value: AuthType; label: string }[] = [
  { value: "bearer", label: "Bearer token" },
  { value: "basic", label: "Basic (user and password)" },
  { value: "none", label: "None" },
];

type PendingChange =
  | { kind: "none" }
  | { kind: "auth-type"; authType: AuthType }
  | { kind: "regenerate" };

/**
 * Shows how LJO proves that a delivery comes from it. Both changing the type
 * and regenerating break deliveries until the new credentials are pasted into
 * LocumJobsOnline, so each requests confirmation first.
 */
export function CredentialsSection(props: {
  settings: Settings;
  save: SaveSettings;
  onRegenerated: (
    credentials: Pick<
      Settings,
      "authType" | "bearerToken" | "basicUser" | "basicPassword"
    >,
  ) => void;
}) {
  const api = useApi();
  const { settings } = props;
  const [pending, setPending] = useState<PendingChange>({ kind: "none" });
  const [basicUser, setBasicUser] = useState(settings.basicUser);
  const [fresh, setFresh] = useState(false);
  const fromEnvironment = settings.authSource === "environment";

  const confirm = async () => {
    const change = pending;
    setPending({ kind: "none" });

    if (change.kind === "auth-type") {
      await props.save(
        { authType: change.authType },
        "Authentication changed. Update it in LocumJobsOnline too.",
      );
    } else if (change.kind === "regenerate") {
      const result = await api.regenerateCredentials({});
      if (!result.ok) {
        notifications.show({
          color: "red",
          title: "Could not regenerate the credentials",
          message: result.error.message,
        });
        return;
      }
      props.onRegenerated(result.value);
      setBasicUser(result.value.basicUser);
      setFresh(true);
    }
  };

  return (
    <SettingsSection
      title="Credentials"
      description="LocumJobsOnline sends these with every delivery. The inbox rejects deliveries without them."
      testId="settings-credentials"
    >
      {fromEnvironment && (
        <Alert color="blue" p="xs" data-testid="credentials-from-environment">
          These credentials come from the LEAD_INBOX_AUTH and LEAD_INBOX_TOKEN
          (or LEAD_INBOX_USER and LEAD_INBOX_PASSWORD) environment variables of
          the server, so they can only be changed there.
        </Alert>
      )}
      <SegmentedControl
        aria-label="Authentication type"
        data={AUTH_OPTIONS}
        value={settings.authType}
        onChange={(value) => setPending({ kind: "auth-type", authType: value })}
        disabled={fromEnvironment}
        w="fit-content"
      />
      {settings.authType === "none" && (
        <Alert color="orange" p="xs">
          Anyone who knows the webhook URL can add leads to this inbox. Use this
          only for tests.
        </Alert>
      )}
      {fresh && (
        <Alert
          color="yellow"
          p="xs"
          title="New credentials"
          data-testid="credentials-fresh"
        >
          Copy them into LocumJobsOnline now (Agency Info &gt; Webhooks).
        </Alert>
      )}
      {settings.authType === "bearer" && (
        <SecretField
          label="Bearer token"
          value={settings.bearerToken}
          testId="bearer-token"
        />
      )}
      {settings.authType === "basic" && (
        <Stack gap="xs">
          <Group align="end" gap="xs">
            <TextInput
              label="User name"
              value={basicUser}
              onChange={(event) => setBasicUser(event.currentTarget.value)}
              w={260}
            />
            <Button
              variant="default"
              disabled={
                basicUser.trim() === "" || basicUser === settings.basicUser
              }
              onClick={() =>
                void props.save(
                  { basicUser: basicUser.trim() },
                  "User name saved. Update it in LocumJobsOnline too.",
                )
              }
            >
              Save user name
            </Button>
          </Group>
          <SecretField
            label="Password"
            value={settings.basicPassword}
            testId="basic-password"
          />
        </Stack>
      )}
      {settings.authType !== "none" && !fromEnvironment && (
        <Group>
          <Button
            variant="light"
            color="orange"
            leftSection={<IconRefresh size={14} />}
            onClick={() => setPending({ kind: "regenerate" })}
            data-testid="regenerate-credentials"
          >
            Regenerate…
          </Button>
        </Group>
      )}
      <ConfirmDialog
        opened={pending.kind !== "none"}
        title={
          pending.kind === "regenerate"
            ? "Regenerate the credentials?"
            : "Change how LJO signs in?"
        }
        confirmLabel={pending.kind === "regenerate" ? "Regenerate" : "Change"}
        confirmColor="orange"
        onConfirm={() => void confirm()}
        onCancel={() => setPending({ kind: "none" })}
      >
        <Text size="sm">
          The current credentials stop working at once. Until you paste the new
          ones into LocumJobsOnline (Agency Info &gt; Webhooks), every delivery
          is rejected with HTTP 401. LJO retries rejected deliveries for about a
          day, so leads arrive once LJO has the new credentials.
        </Text>
      </ConfirmDialog>
    </SettingsSection>
  );
}

/** Shows a credential hidden by default, with show/hide and copy. */
function SecretField(props: { label: string; value: string; testId: string }) {
  return (
    <Group align="end" gap="xs" wrap="nowrap">
      <PasswordInput
        label={props.label}
        value={props.value}
        readOnly
        w={420}
        data-testid={props.testId}
        styles={{
          innerInput: { fontFamily: "var(--mantine-font-family-monospace)" },
        }}
      />
      <CopyValueButton
        value={props.value}
        label={`Copy ${props.label.toLowerCase()}`}
      />
    </Group>
  );
}
