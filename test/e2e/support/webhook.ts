/** Posts a JSON body to the serve child's webhook with the bearer token. */
export async function postWebhook(
  webhookPort: number,
  token: string,
  body: unknown,
): Promise<{ status: number; text: string }> {
  const response = await fetch(`http://127.0.0.1:${webhookPort}/webhook`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Authorization: `Bearer ${token}`,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}
