/**
 * @module conflict
 * A write that breaks a UNIQUE constraint, answered as a 409 naming the field. Names are unique across all
 * customers, so the row a write collided with may belong to a customer the calling key must not learn about
 * (R7): a key scoped to some customers is told only that the value is not available.
 */
import type { ApiPrincipal } from "./access.ts";
import { ApiError } from "./errors.ts";

/** Why a value is taken, per violated `table.column` as SQLite names it. */
export type UniqueConflicts = Record<
  string,
  /** The other row may be any customer's: a scoped key hears only "this <what> is not available". */
  | { field: string; what: string; taken: string }
  /** The other row is always the caller's own customer's (so in its scope): every key hears why. */
  | { ownCustomer: true; message: () => string | Promise<string> }
>;

/**
 * The UNIQUE constraint a failed write broke ("customers.name", …), or null. D1 reports it in the message of
 * the error or of its cause, depending on whether drizzle wrapped it.
 */
export function uniqueViolation(error: unknown): string | null {
  const text = String(error instanceof Error && error.cause ? error.cause : error);
  return text.match(/UNIQUE constraint failed: ([\w.]+)/)?.[1] ?? null;
}

/** A `.catch` handler: rethrows a listed UNIQUE failure as a 409 for this principal, anything else as it is. */
export function conflictFrom(principal: ApiPrincipal, conflicts: UniqueConflicts) {
  return async (error: unknown): Promise<never> => {
    const violated = uniqueViolation(error);
    const conflict = violated ? conflicts[violated] : undefined;
    if (!conflict) throw error;
    if ("ownCustomer" in conflict) throw new ApiError("CONFLICT", await conflict.message());
    throw new ApiError(
      "CONFLICT",
      principal.scope === "all"
        ? `${conflict.field}: ${conflict.taken}`
        : `${conflict.field}: this ${conflict.what} is not available; choose another.`,
    );
  };
}
