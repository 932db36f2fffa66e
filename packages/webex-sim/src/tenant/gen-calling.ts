import { base64NoPad, webexId } from "../util/ids.ts";
import type { Obj } from "./collection.ts";
import { addNumber, type GenCtx, isoDaysAgo, type LocInfo, nextDid, nextExt } from "./context.ts";

/** A person's E.164 work number, from the "+1 408 526 7209" form /people shows. */
export function workNumber(person: Obj): string | undefined {
  const numbers = (person.phoneNumbers as { type?: string; value?: string }[] | undefined) ?? [];
  return numbers.find((n) => n.type === "work")?.value?.replaceAll(" ", "");
}

function sample<T>(ctx: GenCtx, items: readonly T[], n: number): T[] {
  const out: T[] = [];
  const pool = [...items];
  while (out.length < n && pool.length > 0) out.push(pool.splice(ctx.rng.int(0, pool.length - 1), 1)[0]!);
  return out;
}

/** Agent in the pickup / park / privacy shape: names, email and a `numbers` array. */
export function agentWithNumbers(person: Obj, loc: LocInfo): Obj {
  const ext = String(person.extension ?? "");
  const num: Obj = { external: workNumber(person) ?? "", extension: ext, routingPrefix: loc.routingPrefix };
  num.esn = loc.routingPrefix + ext;
  num.primary = "true";
  return {
    id: person.id,
    firstName: person.firstName,
    lastName: person.lastName,
    displayName: person.displayName,
    type: "PEOPLE",
    email: (person.emails as string[] | undefined)?.[0],
    numbers: [num],
  };
}

