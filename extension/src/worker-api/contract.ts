/**
 * @module worker-api/contract
 * Which schema of the worker's OpenAPI document each of the extension's answer schemas reads, so a test can
 * hold them to it: a field the extension needs that the worker no longer documents fails the build.
 */
import type { z } from "zod";
import {
  changeSchema,
  customerSchema,
  dataSyncSchema,
  enterpriseSchema,
  explainedErrorSchema,
  jobSchema,
  licenceUsageSchema,
  logEntrySchema,
  modelProgressSchema,
  partnerSchema,
  runSchema,
  scheduleSchema,
  sipRotationSchema,
  startedRunSchema,
  tokenHealthSchema,
  whoamiSchema,
} from "./schemas.ts";

export const CONTRACT: Record<string, z.ZodObject> = {
  Whoami: whoamiSchema,
  TokenHealth: tokenHealthSchema,
  Customer: customerSchema,
  ModelProgress: modelProgressSchema,
  Run: runSchema,
  RunStarted: startedRunSchema,
  Change: changeSchema,
  Schedule: scheduleSchema,
  DataSync: dataSyncSchema,
  LogEntry: logEntrySchema,
  LicenceUsage: licenceUsageSchema,
  Partner: partnerSchema,
  BroadWorksError: explainedErrorSchema,
  BroadWorksEnterprise: enterpriseSchema,
  BroadWorksJob: jobSchema,
  SipRotationJob: sipRotationSchema,
};

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  $ref?: string;
};

/** Fields the extension requires that the documented schema lacks or does not promise. */
export function contractGaps(
  name: string,
  schema: z.ZodObject,
  documented: JsonSchema | undefined,
): string[] {
  if (!documented?.properties) return [`${name}: not in the worker's OpenAPI document`];
  const gaps: string[] = [];
  for (const [field, zodField] of Object.entries(schema.shape)) {
    const optional = (zodField as z.ZodType).safeParse(undefined).success;
    if (!(field in documented.properties)) gaps.push(`${name}.${field}: not documented by the worker`);
    else if (!optional && !(documented.required ?? []).includes(field))
      gaps.push(`${name}.${field}: the extension needs it, the worker does not promise it`);
  }
  return gaps;
}
