/**
 * @module sip/password
 * SIP passwords for third-party devices, generated locally. The API spec states no rule beyond its example
 * (`Test4Password123&`); these follow the password settings Webex Calling applies to SIP credentials as we
 * understand them (at least 8 characters with a lower-case and an upper-case letter, a digit and a special
 * character, not containing the SIP user name forwards or backwards) plus two of our own that only make guessing
 * harder: no character three times in a row, no run of three consecutive letters or digits (abc, 321). Generated
 * passwords are 24 characters. Randomness is injected: core uses no platform API.
 */

export const SIP_PASSWORD_MIN = 8;
export const SIP_PASSWORD_MAX = 128;
/** Generated passwords are long: they are typed by no one, the device reads them from its configuration. */
export const GENERATED_LENGTH = 24;

const LOWER = "abcdefghijkmnopqrstuvwxyz";
const UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
const DIGITS = "23456789";
// Characters that survive SIP digest, provisioning files and CSV cells without quoting or escaping.
const SPECIAL = "!#$%*+-=?@^_";
const ALPHABET = LOWER + UPPER + DIGITS + SPECIAL;

export type RandomBytes = (count: number) => Uint8Array;

/** Every rule the password breaks, in words; empty when it is acceptable. */
export function sipPasswordProblems(password: string, sipUserName?: string | null): string[] {
  const problems: string[] = [];
  if (password.length < SIP_PASSWORD_MIN) problems.push(`must be at least ${SIP_PASSWORD_MIN} characters`);
  if (password.length > SIP_PASSWORD_MAX) problems.push(`must be at most ${SIP_PASSWORD_MAX} characters`);
  if (!/[a-z]/.test(password)) problems.push("must contain a lower-case letter");
  if (!/[A-Z]/.test(password)) problems.push("must contain an upper-case letter");
  if (!/[0-9]/.test(password)) problems.push("must contain a digit");
  if (!/[^A-Za-z0-9]/.test(password)) problems.push("must contain a special character");
  if (/\s/.test(password)) problems.push("must not contain spaces");
  const user = sipUserName?.toLowerCase();
  const lower = password.toLowerCase();
  if (user && (lower.includes(user) || lower.includes([...user].reverse().join(""))))
    problems.push("must not contain the SIP user name, forwards or backwards");
  if (/(.)\1\1/.test(password)) problems.push("must not repeat a character three times in a row");
  if (hasSequence(lower)) problems.push("must not contain three consecutive letters or digits (abc, 321)");
  return problems;
}

function hasSequence(text: string): boolean {
  for (let i = 2; i < text.length; i++) {
    const a = text.charCodeAt(i - 2);
    const b = text.charCodeAt(i - 1);
    const c = text.charCodeAt(i);
    const alnum = (x: number) => (x >= 48 && x <= 57) || (x >= 97 && x <= 122);
    if (!alnum(a) || !alnum(b) || !alnum(c)) continue;
    if ((b - a === 1 && c - b === 1) || (a - b === 1 && b - c === 1)) return true;
  }
  return false;
}

/** One character of `set`, uniformly (bytes at or above the largest multiple of the set size are skipped). */
function pick(set: string, random: RandomBytes): string {
  const limit = 256 - (256 % set.length);
  for (;;) {
    for (const byte of random(16)) if (byte < limit) return set[byte % set.length]!;
  }
}

/** A fresh password meeting every rule above (drawn again in the rare case one is broken). */
export function generateSipPassword(
  random: RandomBytes,
  options: { sipUserName?: string | null; length?: number } = {},
): string {
  const length = Math.min(Math.max(options.length ?? GENERATED_LENGTH, 12), SIP_PASSWORD_MAX);
  for (;;) {
    // One of each class, the rest from the whole alphabet, then shuffled so the classes sit anywhere.
    const chars = [LOWER, UPPER, DIGITS, SPECIAL].map((set) => pick(set, random));
    while (chars.length < length) chars.push(pick(ALPHABET, random));
    for (let i = chars.length - 1; i > 0; i--) {
      const j = random(1)[0]! % (i + 1);
      [chars[i], chars[j]] = [chars[j]!, chars[i]!];
    }
    const password = chars.join("");
    if (sipPasswordProblems(password, options.sipUserName).length === 0) return password;
  }
}
