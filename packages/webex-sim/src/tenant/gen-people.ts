import { webexId } from "../util/ids.ts";
import type { Obj } from "./collection.ts";
import { addNumber, displayNumber, type GenCtx, intern, isoDaysAgo, nextDid, nextExt } from "./context.ts";
import { DEPARTMENTS, FIRST_NAMES, LAST_NAMES, TITLES } from "./names.ts";

/** People, spread over the locations in blocks; most have Webex Calling with an extension and a number. */
export function generatePeople(ctx: GenCtx): void {
  const { org, rng } = ctx;
  const locCount = ctx.locs.length;
  const siteUrl = `${org.domain.split(".")[0]}.webex.com`;
  for (let i = 0; i < ctx.users; i++) {
    const loc = ctx.locs[Math.floor((i * locCount) / ctx.users)] ?? ctx.locs[0]!;
    const firstName = rng.pick(FIRST_NAMES);
    const lastName = rng.pick(LAST_NAMES);
    const email = `${firstName}.${lastName}${i}@${org.domain}`.toLowerCase();
    const id = webexId("PEOPLE", rng.uuid());
    const roll = rng.float();
    const callingLicense = ctx.lean
      ? undefined
      : roll < 0.88
        ? "professional"
        : roll < 0.94
          ? "basic"
          : undefined;
    const hasDid = callingLicense !== undefined && rng.chance(0.85);
    const meetings = rng.chance(0.6);
    const created = isoDaysAgo(ctx, 1500);

    const licenses = [String(ctx.licenses.messaging.id)];
    if (meetings) licenses.push(String(ctx.licenses.meetings.id));
    if (callingLicense) licenses.push(String(ctx.licenses[callingLicense].id));
    const roles =
      i === 0 ? [ctx.roles.full] : i === 1 ? [ctx.roles.readonly] : i === 2 ? [ctx.roles.user] : [];

    const phoneNumbers: Obj[] = [];
    let extension: string | undefined;
    let did: string | undefined;
    if (callingLicense) {
      extension = nextExt(loc, 1000);
      did = hasDid ? nextDid(loc) : undefined;
      if (did) phoneNumbers.push({ type: "work", value: displayNumber(did), primary: true });
      phoneNumbers.push({ type: "work_extension", value: loc.routingPrefix + extension, primary: !did });
    }
    if (rng.chance(0.3)) {
      const mobile = `+1 ${loc.areaCode} 555 ${String(rng.int(0, 9999)).padStart(4, "0")}`;
      phoneNumbers.push({ type: "mobile", value: mobile, primary: false });
    }
    // One literal with every key (undefined = absent): objects built key by key fall into V8's slow,
    // memory-hungry dictionary mode, which matters at 100,000 people.
    const person: Obj = {
      id,
      emails: [email],
      phoneNumbers,
      extension,
      locationId: extension ? loc.id : undefined,
      displayName: `${firstName} ${lastName}`,
      nickName: firstName,
      firstName,
      lastName,
      orgId: org.id,
      roles: intern(roles),
      licenses: intern(licenses),
      department: rng.pick(DEPARTMENTS),
      title: rng.pick(TITLES),
      addresses: intern([
        {
          type: "work",
          country: "US",
          locality: loc.city.city,
          region: loc.city.state,
          streetAddress: `${loc.routingPrefix} Main St.`,
          postalCode: loc.city.postalCode,
        },
      ]),
      created,
      lastModified: created,
      timezone: loc.city.timeZone,
      lastActivity: isoDaysAgo(ctx, 30),
      siteUrls: intern(meetings ? [`${siteUrl}#attendee`] : []),
      sipAddresses: [{ type: "cloud-calling", value: `${email.split("@")[0]}@${org.domain}`, primary: true }],
      status: rng.pick(["active", "inactive", "meeting", "DoNotDisturb", "unknown"]),
      invitePending: "false",
      loginEnabled: "true",
      type: "person",
    };
    org.collections.people.add(person);
    if (i === 0) org.adminId = id;

    if (callingLicense && extension) {
      loc.people.push(person);
      const owner = { id, type: "PEOPLE", firstName, lastName };
      addNumber(ctx, loc, { phoneNumber: did ?? "", extension, owner });
    }
  }
}
