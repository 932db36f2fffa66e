import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createKey } from "../../test/helpers.ts";
import { parseEnv } from "../env.ts";
import worker from "../index.ts";

let admin: Record<string, string>;

beforeAll(async () => {
  admin = (await createKey("viewer")).headers;
});

/** `origin` asking the worker at `host`, as a browser's cross-origin request would. */
const ask = (host: string, origin: string, vars: Record<string, string | undefined>) =>
  worker.fetch(
    new Request(`https://${host}/api/v1/whoami`, { headers: { ...admin, origin } }),
    { ...env, ...vars } as unknown as Env,
    createExecutionContext(),
  );
const allowed = (res: Response) => res.headers.get("access-control-allow-origin");

describe("the worker's own origin", () => {
  it("is PUBLIC_ORIGIN for CORS, never the host a request names", async () => {
    const vars = { LOCAL_DEV: undefined, PUBLIC_ORIGIN: "https://wxsync.example.com" };
    expect(allowed(await ask("wxsync.example.com", "https://wxsync.example.com", vars))).toBe(
      "https://wxsync.example.com",
    );
    expect(allowed(await ask("attacker.example", "https://attacker.example", vars))).toBeNull();
  });

  it("is none at all in a deployed worker without PUBLIC_ORIGIN (the extension's origin still works)", async () => {
    const vars = { LOCAL_DEV: undefined };
    expect(allowed(await ask("attacker.example", "https://attacker.example", vars))).toBeNull();
    const extension = env.CORS_ORIGINS.split(",")[0]!;
    expect(allowed(await ask("attacker.example", extension, vars))).toBe(extension);
  });

  it("is the request's origin under LOCAL_DEV=1 only (npm start, the tests)", async () => {
    expect(allowed(await ask("127.0.0.1:8787", "https://127.0.0.1:8787", { LOCAL_DEV: "1" }))).toBe(
      "https://127.0.0.1:8787",
    );
  });

  it("refuses a PUBLIC_ORIGIN with a path, and a LOCAL_DEV that is not a yes or no", () => {
    const result = parseEnv({ ...env, PUBLIC_ORIGIN: "https://wxsync.example.com/app", LOCAL_DEV: "maybe" });
    expect(result.ok).toBe(false);
    const message = !result.ok ? result.message : "";
    expect(message).toContain("PUBLIC_ORIGIN must be an origin only");
    expect(message).toContain("LOCAL_DEV must be 1");
    expect(parseEnv({ ...env, PUBLIC_ORIGIN: "https://wxsync.example.com/" })).toMatchObject({
      ok: true,
      env: { PUBLIC_ORIGIN: "https://wxsync.example.com" },
    });
  });
});
