import { z } from "@hono/zod-openapi";
import { DEFAULT_CALLING_BEHAVIOURS } from "./schema.ts";

// The OpenAPI generator writes a regex's flags into `pattern` ("…$/u"), which then matches nothing: DOMAIN
// spells out both cases instead of using /i, and NAME, which needs /u for \p{…}, documents its source.
const NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._&'()-]*$/u;
const DOMAIN = /^(?=.{1,253}$)([a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$/;

export const CustomerNameSchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(80, "must be at most 80 characters")
  .regex(NAME, "may contain letters, digits, spaces and . _ & ' ( ) -, starting with a letter or digit")
  .openapi({ pattern: NAME.source });

const fields = {
  name: CustomerNameSchema,
  organizationId: z.string().trim().min(1, "must not be empty").openapi({
    description:
      "The organization UUID from Control Hub's Account page, or the API's base64 organization id.",
  }),
  adminEmail: z.email({ error: "must be an email address" }).optional(),
  defaultCallingBehaviour: z.enum(DEFAULT_CALLING_BEHAVIOURS).optional(),
  emailDomain: z.string().trim().regex(DOMAIN, "must be a domain name such as example.com").optional(),
  dirsyncEnabled: z.boolean(),
  notes: z.string().max(4000, "must be at most 4000 characters").optional(),
  syncOnCreate: z
    .boolean()
    .openapi({ description: "Sync roles and licences as soon as the customer is connected." }),
};

export const CustomerCreateSchema = z
  .strictObject({
    ...fields,
    dirsyncEnabled: fields.dirsyncEnabled.default(false),
    syncOnCreate: fields.syncOnCreate.default(true),
  })
  .openapi("CustomerCreate");

export const CustomerPatchSchema = z
  .strictObject({
    name: fields.name.optional(),
    organizationId: fields.organizationId.optional(),
    adminEmail: fields.adminEmail.nullable(),
    defaultCallingBehaviour: fields.defaultCallingBehaviour.nullable(),
    emailDomain: fields.emailDomain.nullable(),
    dirsyncEnabled: fields.dirsyncEnabled.optional(),
    notes: fields.notes.nullable(),
    syncOnCreate: fields.syncOnCreate.optional(),
  })
  .openapi("CustomerPatch");
