/**
 * @module vault/key-strength
 * Whether a vault key is what AES-256 needs: 32 random bytes, base64-encoded. A short key, one byte repeated,
 * or a passphrase typed and then base64-encoded all decode to something a guesser can search, so the worker
 * refuses to start with one rather than seal every Webex token with it.
 */

/** How to make a good key; every refusal ends with it. */
export const MAKE_A_KEY =
  "make one with `openssl rand -base64 32` (npm start writes one the same way into worker/.dev.vars)";

const PRINTABLE_ASCII = (byte: number) => byte >= 0x20 && byte <= 0x7e;

/**
 * What is wrong with `base64` as a key, or null when nothing is. `strength: false` checks only that it is 32
 * bytes of base64 (for keys kept to read old values, see env.ts).
 *
 * The strength rules, and how often a random key would trip them (32 uniform bytes):
 * - fewer than 16 distinct byte values (one byte repeated is the extreme case): random keys have about 30;
 *   15 or fewer happens with probability about 3 × 10⁻¹⁷;
 * - every byte printable ASCII (0x20–0x7E), i.e. text such as a passphrase: (95/256)³² ≈ 1.7 × 10⁻¹⁴.
 * Together: a random key is refused about once in 60 trillion tries; run the command again if it ever is.
 */
export function keyProblem(base64: string, { strength = true } = {}): string | null {
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
  } catch {
    return "is not base64";
  }
  if (bytes.length !== 32) return `decodes to ${bytes.length} bytes, not 32`;
  if (!strength) return null;
  const distinct = new Set(bytes).size;
  if (distinct === 1) return "is one byte repeated 32 times";
  if (distinct < 16) return `holds only ${distinct} different byte values, where a random key has about 30`;
  if (bytes.every(PRINTABLE_ASCII)) return "is readable text (a passphrase?), not random bytes";
  return null;
}
