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

type CallOptions = { method?: "GET" | "POST" | "PATCH"; body?: unknown; okStatuses?: number[] };

export function createWorkerClient({ baseUrl, apiKey, fetch: fetchImpl = fetch }: WorkerClientOptions) {
  const root = baseUrl.replace(/\/+$/, "");
  const notConfigured = {
    ok: false as const,
    error: {
      kind: "not-configured" as const,
      message: "Set the wxsync worker URL in the extension's options.",
    },
  };

  /** Sends one request; a failure becomes a WorkerFailure, never an exception. */
  async function send(path: string, options: CallOptions, accept: string): Promise<WorkerResult<Response>> {
    if (!root) return notConfigured;
    const headers: Record<string, string> = { accept };
    if (apiKey) headers.authorization = `Bearer ${apiKey}`;
    if (options.body !== undefined) headers["content-type"] = "application/json";
    let res: Response;
    try {
      res = await fetchImpl(`${root}${path}`, {
        method: options.method ?? "GET",
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
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
    if (!(options.okStatuses ?? [200]).includes(res.status)) {
      const detail = await readErrorMessage(res);
      const kind: WorkerFailureKind =
        res.status === 401 ? "unauthorized" : res.status === 403 ? "forbidden" : "http";
      return {
        ok: false,
        error: { kind, status: res.status, message: detail ?? `The worker answered HTTP ${res.status}.` },
      };
    }
    return { ok: true, data: res };
  }

  async function call<S extends z.ZodType>(
    path: string,
    schema: S,
    options: CallOptions = {},
  ): Promise<WorkerResult<z.infer<S>>> {
    const sent = await send(path, options, "application/json");
    if (!sent.ok) return sent;
    let body: unknown;
    try {
      body = await sent.data.json();
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

  /** A CSV export: its text and the file name the worker gave it. */
  async function csv(path: string): Promise<WorkerResult<{ fileName: string; text: string }>> {
    const sent = await send(path, {}, "text/csv");
    if (!sent.ok) return sent;
    const disposition = sent.data.headers.get("content-disposition") ?? "";
    const encoded = disposition.match(/filename\*=UTF-8''([^;]+)/)?.[1];
    const plain = disposition.match(/filename="([^"]+)"/)?.[1];
    const fileName = encoded ? decodeURIComponent(encoded) : (plain ?? "wxsync-export.csv");
    return { ok: true, data: { fileName, text: await sent.data.text() } };
  }

  return {
    root,
    call,
    csv,
    /** 503 still carries a health body (database down), so it is a result, not a failure. */
    health: (): Promise<WorkerResult<Health>> =>
      call("/api/v1/health", healthSchema, { okStatuses: [200, 503] }),
  };
}

export type WorkerClient = ReturnType<typeof createWorkerClient>;
