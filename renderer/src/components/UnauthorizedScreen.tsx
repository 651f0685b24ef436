import { Center, Code, List, Paper, Stack, Text, Title } from "@mantine/core";

/**
 * Explains how to open the inbox in headless mode when the page has no admin
 * token, or the server rejected it (for example after `npm run serve`
 * restarted with a new one).
 */
export function UnauthorizedScreen(props: { reason: "missing" | "rejected" }) {
  const headline =
    props.reason === "missing"
      ? "This page was opened without its access key"
      : "This inbox link is no longer valid";

  return (
    <Center mih="100dvh" p="md">
      <Paper
        withBorder
        p="xl"
        maw={560}
        data-testid="unauthorized"
        data-ready="true"
      >
        <Stack gap="sm">
          <Title order={2} size="h3">
            {headline}
          </Title>
          <Text>
            Open the inbox link printed by <Code>npm run serve</Code>.
          </Text>
          <List size="sm" spacing={4}>
            <List.Item>
              Find the terminal window where the inbox is running.
            </List.Item>
            <List.Item>
              Copy the whole line that starts with{" "}
              <Code>http://127.0.0.1:</Code> and contains <Code>?token=</Code>,
              then paste it into the address bar.
            </List.Item>
            <List.Item>
              If the inbox was restarted, its link may have changed: use the
              newest one the terminal shows.
            </List.Item>
          </List>
        </Stack>
      </Paper>
    </Center>
  );
}
