/**
 * @module sync/owners
 * What VOSS derives for devices and numbers from their owners: the person's email (a device is placed by its
 * person, id → email, or its workspace) and whether the owner holds a calling licence (Webex Calling -
 * Professional or Workspaces), which the licence check uses to keep rows a listing missed.
 */
import type { ModelName } from "../models/catalog.ts";
import { arr, type Item, obj, str } from "./item.ts";
import type { PlanContext } from "./specs/index.ts";
import type { SyncStore } from "./store.ts";

const CALLING_LICENCES = ["Webex Calling - Professional", "Webex Calling - Workspaces"];

/** Licence ids by role, read from the synced licences. */
export async function planContext(store: SyncStore): Promise<PlanContext> {
  const licences = await store.readAll("License");
  const named = (names: string[]) =>
    new Set(licences.filter((l) => names.includes(str(l.name) ?? "")).map((l) => str(l.id)!));
  return {
    professionalLicenceIds: named(["Webex Calling - Professional"]),
    callingLicenceIds: named(CALLING_LICENCES),
  };
}

/** Devices and numbers with `ownerEmail` (devices) and `callingLicensed` added; other models unchanged. */
export async function withOwners(
  store: SyncStore,
  ctx: PlanContext,
  model: ModelName,
  items: Item[],
): Promise<Item[]> {
  if (model !== "Device" && model !== "Number") return items;
  const ownerOf = (item: Item) => {
    if (model === "Device") return { person: str(item.personId), place: str(item.workspaceId) };
    const owner = obj(item.owner);
    const type = str(owner.type);
    return {
      person: type === "PEOPLE" ? str(owner.id) : null,
      place: type === "PLACE" ? str(owner.id) : null,
    };
  };
  const owners = items.map(ownerOf);
  const people = await store.lookup(
    "User",
    owners.map((o) => o.person).filter((id): id is string => !!id),
  );
  const places = await store.lookup(
    "Place",
    owners.map((o) => o.place).filter((id): id is string => !!id),
  );
  return items.map((item, i) => {
    const { person, place } = owners[i]!;
    const personRow = person ? people.get(person) : undefined;
    const placeRow = place ? places.get(place) : undefined;
    const licences = personRow
      ? arr(personRow.licenses)
      : placeRow
        ? arr(obj(obj(placeRow.calling).webexCalling).licenses)
        : [];
    const callingLicensed = licences.some((id) => typeof id === "string" && ctx.callingLicenceIds.has(id));
    const extra: Item = { callingLicensed };
    if (model === "Device") extra.ownerEmail = personRow ? (str(arr(personRow.emails)[0]) ?? null) : null;
    return { ...item, ...extra };
  });
}
