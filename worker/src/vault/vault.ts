/**
 * @module vault
 * Secrets at rest (Webex tokens, Service App client secrets): AES-256-GCM with a fresh IV per value, and the
 * owner and field as additional authenticated data, so a ciphertext copied to another customer or field does
 * not decrypt. Each value records its key version (`wxv<version>:<iv>:<ciphertext>`); old keys stay readable
 * while new writes use the current key, so the key can be rotated without losing anything.
 */

export type VaultKeys = { version: number; key: string; previous: Record<number, string> };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function fromBase64(value: string): Uint8Array<ArrayBuffer> {
  const binary = atob(value);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export class VaultError extends Error {
  override readonly name = "VaultError";
}

export function createVault({ version, key, previous }: VaultKeys) {
  const raw = new Map<number, string>(Object.entries(previous).map(([v, k]) => [Number(v), k]));
  raw.set(version, key);
  const imported = new Map<number, Promise<CryptoKey>>();
  const aesKey = (v: number) => {
    let pending = imported.get(v);
    if (!pending) {
      const material = raw.get(v);
      if (!material)
        throw new VaultError(`no key for version ${v}: add it to TOKEN_ENCRYPTION_PREVIOUS_KEYS`);
      pending = crypto.subtle.importKey("raw", fromBase64(material), "AES-GCM", false, [
        "encrypt",
        "decrypt",
      ]);
      imported.set(v, pending);
    }
    return pending;
  };

  return {
    version,

    /** `context` names the owner and field, e.g. `customer:<id>:refresh_token`. */
    async encrypt(plaintext: string, context: string): Promise<string> {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const sealed = await crypto.subtle.encrypt(
        { name: "AES-GCM", iv, additionalData: encoder.encode(context) },
        await aesKey(version),
        encoder.encode(plaintext),
      );
      return `wxv${version}:${toBase64(iv)}:${toBase64(new Uint8Array(sealed))}`;
    },

    async decrypt(ciphertext: string, context: string): Promise<string> {
      const match = ciphertext.match(/^wxv(\d+):([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)$/);
      if (!match) throw new VaultError("not a vault value");
      try {
        const opened = await crypto.subtle.decrypt(
          { name: "AES-GCM", iv: fromBase64(match[2]!), additionalData: encoder.encode(context) },
          await aesKey(Number(match[1])),
          fromBase64(match[3]!),
        );
        return decoder.decode(opened);
      } catch (error) {
        if (error instanceof VaultError) throw error;
        throw new VaultError(`cannot decrypt this value for ${context.split(":").slice(0, 2).join(":")}`);
      }
    },

    /** True when the value was sealed with an older key and should be re-encrypted. */
    isStale(ciphertext: string): boolean {
      return !ciphertext.startsWith(`wxv${version}:`);
    },

    /** An HMAC-SHA256 key derived from the current key, for signing things that are not secret (OAuth state). */
    async signingKey(purpose: string): Promise<CryptoKey> {
      const base = await crypto.subtle.importKey("raw", fromBase64(key), "HKDF", false, ["deriveKey"]);
      return crypto.subtle.deriveKey(
        { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: encoder.encode(purpose) },
        base,
        { name: "HMAC", hash: "SHA-256", length: 256 },
        false,
        ["sign", "verify"],
      );
    },
  };
}

export type Vault = ReturnType<typeof createVault>;
