import { describe, expect, it } from "vitest";
import { inArrivalOrder } from "./router-handler";

/** A stand-in for the router: every request stays in progress until the test finishes it. */
function heldRouter() {
  const started: string[] = [];
  const finish = new Map<string, () => void>();
  const handle = (request: Request) =>
    new Promise<Response>((resolve) => {
      const path = new URL(request.url).pathname;
      started.push(path);
      finish.set(path, () => resolve(new Response(path)));
    });
  return { started, finish: (path: string) => finish.get(path)!(), handle };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("inArrivalOrder", () => {
  it("works on at most the given number of requests at once and starts the rest in arrival order", async () => {
    const router = heldRouter();
    const handle = inArrivalOrder(router.handle, 2);
    const answers = ["/a", "/b", "/c", "/d"].map((path) => handle(new Request(`http://localhost${path}`), {}));
    await settle();
    expect(router.started).toEqual(["/a", "/b"]);

    router.finish("/b");
    await settle();
    expect(router.started).toEqual(["/a", "/b", "/c"]);
    expect(await (await answers[1])!.text()).toBe("/b");

    router.finish("/a");
    router.finish("/c");
    await settle();
    router.finish("/d");
    expect(await Promise.all([answers[0], answers[2], answers[3]].map(async (a) => (await a)?.text()))).toEqual(["/a", "/c", "/d"]);
  });

  it("drops a waiting request whose client has gone before its turn", async () => {
    const router = heldRouter();
    const handle = inArrivalOrder(router.handle, 1);
    const first = handle(new Request("http://localhost/first"), {});
    const gone = new AbortController();
    const second = handle(new Request("http://localhost/second", { signal: gone.signal }), {});
    const third = handle(new Request("http://localhost/third"), {});
    gone.abort();
    await settle();
    router.finish("/first");
    await first;
    await settle();
    expect(await second).toBeNull();
    expect(router.started).toEqual(["/first", "/third"]);
    router.finish("/third");
    expect(await (await third)!.text()).toBe("/third");
  });
});
