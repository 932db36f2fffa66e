import type { Obj } from "./collection.ts";
import type { Org } from "./types.ts";

/** What a feature default needs to know about the person or workspace it belongs to. */
export type Line = {
  id: string;
  firstName: string;
  lastName: string;
  email?: string;
  did?: string;
  extension?: string;
  routingPrefix?: string;
  locationNumber?: string;
  locationName?: string;
};

/** A small deterministic number per entity, so defaults differ between people without being random. */
function hash(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return (h >>> 0) % 100;
}

const national = (e164?: string) => e164?.replace(/^\+1/, "");

const CALL_TYPES = [
  ["INTERNAL_CALL", "ALLOW"],
  ["TOLL_FREE", "ALLOW"],
  ["INTERNATIONAL", "BLOCK"],
  ["OPERATOR_ASSISTED", "ALLOW"],
  ["CHARGEABLE_DIRECTORY_ASSISTED", "BLOCK"],
  ["SPECIAL_SERVICES_I", "ALLOW"],
  ["SPECIAL_SERVICES_II", "ALLOW"],
  ["PREMIUM_SERVICES_I", "BLOCK"],
  ["PREMIUM_SERVICES_II", "BLOCK"],
  ["NATIONAL", "ALLOW"],
] as const;

/** Default call settings, in the shapes of the spec examples; keyed by feature path. */
export const FEATURE_DEFAULTS: Record<string, (l: Line) => Obj> = {
  callForwarding: (l) => {
    const always = hash(l.id) < 15;
    return {
      callForwarding: {
        always: always
          ? {
              enabled: true,
              destination: l.locationNumber ?? "",
              ringReminderEnabled: false,
              destinationVoicemailEnabled: false,
            }
          : { enabled: false, ringReminderEnabled: false, destinationVoicemailEnabled: false },
        busy: { enabled: false, destinationVoicemailEnabled: false },
        noAnswer: {
          enabled: false,
          numberOfRings: 3,
          systemMaxNumberOfRings: 20,
          destinationVoicemailEnabled: false,
        },
      },
      businessContinuity: { enabled: false, destinationVoicemailEnabled: false },
    };
  },
  callWaiting: (l) => ({ enabled: hash(l.id) >= 5 }),
  callerId: (l) => ({
    types: l.did ? ["DIRECT_LINE", "LOCATION_NUMBER", "CUSTOM"] : ["LOCATION_NUMBER", "CUSTOM"],
    selected: l.did ? "DIRECT_LINE" : "LOCATION_NUMBER",
    directNumber: national(l.did),
    extensionNumber: l.extension,
    locationNumber: l.locationNumber,
    tollFreeLocationNumber: false,
    firstName: l.firstName,
    lastName: l.lastName,
    blockInForwardCallsEnabled: false,
    externalCallerIdNamePolicy: "DIRECT_LINE",
    locationExternalCallerIdName: l.locationName,
    additionalExternalCallerIdDirectLineEnabled: false,
    additionalExternalCallerIdLocationNumberEnabled: false,
    directLineCallerIdName: { selection: "DISPLAY_NAME" },
    dialByFirstName: l.firstName,
    dialByLastName: l.lastName,
  }),
  doNotDisturb: (l) => ({
    enabled: hash(l.id) % 10 === 3,
    ringSplashEnabled: false,
    webexGoOverrideEnabled: false,
  }),
  voicemail: (l) => ({
    enabled: hash(l.id) < 90,
    sendAllCalls: { enabled: false },
    sendBusyCalls: { enabled: true, greeting: "DEFAULT", greetingUploaded: false },
    sendUnansweredCalls: {
      enabled: true,
      greeting: "DEFAULT",
      greetingUploaded: false,
      numberOfRings: 3,
      systemMaxNumberOfRings: 20,
    },
    notifications: { enabled: !!l.email, destination: l.email },
    transferToNumber: { enabled: false },
    emailCopyOfMessage: { enabled: false, emailId: l.email },
    messageStorage: { mwiEnabled: true, storageType: "INTERNAL", externalEmail: l.email },
    faxMessage: { enabled: false },
    voiceMessageForwardingEnabled: false,
  }),
  numbers: (l) => ({
    distinctiveRingEnabled: true,
    phoneNumbers: [
      {
        primary: true,
        directNumber: national(l.did),
        extension: l.extension,
        routingPrefix: l.routingPrefix,
        esn: l.routingPrefix && l.extension ? l.routingPrefix + l.extension : undefined,
        ringPattern: "NORMAL",
      },
    ],
  }),
  incomingPermission: () => ({
    useCustomEnabled: false,
    externalTransfer: "ALLOW_ALL_EXTERNAL",
    internalCallsEnabled: true,
    collectCallsEnabled: true,
  }),
  outgoingPermission: (l) => ({
    useCustomEnabled: hash(l.id) < 10,
    useCustomPermissions: hash(l.id) < 10,
    callingPermissions: CALL_TYPES.map(([callType, action]) => ({
      callType,
      action,
      transferEnabled: action === "ALLOW",
      isCallTypeRestrictionEnabled: false,
    })),
  }),
  intercept: () => ({
    enabled: false,
    incoming: {
      type: "INTERCEPT_ALL",
      voicemailEnabled: false,
      announcements: { greeting: "DEFAULT", newNumber: { enabled: false }, zeroTransfer: { enabled: false } },
    },
    outgoing: { type: "INTERCEPT_ALL", transferEnabled: false },
  }),
  privacy: () => ({
    aaExtensionDialingEnabled: true,
    aaNamingDialingEnabled: true,
    enablePhoneStatusDirectoryPrivacy: false,
    enablePhoneStatusPickupBargeInPrivacy: false,
    monitoringAgents: [],
  }),
  bargeIn: () => ({ enabled: false, toneEnabled: true }),
  hoteling: () => ({ enabled: false }),
  monitoring: () => ({ callParkNotificationEnabled: false, monitoredElements: [] }),
  anonymousCallReject: () => ({ enabled: false }),
  musicOnHold: () => ({ mohEnabled: true, mohLocationEnabled: true, greeting: "SYSTEM" }),
};

