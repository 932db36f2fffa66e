/** Webex public ids: base64 of `ciscospark://<cluster>/<TYPE>/<value>`, padding stripped (REFERENCE.md §1.6). */
export function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function base64NoPad(text: string): string {
  return base64(text).replace(/=+$/, "");
}

export function decodeBase64(text: string): string | undefined {
  try {
    const padded = text + "=".repeat((4 - (text.length % 4)) % 4);
    const binary = atob(padded);
    const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}

export const TEAM_CLUSTER = "urn:TEAM:us-east-2_a";

export function webexId(type: string, value: string, cluster = "us"): string {
  return base64NoPad(`ciscospark://${cluster}/${type}/${value}`);
}

/** Decodes a Webex id into its parts, or undefined when it is not one. */
export function parseWebexId(id: string): { cluster: string; type: string; value: string } | undefined {
  const text = decodeBase64(id);
  const match = text?.match(/^ciscospark:\/\/(.+?)\/([A-Z_]+)\/(.+)$/);
  if (!match) return undefined;
  return { cluster: match[1] ?? "", type: match[2] ?? "", value: match[3] ?? "" };
}

export const orgIdOf = (uuid: string) => webexId("ORGANIZATION", uuid);

/** Organization uuid from an org id (accepts the raw uuid too, as some clients send it). */
export function orgUuidFromId(id: string): string | undefined {
  const parsed = parseWebexId(id);
  if (parsed) return parsed.type === "ORGANIZATION" ? parsed.value : undefined;
  return /^[0-9a-f-]{36}$/i.test(id) ? id.toLowerCase() : undefined;
}
