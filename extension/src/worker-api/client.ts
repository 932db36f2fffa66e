/**
 * @module worker-api/client
 * The extension's only HTTP client for the wxsync worker. Every answer is parsed with zod here, at the
 * boundary, and every failure becomes a `WorkerFailure` whose message tells an administrator what to do.
 */
import { type Health, healthSchema } from "@wxsync/core/health";
import type { z } from "zod";

export type WorkerFailureKind =
  | "not-configured"
  | "unreachable"
  | "unauthorized"
  | "forbidden"
  | "http"
  | "invalid-response";
export type WorkerFailure = { kind: WorkerFailureKind; message: string; status?: number };
export type WorkerResult<T> = { ok: true; data: T } | { ok: false; error: WorkerFailure };

export type WorkerClientOptions = { baseUrl: string; apiKey?: string; fetch?: typeof fetch };

async function readErrorMessage(res: Response): Promise<string | undefined> {
  try {
    const body: unknown = await res.json();
    if (typeof body === "object" && body !== null && "error" in body) {
      const message = (body as { error: { message?: unknown } }).error?.message;
      return typeof message === "string" ? message : undefined;
    }
  } catch {
    // Not JSON: fall back to the status text.
  }
  return undefined;
}

export function createWorkerClient({ baseUrl, apiKey, fetch: fetchImpl = fetch }: WorkerClientOptions) {
  const root = baseUrl.replace(/\/+$/, "");

  async function call<S extends z.ZodType>(
    path: string,
    schema: S,
    okStatuses = [200],
  ): Promise<WorkerResult<z.infer<S>>> {
    if (!root)
      return {
        ok: false,
        error: { kind: "not-configured", message: "Set the wxsync worker URL in the extension's options." },
      };
    let res: Response;
    try {
      res = await fetchImpl(`${root}${path}`, {
        headers: apiKey
          ? { authorization: `Bearer ${apiKey}`, accept: "application/json" }
          : { accept: "application/json" },
      });
    } catch {
      return {
        ok: false,
        error: {
          kind: "unreachable",
          message: `Cannot reach the wxsync worker at ${root}. Is it running, and is the URL right?`,
        },
      };
    }
    if (!okStatuses.includes(res.status)) {
      const detail = await readErrorMessage(res);
      const kind: WorkerFailureKind =
        res.status === 401 ? "unauthorized" : res.status === 403 ? "forbidden" : "http";
      return {
        ok: false,
        error: { kind, status: res.status, message: detail ?? `The worker answered HTTP ${res.status}.` },
      };
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      return {
        ok: false,
        error: {
          kind: "invalid-response",
          message: `${root}${path} did not answer JSON: is this a wxsync worker?`,
        },
      };
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return {
        ok: false,
        error: {
          kind: "invalid-response",
          message: `Unexpected answer from ${path}: ${issue?.path.join(".")} ${issue?.message}`,
        },
      };
    }
    return { ok: true, data: parsed.data };
  }

  return {
    /** 503 still carries a health body (database down), so it is a result, not a failure. */
    health: (): Promise<WorkerResult<Health>> => call("/api/v1/health", healthSchema, [200, 503]),
  };
}

export type WorkerClient = ReturnType<typeof createWorkerClient>;
