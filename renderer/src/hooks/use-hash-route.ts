import { useCallback, useEffect, useState } from "react";

export const SCREENS = [
  "inbox",
  "deliveries",
  "mappings",
  "export",
  "settings",
] as const;
export type Screen = (typeof SCREENS)[number];

export interface Route {
  screen: Screen;
  /** Candidate shown in the drawer over the screen, or null. */
  candidateId: number | null;
}

/**
 * Reads the route from the URL hash (`#/inbox`, `#/inbox/candidate/12`). A
 * hash works both from the admin server and from file:// in the desktop app,
 * and lets the back button close the candidate drawer.
 */
export function parseHash(hash: string): Route {
  const [screenPart, candidatePart, idPart] = hash
    .replace(/^#\/?/, "")
    .split("/");
  const screen = SCREENS.find((name) => name === screenPart) ?? "inbox";
  const id = Number(idPart);
  const candidateId =
    candidatePart === "candidate" && Number.isInteger(id) && id > 0 ? id : null;
  return { screen, candidateId };
}

export function formatHash(route: Route): string {
  const candidate =
    route.candidateId === null ? "" : `/candidate/${route.candidateId}`;
  return `#/${route.screen}${candidate}`;
}

export function useHashRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));

  useEffect(() => {
    const onHashChange = () => setRoute(parseHash(window.location.hash));
    window.addEventListener("hashchange", onHashChange);
    return () => window.removeEventListener("hashchange", onHashChange);
  }, []);

  const navigate = useCallback((next: Route) => {
    window.location.hash = formatHash(next);
  }, []);

  return [route, navigate];
}
