import { Badge, NavLink, Stack } from "@mantine/core";
import {
  IconAdjustments,
  IconArrowsExchange,
  IconFileExport,
  IconInbox,
  IconSettings,
} from "@tabler/icons-react";
import type { ReactNode } from "react";

import type { Screen } from "../hooks/use-hash-route";
import { useAppStatus } from "../status/app-status-context";

interface NavItem {
  screen: Screen;
  label: string;
  icon: ReactNode;
}

const NAV_ITEMS: NavItem[] = [
  {
    screen: "inbox",
    label: "Inbox",
    icon: <IconInbox size={18} stroke={1.6} />,
  },
  {
    screen: "deliveries",
    label: "Deliveries",
    icon: <IconArrowsExchange size={18} stroke={1.6} />,
  },
  {
    screen: "mappings",
    label: "Mappings",
    icon: <IconAdjustments size={18} stroke={1.6} />,
  },
  {
    screen: "export",
    label: "Export",
    icon: <IconFileExport size={18} stroke={1.6} />,
  },
  {
    screen: "settings",
    label: "Settings",
    icon: <IconSettings size={18} stroke={1.6} />,
  },
];

/** Keeps large counts ("100K") from squeezing the label. */
const COMPACT_COUNT = new Intl.NumberFormat(undefined, { notation: "compact" });

export function NavigationMenu(props: { current: Screen }) {
  const { status } = useAppStatus();

  const counter = (screen: Screen) => {
    if (screen === "inbox" && status !== null && status.candidateCount > 0) {
      return (
        <Badge variant="light" color="gray">
          {COMPACT_COUNT.format(status.candidateCount)}
        </Badge>
      );
    }
    if (
      screen === "deliveries" &&
      status !== null &&
      status.quarantinedCount > 0
    ) {
      return (
        <Badge color="orange" title="Quarantined deliveries">
          {status.quarantinedCount.toLocaleString()}
        </Badge>
      );
    }
    return null;
  };

  return (
    <Stack gap={2} component="nav" aria-label="Screens">
      {NAV_ITEMS.map((item) => (
        <NavLink
          key={item.screen}
          href={`#/${item.screen}`}
          label={item.label}
          leftSection={item.icon}
          rightSection={counter(item.screen)}
          active={item.screen === props.current}
          aria-current={item.screen === props.current ? "page" : undefined}
          data-testid={`nav-${item.screen}`}
        />
      ))}
    </Stack>
  );
}
