import type { NavigateRequest } from "../shared/contract";

/**
 * Returns the URL hash of a view in the inbox's hash routes (`#/inbox`,
 * `#/inbox/candidate/12`, `#/settings`, as renderer/src/hooks/use-hash-route.ts
 * parses them). Setting the hash navigates without reloading the page.
 */
export function navigationHash(request: NavigateRequest): string {
  switch (request.view) {
    case "candidate":
      return `#/inbox/candidate/${request.candidateId}`;
    case "inbox":
      return "#/inbox";
    case "settings":
      return "#/settings";
  }
}
