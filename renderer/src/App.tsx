import { AppShell } from "@mantine/core";

import { CandidateDrawer } from "./screens/candidate/CandidateDrawer";
import { DeliveriesScreen } from "./screens/deliveries/DeliveriesScreen";
import { ExportScreen } from "./screens/export/ExportScreen";
import { InboxScreen } from "./screens/inbox/InboxScreen";
import { MappingsScreen } from "./screens/mappings/MappingsScreen";
import { SettingsScreen } from "./screens/settings/SettingsScreen";
import { NavigationMenu } from "./components/NavigationMenu";
import { PublicUrlChangedAlert } from "./components/PublicUrlChangedAlert";
import { StatusHeader } from "./components/StatusHeader";
import { useHashRoute, type Route } from "./hooks/use-hash-route";

export function App() {
  const [route, navigate] = useHashRoute();

  const openCandidate = (candidateId: number) =>
    navigate({ screen: route.screen, candidateId });
  const closeCandidate = () => navigate({ ...route, candidateId: null });

  return (
    <AppShell
      header={{ height: 44 }}
      navbar={{ width: 190, breakpoint: 0 }}
      padding="sm"
    >
      <AppShell.Header>
        <StatusHeader />
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <NavigationMenu current={route.screen} />
      </AppShell.Navbar>
      <AppShell.Main className="app-main">
        <PublicUrlChangedAlert />
        <CurrentScreen route={route} onOpenCandidate={openCandidate} />
      </AppShell.Main>
      <CandidateDrawer
        candidateId={route.candidateId}
        onClose={closeCandidate}
        onOpenCandidate={openCandidate}
      />
    </AppShell>
  );
}

function CurrentScreen(props: {
  route: Route;
  onOpenCandidate: (candidateId: number) => void;
}) {
  switch (props.route.screen) {
    case "inbox":
      return (
        <InboxScreen
          onOpenCandidate={props.onOpenCandidate}
          openCandidateId={props.route.candidateId}
        />
      );
    case "deliveries":
      return <DeliveriesScreen onOpenCandidate={props.onOpenCandidate} />;
    case "mappings":
      return <MappingsScreen onOpenCandidate={props.onOpenCandidate} />;
    case "export":
      return <ExportScreen />;
    case "settings":
      return <SettingsScreen />;
  }
}
