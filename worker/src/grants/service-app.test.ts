import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, createKey } from "../../test/helpers.ts";
import { createCustomer } from "../../test/sim.ts";

let admin: Record<string, string>;
let customerId: string;

beforeAll(async () => {
  admin = (await createKey("admin")).headers;
  customerId = (await createCustomer(admin, "Tokens Co", "0c9f7e4d-5b3a-4d2c-8e1f-6a7b8c9d0e1f")).id;
});

const tokens = {
  access_token: "a",
  refresh_token: "r",
  expires_in: 3600,
  refresh_token_expires_in: 7_776_000,
};

describe("PUT /api/v1/customers/{id}/service-app", () => {
  it.each([["+1"], ["3600"], [[1]], [1.5], [0]])(
    "refuses tokens.expires_in = %j, naming it, and stores nothing",
    async (expiresIn) => {
      const res = await call(`/api/v1/customers/${customerId}/service-app`, {
        method: "PUT",
        headers: { ...admin, "content-type": "application/json" },
        body: JSON.stringify({
          applicationId: "app",
          clientId: "client",
          clientSecret: "secret",
          tokens: { ...tokens, expires_in: expiresIn },
        }),
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({
        error: { code: "BAD_REQUEST", message: expect.stringContaining("body.tokens.expires_in") },
      });
      expect(await env.DB.prepare("SELECT count(*) AS n FROM webex_grants").first()).toEqual({ n: 0 });
    },
  );
});
