import { z } from "zod";

/** What `GET /api/v1/health` answers. The worker serves it; the extension and the dev runner parse it. */
export const healthSchema = z.object({
  status: z.enum(["ok", "degraded"]),
  version: z.string(),
  database: z.enum(["ok", "error"]),
  /** When the cron trigger last ran, or null if it never has. */
  lastCronAt: z.string().nullable(),
});

export type Health = z.infer<typeof healthSchema>;
