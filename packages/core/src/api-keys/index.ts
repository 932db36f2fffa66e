/**
 * @module api-keys
 * wxsync API keys: how they look, how they are generated and how they are hashed for storage.
 * Keys carry 256 random bits, so a plain SHA-256 is a safe one-way hash (no salt or slow KDF needed,
 * and lookups by hash stay a single indexed read).
 */

export const apiKeyRoles = ["admin", "operator", "viewer"] as const;
export type ApiKeyRole = (typeof apiKeyRoles)[number];

const KEY_PREFIX = "wxs_";
const KEY_PATTERN = /^wxs_[A-Za-z0-9_-]{43}$/;

export function isApiKeyFormat(value: string): boolean {
  return KEY_PATTERN.test(value);
}

function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** A new random key. Shown to its owner once; only its hash is stored. */
export function generateApiKey(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return KEY_PREFIX + base64url(bytes);
}

/** Lower-case hex SHA-256 of the key: what the database stores and looks keys up by. */
export async function hashApiKey(key: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The part of a key safe to show in lists so people can tell keys apart ("wxs_AbC1…"). */
export function apiKeyHint(key: string): string {
  return `${key.slice(0, KEY_PREFIX.length + 4)}…`;
}