/** Features read and written per person under /people/{id}/features/. */
export const PERSON_FEATURES = [
  "callForwarding",
  "callWaiting",
  "callerId",
  "doNotDisturb",
  "voicemail",
  "numbers",
  "incomingPermission",
  "outgoingPermission",
  "intercept",
  "privacy",
  "bargeIn",
  "hoteling",
  "monitoring",
];
/** Workspace features under /workspaces/{id}/features/ and /telephony/config/workspaces/{id}/. */
export const WORKSPACE_FEATURES = [
  "callForwarding",
  "callWaiting",
  "callerId",
  "incomingPermission",
  "intercept",
  "monitoring",
  "numbers",
  "outgoingPermission",
];
export const WORKSPACE_TELEPHONY_FEATURES = [
  "doNotDisturb",
  "voicemail",
  "privacy",
  "bargeIn",
  "anonymousCallReject",
  "musicOnHold",
];

/** Deep merge for partial PUT bodies: objects merge, everything else (arrays included) replaces. */
export function merge(base: Obj, patch: Obj): Obj {
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    const old = out[k];
    const bothObjects =
      v &&
      old &&
      typeof v === "object" &&
      typeof old === "object" &&
      !Array.isArray(v) &&
      !Array.isArray(old);
    out[k] = bothObjects ? merge(old as Obj, v as Obj) : v;
  }
  return out;
}

export function readFeature(org: Org, line: Line, feature: string): Obj {
  const stored = org.features.get(line.id)?.get(feature);
  if (stored) return stored;
  const make = FEATURE_DEFAULTS[feature];
  if (!make) throw new Error(`no default for ${feature}`);
  return make(line);
}

export function writeFeature(org: Org, line: Line, feature: string, patch: Obj): void {
  const next = merge(readFeature(org, line, feature), patch);
  let perEntity = org.features.get(line.id);
  if (!perEntity) {
    perEntity = new Map();
    org.features.set(line.id, perEntity);
  }
  perEntity.set(feature, next);
}