export function generateCallingFeatures(ctx: GenCtx): void {
  if (ctx.lean) return;
  const { org, rng } = ctx;
  for (const loc of ctx.locs) {
    const common = { locationName: loc.name, locationId: loc.id };
    const business = `${loc.name} Business Hours`;
    const holidays = `${loc.name} Holidays`;
    org.collections.schedules.add({
      id: webexId("SCHEDULE", base64NoPad(business)),
      name: business,
      type: "businessHours",
      ...common,
      events: [
        {
          id: webexId("SCHEDULE_EVENT", base64NoPad("Weekdays")),
          name: "Weekdays",
          startDate: "2024-01-01",
          endDate: "2024-01-01",
          startTime: "09:00",
          endTime: "17:00",
          allDayEnabled: false,
          recurrence: {
            recurForEver: true,
            recurWeekly: {
              sunday: false,
              monday: true,
              tuesday: true,
              wednesday: true,
              thursday: true,
              friday: true,
              saturday: false,
            },
          },
        },
      ],
    });
    org.collections.schedules.add({
      id: webexId("SCHEDULE", base64NoPad(holidays)),
      name: holidays,
      type: "holidays",
      ...common,
      events: [
        ["New Year's Day", "2024-01-01", "JANUARY", 1],
        ["Independence Day", "2024-07-04", "JULY", 4],
        ["Christmas Day", "2024-12-25", "DECEMBER", 25],
      ].map(([name, date, month, day]) => ({
        id: webexId("SCHEDULE_EVENT", base64NoPad(String(name))),
        name,
        startDate: date,
        endDate: date,
        allDayEnabled: true,
        recurrence: { recurForEver: true, recurYearlyByDate: { dayOfMonth: day, month } },
      })),
    });

    const hgCount = loc.people.length > 60 ? 2 : 1;
    for (let h = 0; h < hgCount; h++) {
      const name = h === 0 ? `${loc.name} Sales` : `${loc.name} Support`;
      const id = webexId(
        "HUNT_GROUP",
        base64NoPad(`${rng.token(10)}@${loc.routingPrefix}.int10.bcld.webex.com`),
      );
      const phoneNumber = nextDid(loc);
      const extension = nextExt(loc, 7000);
      const agents = sample(ctx, loc.people, Math.min(loc.people.length, rng.int(2, 6))).map((p) => ({
        id: p.id,
        firstName: p.firstName,
        lastName: p.lastName,
        type: "PEOPLE",
        phoneNumber: workNumber(p),
        extension: p.extension,
        routingPrefix: loc.routingPrefix,
        esn: loc.routingPrefix + String(p.extension),
        weight: "",
      }));
      org.collections.huntGroups.add({
        id,
        name,
        ...common,
        phoneNumber,
        extension,
        routingPrefix: loc.routingPrefix,
        esn: loc.routingPrefix + extension,
        enabled: true,
        distinctiveRing: false,
        alternateNumbers: [],
        language: "English",
        languageCode: "en_us",
        firstName: name,
        lastName: ".",
        timeZone: loc.city.timeZone,
        callPolicies: {
          policy: rng.pick(["CIRCULAR", "REGULAR", "SIMULTANEOUS", "UNIFORM"]),
          waitingEnabled: false,
          groupBusyEnabled: false,
          allowMembersToControlGroupBusyEnabled: false,
          noAnswer: {
            nextAgentEnabled: false,
            nextAgentRings: 5,
            forwardEnabled: false,
            numberOfRings: 15,
            systemMaxNumberOfRings: 20,
            destinationVoicemailEnabled: false,
          },
          busyRedirect: { enabled: false, destinationVoicemailEnabled: false },
          businessContinuityRedirect: { enabled: false, destinationVoicemailEnabled: false },
        },
        agents,
        huntGroupCallerIdForOutgoingCallsEnabled: false,
        directLineCallerIdName: { selection: "DISPLAY_NAME" },
        dialByName: name,
      });
      addNumber(ctx, loc, {
        phoneNumber,
        extension,
        owner: { id, type: "HUNT_GROUP", firstName: name, lastName: "." },
      });
    }

    const aaName = `${loc.name} Main Line`;
    const aaId = webexId("AUTO_ATTENDANT", base64NoPad(`${rng.token(10)}@flex2.cisco.com`));
    const aaNumber = nextDid(loc);
    const aaExt = nextExt(loc, 7100);
    const menu = (exit: string) => ({
      greeting: "DEFAULT",
      extensionEnabled: true,
      keyConfigurations: [
        { key: "0", action: "TRANSFER_TO_OPERATOR", value: loc.mainNumber },
        { key: "1", action: "EXTENSION_DIALING" },
        { key: "*", action: exit },
      ],
    });
    org.collections.autoAttendants.add({
      id: aaId,
      name: aaName,
      ...common,
      enabled: true,
      phoneNumber: aaNumber,
      extension: aaExt,
      routingPrefix: loc.routingPrefix,
      esn: loc.routingPrefix + aaExt,
      tollFreeNumber: false,
      firstName: aaName,
      lastName: ".",
      alternateNumbers: [],
      language: "English",
      languageCode: "en_us",
      businessSchedule: business,
      holidaySchedule: holidays,
      extensionDialing: "ENTERPRISE",
      nameDialing: "ENTERPRISE",
      timeZone: loc.city.timeZone,
      businessHoursMenu: menu("REPEAT_MENU"),
      afterHoursMenu: menu("EXIT"),
      directLineCallerIdName: { selection: "DISPLAY_NAME" },
      dialByName: aaName,
    });
    addNumber(ctx, loc, {
      phoneNumber: aaNumber,
      extension: aaExt,
      owner: { id: aaId, type: "AUTO_ATTENDANT", firstName: aaName, lastName: "." },
    });

    org.collections.announcements.add({
      id: webexId("ANNOUNCEMENT", rng.uuid()),
      name: `${loc.name} Greeting`,
      fileName: `${loc.name.replaceAll(" ", "_")}_greeting.wav`,
      fileSize: String(rng.int(100, 900)),
      mediaFileType: "WAV",
      lastUpdated: isoDaysAgo(ctx, 300).replace("T", " ").slice(0, 19),
      level: "LOCATION",
      location: { id: loc.id, name: loc.name },
      isTextToSpeech: false,
      featureReferenceCount: 1,
      featureReferences: [
        { id: aaId, name: aaName, type: "Auto Attendant", locationId: loc.id, locationName: loc.name },
      ],
    });

    const pickupName = `${loc.name} Pickup`;
    org.collections.callPickups.add({
      name: pickupName,
      id: webexId("CALL_PICKUP", base64NoPad(pickupName)),
      ...common,
      notificationType: "NONE",
      notificationDelayTimerSeconds: 6,
      agents: sample(ctx, loc.people, Math.min(loc.people.length, 4)).map((p) => agentWithNumbers(p, loc)),
    });

    const parkExtensions: Obj[] = [];
    for (let k = 0; k < 2; k++) {
      const extension = nextExt(loc, 7200);
      const cpe = {
        id: webexId("CALL_PARK_EXTENSION", rng.uuid()),
        extension,
        routingPrefix: loc.routingPrefix,
        esn: loc.routingPrefix + extension,
        name: `${loc.name} Park ${k + 1}`,
        ...common,
      };
      org.collections.callParkExtensions.add(cpe);
      parkExtensions.push({ id: cpe.id, extension, name: cpe.name });
    }
    const parkName = `${loc.name} Park`;
    const hg = org.collections.huntGroups.items.find((h) => h.locationId === loc.id);
    org.collections.callParks.add({
      name: parkName,
      id: webexId("CALL_PARK", base64NoPad(parkName)),
      ...common,
      recall: { huntGroupId: hg?.id, huntGroupName: hg?.name, option: "ALERT_PARKING_USER_ONLY" },
      agents: sample(ctx, loc.people, Math.min(loc.people.length, 3)).map((p) => agentWithNumbers(p, loc)),
      parkOnAgentsEnabled: false,
      callParkExtensions: parkExtensions,
    });
  }
  for (const name of ["Corporate Greeting", "Hold Music"]) {
    org.collections.announcements.add({
      id: webexId("ANNOUNCEMENT", rng.uuid()),
      name,
      fileName: `${name.replaceAll(" ", "_")}.wav`,
      fileSize: String(rng.int(100, 900)),
      mediaFileType: "WAV",
      lastUpdated: isoDaysAgo(ctx, 300).replace("T", " ").slice(0, 19),
      level: "ORGANIZATION",
      isTextToSpeech: false,
      featureReferenceCount: 0,
      featureReferences: [],
    });
  }
}
