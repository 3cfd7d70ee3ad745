import { createRequire } from "node:module";
import { afterEach, describe, expect, it } from "vitest";

// The server (Node, CommonJS) build of @remix-run/router, which patches/@remix-run+router+1.23.3.patch changes.
const router = createRequire(import.meta.url)("@remix-run/router") as typeof import("@remix-run/router");
const NativeRegExp = RegExp;

/** Counts `new RegExp(...)` calls made while `run` runs (compilePath looks RegExp up globally). */
function regExpsBuiltBy(run: () => void) {
  let built = 0;
  globalThis.RegExp = new Proxy(NativeRegExp, {
    construct(target, args) {
      built++;
      return Reflect.construct(target, args);
    },
  });
  try {
    run();
  } finally {
    globalThis.RegExp = NativeRegExp;
  }
  return built;
}

describe("@remix-run/router patch: route paths compile once, route trees flatten once", () => {
  afterEach(() => {
    globalThis.RegExp = NativeRegExp;
  });

  it("reuses the compiled pattern of a route path, with the same matches as before", () => {
    const pattern = { path: `/cohorts/:slug/evenings/:n/attendance-${Date.now()}`, caseSensitive: false, end: true };
    const url = (slug: string) => pattern.path.replace(":slug", slug).replace(":n", "3");
    let first: ReturnType<typeof router.matchPath> = null;
    expect(regExpsBuiltBy(() => (first = router.matchPath(pattern, url("a"))))).toBe(1);
    let second: ReturnType<typeof router.matchPath> = null;
    expect(regExpsBuiltBy(() => (second = router.matchPath(pattern, url("b"))))).toBe(0);
    expect(first!.params).toEqual({ slug: "a", n: "3" });
    expect(second!.params).toEqual({ slug: "b", n: "3" });
    expect(router.matchPath(pattern, "/cohorts/a/evenings")).toBeNull();
    // The same path matched to its end or as a prefix is compiled separately.
    expect(router.matchPath({ ...pattern, end: false }, `${url("c")}/more`)?.params).toEqual({ slug: "c", n: "3" });
    expect(router.matchPath(pattern, `${url("c")}/more`)).toBeNull();
  });

  it("matches a route tree as the unpatched router does", () => {
    const routes = [
      { id: "root", path: "", children: [
        { id: "index", index: true },
        { id: "cohort", path: "cohorts/:slug", children: [{ id: "cohort-index", index: true }, { id: "partners", path: "partners" }] },
        { id: "splat", path: "*" },
      ] },
    ];
    const ids = (path: string) => router.matchRoutes(routes, path)?.map((m) => m.route.id);
    for (let i = 0; i < 2; i++) {
      expect(ids("/")).toEqual(["root", "index"]);
      expect(ids("/cohorts/oslo-2027")).toEqual(["root", "cohort", "cohort-index"]);
      expect(ids("/cohorts/oslo-2027/partners")).toEqual(["root", "cohort", "partners"]);
      expect(ids("/COHORTS/oslo-2027/Partners")).toEqual(["root", "cohort", "partners"]);
      expect(ids("/nothing/here")).toEqual(["root", "splat"]);
    }
  });

  it("sees routes that lazy route discovery adds to a tree in place after the tree was matched", async () => {
    const browserLike = router
      .createRouter({
        history: router.createMemoryHistory({ initialEntries: ["/"] }),
        routes: [{ id: "root", path: "/", children: [{ id: "home", index: true }] }],
        patchRoutesOnNavigation: ({ path, patch }) => {
          if (path === "/network") patch("root", [{ id: "network", path: "network" }]);
        },
      })
      .initialize();
    expect(browserLike.state.matches.map((m) => m.route.id)).toEqual(["root", "home"]);
    await browserLike.navigate("/network");
    expect(browserLike.state.errors).toBeNull();
    expect(browserLike.state.matches.map((m) => m.route.id)).toEqual(["root", "network"]);
    browserLike.dispose();
  });
});
