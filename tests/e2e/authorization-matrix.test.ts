/**
 * Authorization matrix: every route in the route manifest of the production build is requested
 * (loader by GET, action by POST) as every role, with real objects of the database. A route without an
 * entry in ACCESS fails the test, so a new route is covered the moment it is added.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { ServerBuild } from "react-router";
import { baseUrl, e2eDb } from "../helpers/e2e";
import { createSessionCookie } from "../helpers/factories";
import { ACCESS, ROLES, createAccessFixtures, type Fixtures, type Role, allowedRoles } from "./access-rules";

type RouteInfo = { id: string; pattern: string; hasLoader: boolean; hasAction: boolean; isResource: boolean };

async function routeManifest(): Promise<RouteInfo[]> {
  const build = (await import(pathToFileURL(path.resolve("build/server/index.js")).href)) as ServerBuild;
  const fullPath = (id: string): string => {
    const r = build.routes[id]!;
    const parent = r.parentId ? fullPath(r.parentId) : "";
    return r.path ? `${parent.replace(/\/$/, "")}/${r.path}` : parent || "/";
  };
  return Object.values(build.routes)
    .filter((r): r is NonNullable<typeof r> => r !== undefined && r.id !== "root")
    .map((r) => ({
      id: r.id,
      pattern: fullPath(r.id),
      hasLoader: typeof r.module.loader === "function",
      hasAction: typeof r.module.action === "function",
      isResource: typeof r.module.default !== "function",
    }));
}

let fixtures: Fixtures;
const cookies = {} as Record<Role, string | null>;
let routes: RouteInfo[];

beforeAll(async () => {
  routes = await routeManifest();
  const db = e2eDb();
  const setup = await createAccessFixtures(db);
  fixtures = setup.fixtures;
  const sessionFor = setup.sessionFor;
  for (const role of ROLES) {
    const id = sessionFor[role];
    cookies[role] = id === null ? null : (await createSessionCookie(db, id)).header;
  }
});

function isDenied(res: Response) {
  if ([401, 403, 404].includes(res.status)) return true;
  const location = res.headers.get("location") ?? "";
  return res.status >= 300 && res.status < 400 && (location.startsWith("/login") || location.startsWith("/signup"));
}

describe("authorization matrix", () => {
  it("has an access rule for every route of the app", () => {
    const missing = routes.filter((r) => !(r.id in ACCESS.rules)).map((r) => `${r.id} (${r.pattern})`);
    expect(missing, "Add these routes to tests/e2e/access-rules.ts").toEqual([]);
  });

  it("gives data or success only to the roles that may have it", async () => {
    const failures: string[] = [];
    let checks = 0;
    for (const route of routes) {
      const rule = ACCESS.rules[route.id];
      if (!rule || rule.skip) continue;
      const url = rule.url(fixtures);
      for (const role of ROLES) {
        const headers: Record<string, string> = {};
        if (cookies[role]) headers.Cookie = cookies[role]!;
        const requests: { method: string; res: () => Promise<Response> }[] = [];
        if (route.hasLoader && !rule.actionOnly) {
          requests.push({ method: "GET", res: () => fetch(baseUrl() + url, { headers, redirect: "manual" }) });
        }
        if (route.hasAction && !rule.noActionProbe) {
          requests.push({
            method: "POST",
            res: () =>
              fetch(baseUrl() + url, {
                method: "POST",
                headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
                body: rule.probeBody ?? "",
                redirect: "manual",
              }),
          });
        }
        for (const { method, res } of requests) {
          const response = await res();
          checks++;
          const denied = isDenied(response);
          const allowed = allowedRoles(method === "POST" && rule.postAccess ? rule.postAccess : rule.access);
          const shouldBeDenied = !allowed.includes(role);
          if (response.status >= 500) failures.push(`${method} ${url} as ${role}: ${response.status}`);
          else if (shouldBeDenied && !denied) failures.push(`${method} ${url} as ${role}: got ${response.status}, expected 401/403/404 or /login`);
          else if (!shouldBeDenied && denied && !rule.allowDeniedForAllowed) failures.push(`${method} ${url} as ${role}: denied (${response.status}) but should be allowed`);
          await response.body?.cancel();
        }
      }
    }
    console.info(`authorization matrix: ${routes.length} routes × ${ROLES.length} roles, ${checks} requests checked`);
    expect(failures).toEqual([]);
  });
});
