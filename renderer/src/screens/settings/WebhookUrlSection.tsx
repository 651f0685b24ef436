import { CopyField } from "../../components/CopyField";
import { LocalOnlyUrlNotice } from "../../components/LocalOnlyUrlNotice";
import type { Settings } from "../../../../shared/contract";
import { SettingsSection } from "./SettingsSection";

export function WebhookUrlSection(props: { settings: Settings }) {
  return (
    <SettingsSection
      title="Webhook URL"
      description="Paste this URL into LocumJobsOnline under Agency Info > Webhooks, for every lead event you want to receive."
      testId="settings-webhook"
    >
      <CopyField
        label="URL for LocumJobsOnline"
        value={props.settings.webhookUrl}
        copyLabel="Copy webhook URL"
        testId="settings-webhook-url"
      />
      {props.settings.localWebhookUrl === props.settings.webhookUrl && (
        <LocalOnlyUrlNotice />
      )}
      {props.settings.localWebhookUrl !== props.settings.webhookUrl && (
        <CopyField
          label="Local URL"
          description="Reaches the inbox only from this computer, so use it for tests, not in LJO."
          value={props.settings.localWebhookUrl}
          copyLabel="Copy local URL"
        />
      )}
    </SettingsSection>
  );
}
