/**
 * @module oauth/after-connect
 * What happens once tokens are stored. For a customer with "sync on create", VOSS syncs roles and licences
 * in the same transaction.
 */
import type { GrantOwner } from "../grants/store.ts";
import type { Services } from "../lib/services.ts";

/** Returns a sentence for the transaction and the result page. */
export async function afterConnect(
  _services: Services,
  _owner: GrantOwner,
  _record: { id: string; name: string },
): Promise<string> {
  return "";
}
