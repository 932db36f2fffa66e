/**
 * @module role-docs
 * Writes each route's required role into its OpenAPI description ("Needs the operator role."), read from
 * the `requireRole` middleware it runs, so the document and the reference page can't disagree with the code.
 */
import type { App } from "./app-env.ts";

type WithMiddleware = { middleware?: unknown; description?: string };

const roleOf = (middleware: unknown): string | undefined =>
  (Array.isArray(middleware) ? middleware : [middleware])
    .map((m) => (typeof m === "function" && "role" in m && typeof m.role === "string" ? m.role : undefined))
    .find(Boolean);

export function documentRoles(app: App): void {
  const register = app.openapi.bind(app);
  app.openapi = ((route: WithMiddleware, ...rest: unknown[]) => {
    const role = roleOf(route.middleware);
    const described = role
      ? {
          ...route,
          description: [route.description, `Needs the ${role} role (or a higher one).`]
            .filter(Boolean)
            .join(" "),
        }
      : route;
    return (register as (...args: unknown[]) => unknown)(described, ...rest);
  }) as App["openapi"];
}
