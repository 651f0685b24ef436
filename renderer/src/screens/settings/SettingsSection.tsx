import { Paper, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";

export function SettingsSection(props: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Paper withBorder p="md" data-testid={props.testId}>
      <Stack gap="sm">
        <div>
          <Title order={2} size="h5">
            {props.title}
          </Title>
          {props.description !== undefined && (
            <Text size="xs" c="dimmed" mt={2}>
              {props.description}
            </Text>
          )}
        </div>
        {props.children}
      </Stack>
    </Paper>
  );
}
