import { z } from "zod";

/** The parts of `GET /people/me` wxsync relies on: who authorized, and in which org. */
export const personMeSchema = z.looseObject({
  id: z.string(),
  orgId: z.string(),
  emails: z.array(z.string()).optional(),
  displayName: z.string().optional(),
});

export type PersonMe = z.infer<typeof personMeSchema>;

export const organizationSchema = z.looseObject({
  id: z.string(),
  displayName: z.string().optional(),
  created: z.string().optional(),
});
export const organizationListSchema = z.object({ items: z.array(organizationSchema) });
