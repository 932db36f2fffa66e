/**
 * Sends a generated request through the worker and judges the answer: no 5xx, every 4xx in the error
 * envelope, and a 400 for a deliberate fault says where the fault is.
 */
import { errorCodes } from "@wxsync/core/errors";
import { z } from "zod";
import { call } from "../helpers.ts";
import type { FuzzRequest } from "./generate.ts";

const Envelope = z.strictObject({
  error: z.strictObject({
    code: z.enum(errorCodes),
    message: z.string().min(1),
    requestId: z.string().min(1),
  }),
});

export type Outcome = { request: FuzzRequest; status: number; problem: string | null };

function url(request: FuzzRequest) {
  const query = new URLSearchParams(request.query).toString();
  return query ? `${request.path}?${query}` : request.path;
}

const cut = (text: string, max = 300) =>
  text.length > max ? `${text.slice(0, max)}… (${text.length})` : text;

function bodyText(body: FuzzRequest["body"]) {
  if (body === undefined) return "(none)";
  if (typeof body === "string") return cut(body);
  return `bytes ${cut(new TextDecoder().decode(body))}`;
}

/** Everything needed to replay a request by hand. */
function replayable(request: FuzzRequest, status: number, response: string) {
  return [
    `${request.method} ${cut(url(request), 400)} -> ${status}`,
    `  fault: ${request.mutation}`,
    `  content-type: ${request.headers["content-type"] ?? "(none)"}`,
    `  body: ${bodyText(request.body)}`,
    `  response: ${cut(response)}`,
  ].join("\n");
}

/**
 * Whether `message` names the field at `fault`: the full label (`query.limit`, `body.tokens.expires_in`),
 * or, for a parameter, its bare name as a field (`limit:`, `"limit"`). An unknown body field is named by
 * its parent and its key in quotes.
 */
function namesField(message: string, fault: string) {
  if (message.includes(fault)) return true;
  const [where, ...rest] = fault.split(".");
  const last = rest.at(-1);
  if (!last) return false;
  if (where === "path" || where === "query") {
    return [`${last}:`, `"${last}"`, `\`${last}\``].some((named) => message.includes(named));
  }
  const parent = [where, ...rest.slice(0, -1)].join(".");
  return message.includes(parent) && message.includes(`"${last}"`);
}

function judge(request: FuzzRequest, res: Response, text: string): string | null {
  if (res.status >= 500) return "server error";
  if (res.status < 400) return null;
  const type = res.headers.get("content-type") ?? "(none)";
  const documented = request.responses[String(res.status)] ?? [];
  // A status the document promises in another media type only (a page for a browser) is held to that.
  if (documented.length && !documented.some((t) => t.includes("json"))) {
    return documented.some((t) => type.startsWith(t)) ? null : `4xx answered as ${type}, not ${documented}`;
  }
  if (!type.startsWith("application/json")) return `4xx answered as ${type}`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return "4xx body is not JSON";
  }
  const envelope = Envelope.safeParse(json);
  if (!envelope.success) return `4xx outside the error envelope: ${z.prettifyError(envelope.error)}`;
  if (res.status === 400 && request.fault) {
    const { message } = envelope.data.error;
    const named = [request.fault, ...request.extras.map((e) => `query.${e}`)];
    if (!named.some((field) => namesField(message, field))) return `400 does not name ${request.fault}`;
  }
  return null;
}

export async function send(request: FuzzRequest, auth: Record<string, string>): Promise<Outcome> {
  const res = await call(url(request), {
    method: request.method,
    headers: { ...auth, ...request.headers },
    body: request.body,
    redirect: "manual",
  });
  const text = await res.text();
  const problem = judge(request, res, text);
  return {
    request,
    status: res.status,
    problem: problem && `${problem}\n${replayable(request, res.status, text)}`,
  };
}
