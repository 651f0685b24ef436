/**
 * Saves text as a file through the browser's download. A Blob URL keeps the
 * content in the page, so nothing is fetched again from the server.
 */
export function downloadTextFile(
  fileName: string,
  content: string,
  mimeType = "text/csv;charset=utf-8",
): void {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();

  // Revoked a minute later rather than at once, so a slow download start
  // still finds the URL.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
