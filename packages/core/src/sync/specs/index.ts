/**
 * @module sync/specs
 * How each model is read from Webex (REFERENCE §3), one file per area.
 */
import type { ModelName } from "../../models/catalog.ts";
import { DEVICE_DETAIL_SPECS } from "./device-details.ts";
import { DEVICES_SPECS } from "./devices.ts";
import { LOCATIONS_SPECS } from "./locations.ts";
import { ORG_SPECS } from "./org.ts";
import { PEOPLE_SPECS } from "./people.ts";
import type { ModelSpec } from "./shared.ts";
import { TELEPHONY_SPECS } from "./telephony.ts";

export { isPartnerOrCustomerManaged } from "./device-details.ts";
export * from "./shared.ts";

export const MODEL_SPECS: Record<ModelName, ModelSpec> = {
  ...ORG_SPECS,
  ...LOCATIONS_SPECS,
  ...PEOPLE_SPECS,
  ...DEVICES_SPECS,
  ...DEVICE_DETAIL_SPECS,
  ...TELEPHONY_SPECS,
};
