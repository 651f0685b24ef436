const STORAGE_KEY = "lead-inbox.admin-token";

/**
 * Takes the admin token from `?token=` once, keeps it in sessionStorage and
 * removes it from the address bar, so it does not stay in the history or get
 * copied along with the URL. Returns the stored token, or null when the page
 * was opened without one.
 */
export function takeSessionToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get("token");

  if (fromUrl !== null && fromUrl !== "") {
    window.sessionStorage.setItem(STORAGE_KEY, fromUrl);
    url.searchParams.delete("token");
    window.history.replaceState(window.history.state, "", url.toString());
  }

  return window.sessionStorage.getItem(STORAGE_KEY);
}

export function forgetSessionToken(): void {
  window.sessionStorage.removeItem(STORAGE_KEY);
}
