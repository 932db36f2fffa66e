/**
 * @module oauth/state
 * The `state` of a "Connect to Webex" request: a random id signed with a key derived from the vault key,
 * stored so it can be used once, and only within 10 minutes.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { GrantOwner } from "../grants/store.ts";
import type { Services } from "../lib/services.ts";
import { oauthStates } from "./schema.ts";

export const STATE_TTL_MS = 10 * 60_000;
const encoder = new TextEncoder();

function base64url(bytes: ArrayBuffer | Uint8Array): string {
  let binary = "";
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64url(value: string): Uint8Array<ArrayBuffer> | null {
  try {
    const binary = atob(value.replaceAll("-", "+").replaceAll("_", "/"));
    return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  } catch {
    return null;
  }
}

export async function createState(
  services: Services,
  owner: GrantOwner,
  redirectUri: string,
): Promise<string> {
  const id = base64url(crypto.getRandomValues(new Uint8Array(24)));
  const now = services.now();
  await services.db.insert(oauthStates).values({
    id,
    ...owner,
    redirectUri,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + STATE_TTL_MS).toISOString(),
  });
  const signature = await crypto.subtle.sign(
    "HMAC",
    await services.vault.signingKey("oauth-state"),
    encoder.encode(id),
  );
  return `${id}.${base64url(signature)}`;
}

export type ConsumedState = GrantOwner & { redirectUri: string };

/** Marks the state used and returns whom it was for, or a message saying why it can't be used. */
export async function consumeState(
  services: Services,
  state: string,
): Promise<{ ok: true; value: ConsumedState } | { ok: false; message: string }> {
  const [id, signature] = state.split(".");
  const sigBytes = signature ? fromBase64url(signature) : null;
  const valid =
    id &&
    sigBytes &&
    (await crypto.subtle.verify(
      "HMAC",
      await services.vault.signingKey("oauth-state"),
      sigBytes,
      encoder.encode(id),
    ));
  if (!valid)
    return {
      ok: false,
      message: "This sign-in link is not one wxsync issued. Start again from Connect to Webex Control Hub.",
    };
  const now = services.now();
  const used = await services.db
    .update(oauthStates)
    .set({ usedAt: now.toISOString() })
    .where(and(eq(oauthStates.id, id), isNull(oauthStates.usedAt)))
    .returning();
  const row = used[0];
  if (!row)
    return {
      ok: false,
      message: "This sign-in link was already used. Start again from Connect to Webex Control Hub.",
    };
  if (Date.parse(row.expiresAt) < now.getTime()) {
    return {
      ok: false,
      message:
        "This sign-in link expired (links last 10 minutes). Start again from Connect to Webex Control Hub.",
    };
  }
  return {
    ok: true,
    value: { ownerType: row.ownerType, ownerId: row.ownerId, redirectUri: row.redirectUri },
  };
}
