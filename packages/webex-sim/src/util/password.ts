const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const DIGITS = "0123456789";
const SPECIAL = "!@#$%^&*-_+=?";
const ALL = UPPER + LOWER + DIGITS + SPECIAL;

/** Uniform integer in [0, n) from the platform CSPRNG; rejection sampling avoids modulo bias. */
function randomBelow(n: number): number {
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  const buf = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(buf);
    if (buf[0]! < limit) return buf[0]! % n;
  }
}

const pick = (chars: string) => chars[randomBelow(chars.length)]!;

/**
 * A fresh 16-character SIP password meeting the default Webex Calling rules (upper, lower, digit and special
 * character): one of each class, the rest from all of them, then shuffled so the classes sit anywhere.
 */
export function sipPassword(length = 16): string {
  const chars = [pick(UPPER), pick(LOWER), pick(DIGITS), pick(SPECIAL)];
  while (chars.length < length) chars.push(pick(ALL));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomBelow(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join("");
}
