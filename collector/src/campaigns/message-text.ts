// What stands for a message when it is shown or exported: an SMS's text, or an e-mail's subject
// (an e-mail row holds the whole e-mail as JSON, see ./email-render.ts).
export function messageText(channel: string | null | undefined, body: string | null): string | null {
  if (channel !== 'email' || !body) return body;
  try {
    return `✉ ${String(JSON.parse(body).subject)}`;
  } catch {
    return body;
  }
}
