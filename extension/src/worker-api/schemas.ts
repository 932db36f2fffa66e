/**
 * @module worker-api/schemas
 * The shapes of the worker's answers the extension reads, checked with zod at the boundary. They follow the
 * worker's OpenAPI document (`/api/v1/openapi.json`); fields the extension does not use are let through.
 */
import { z } from "zod";

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const whoamiSchema = z.looseObject({
  keyId: z.string(),
  name: z.string(),
  role: z.enum(["viewer", "operator", "admin"]),
  scope: z.union([z.literal("all"), z.array(z.string())]),
});
export type Whoami = z.infer<typeof whoamiSchema>;

export const tokenHealthSchema = z.looseObject({
  status: z.string(),
  via: z.string().nullable().optional(),
  accessTokenExpiresAt: z.string().nullable().optional(),
  refreshTokenExpiresAt: z.string().nullable().optional(),
  refreshTokenDaysLeft: z.number().nullable().optional(),
});

export const customerSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  orgId: z.string(),
  orgUuid: z.string(),
  partnerId: z.string().nullable().optional(),
  tokenHealth: tokenHealthSchema,
  /** The newest sync run (older workers do not send it). */
  lastRun: z
    .looseObject({
      id: z.string(),
      status: z.string(),
      createdAt: z.string(),
      endedAt: z.string().nullable(),
    })
    .nullable()
    .optional(),
});
export type Customer = z.infer<typeof customerSchema>;

export const modelProgressSchema = z.looseObject({
  model: z.string(),
  status: z.string(),
  percent: z.number(),
  items: z.number(),
  added: z.number(),
  updated: z.number(),
  removed: z.number(),
  errors: z.array(z.looseObject({ message: z.string() })).default([]),
});

export const runSchema = z.looseObject({
  id: z.string(),
  customerId: z.string(),
  dataSyncName: z.string().nullable(),
  trigger: z.string(),
  status: z.string(),
  progress: z.number(),
  totals: z.object({ added: z.number(), updated: z.number(), removed: z.number(), unchanged: z.number() }),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  error: z.string().nullable(),
  models: z.array(modelProgressSchema),
});
export type Run = z.infer<typeof runSchema>;

export const changeSchema = z.looseObject({
  model: z.string(),
  itemId: z.string(),
  label: z.string().nullable(),
  kind: z.enum(["added", "updated", "removed"]),
  fields: z.array(z.looseObject({ path: z.string(), before: z.unknown(), after: z.unknown() })),
  at: z.string(),
});
export type Change = z.infer<typeof changeSchema>;

export const scheduleSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  nextRunAt: z.string().nullable(),
});

export const dataSyncSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  builtIn: z.enum(["all", "users", "devices"]).nullable(),
});

export const logEntrySchema = z.looseObject({
  id: z.number(),
  at: z.string(),
  level: z.string(),
  kind: z.string(),
  message: z.string(),
  customerId: z.string().nullable(),
  model: z.string().nullable(),
  webexStatus: z.number().nullable(),
  webexErrorCode: z.string().nullable(),
  webexTrackingId: z.string().nullable(),
});
export type LogEntry = z.infer<typeof logEntrySchema>;

export const licenceUsageSchema = z.looseObject({
  id: z.string(),
  name: z.string().nullable(),
  total: z.number().nullable(),
  consumed: z.number().nullable(),
  free: z.number().nullable(),
});
export type LicenceUsage = z.infer<typeof licenceUsageSchema>;

export const inventorySchema = z.looseObject({
  counts: z.object({
    total: z.number(),
    byStatus: z.record(z.string(), z.number()),
    byUsage: z.record(z.string(), z.number()),
  }),
});

export const partnerSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  tokenHealth: tokenHealthSchema.optional(),
});
export type Partner = z.infer<typeof partnerSchema>;

export const explainedErrorSchema = z.looseObject({
  code: z.number(),
  meaning: z.string(),
  action: z.string(),
});

export const enterpriseSchema = z.looseObject({
  id: z.string(),
  spEnterpriseId: z.string(),
  enabled: z.boolean(),
  cluster: z.string().nullable(),
  syncStatus: z.string().nullable(),
  lastSync: z.record(z.string(), z.unknown()).nullable(),
  errors: z.array(explainedErrorSchema),
  schedule: z.looseObject({ nextExpectedSyncAt: z.string().nullable(), overdue: z.boolean() }),
  contactWarnings: z.array(z.string()),
});
export type BwEnterprise = z.infer<typeof enterpriseSchema>;

export const bulkResultSchema = z.object({
  results: z.array(
    z.looseObject({ enterpriseId: z.string(), ok: z.boolean(), message: z.string().nullable() }),
  ),
});

export const jobSchema = z.looseObject({
  id: z.string(),
  status: z.string(),
  progress: z.object({
    total: z.number(),
    done: z.number(),
    failed: z.number(),
    running: z.number(),
    pending: z.number(),
    percent: z.number(),
  }),
  items: z.array(
    z.looseObject({
      enterpriseId: z.string(),
      spEnterpriseId: z.string(),
      state: z.string(),
      message: z.string().nullable(),
    }),
  ),
});
export type BwJob = z.infer<typeof jobSchema>;

/** A bulk SIP password rotation of a customer's partner-managed devices. */
export const sipRotationSchema = z.looseObject({
  id: z.string(),
  status: z.string(),
  message: z.string().nullable(),
  progress: z.object({
    total: z.number(),
    done: z.number(),
    failed: z.number(),
    remaining: z.number(),
    percent: z.number(),
  }),
});
export type SipRotation = z.infer<typeof sipRotationSchema>;

export const startedRunSchema = z.looseObject({ runId: z.string() });

export const refreshedSchema = z.object({ enterprises: z.number() });
