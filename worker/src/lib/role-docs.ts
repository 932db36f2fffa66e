/**
 * @module role-docs
 * Writes each route's access rule into its OpenAPI description ("Needs the operator role."), read from the gate
 * middleware it runs (lib/access.ts), so the document and the reference page can't disagree with the code.
 * Routes under /api/v1/partners also say that they need a key for all customers (R3): their handlers refuse a
 * scoped key with 404, which no middleware marker carries.
 */
import { PARTNER_PATHS } from "./access.ts";
import type { App } from "./app-env.ts";

type WithMiddleware = { middleware?: unknown; description?: string; path?: string };
type Marked = { role: string; allCustomers?: unknown };

const gateOf = (middleware: unknown): Marked | undefined =>
  (Array.isArray(middleware) ? middleware : [middleware]).find(
    (m): m is Marked => typeof m === "function" && "role" in m && typeof m.role === "string",
  );

function accessSentences(route: WithMiddleware): string[] {
  const gate = gateOf(route.middleware);
  const sentences: string[] = [];
  if (gate?.allCustomers === true) {
    sentences.push(
      `Needs the ${gate.role} role and a key for all customers; a key scoped to some customers gets 403.`,
    );
  } else if (gate) {
    sentences.push(`Needs the ${gate.role} role (or a higher one).`);
  }
  if (route.path === PARTNER_PATHS || route.path?.startsWith(`${PARTNER_PATHS}/`)) {
    sentences.push(
      "Needs a key for all customers: to a key scoped to some customers, partners do not exist.",
    );
  }
  return sentences;
}

export function documentRoles(app: App): void {
  const register = app.openapi.bind(app);
  app.openapi = ((route: WithMiddleware, ...rest: unknown[]) => {
    const sentences = accessSentences(route);
    const described =
      sentences.length > 0
        ? { ...route, description: [route.description, ...sentences].filter(Boolean).join(" ") }
        : route;
    return (register as (...args: unknown[]) => unknown)(described, ...rest);
  }) as App["openapi"];
}
