import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

// The CommonJS build of turbo-stream, which the server's @remix-run/server-runtime loads to send loader
// data, and which patches/turbo-stream+2.4.1.patch changes (docs/decisions/009).
const turboStream = createRequire(import.meta.url)("turbo-stream") as typeof import("turbo-stream");

async function encoded(value: unknown) {
  const reader = turboStream.encode(value).getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += decoder.decode(chunk.value, { stream: true });
  return text;
}

function decoded(text: string) {
  const bytes = new TextEncoder().encode(text);
  const stream = new ReadableStream<Uint8Array>({ start: (controller) => (controller.enqueue(bytes), controller.close()) });
  return turboStream.decode(stream).then((result) => result.value);
}

/** Every kind of value turbo-stream writes, with repeated strings, numbers and objects. */
function everyKind() {
  const shared = { id: 7, label: "delt" };
  return {
    text: "Tromsø «sitat» \"quote\" </script> \u2028", n: 0, neg: -0, nan: NaN, inf: Infinity, ninf: -Infinity,
    big: 12345678901234567890n, yes: true, no: false, nothing: null, undef: undefined,
    date: new Date(Date.UTC(2027, 0, 12, 17, 0)), url: new URL("https://knutepunkt.test/a?b=c"), re: /æ+/gi,
    set: new Set(["a", "b", "a"]), emptySet: new Set(), map: new Map<unknown, unknown>([["k", 1], [2, "v"]]), emptyMap: new Map(),
    error: new TypeError("feil"), nullProto: Object.assign(Object.create(null) as object, { x: 1 }), sym: Symbol.for("kp"),
    // eslint-disable-next-line no-sparse-arrays
    list: [1, "gp", "gp", , shared, shared, [shared, "physio"]],
    rows: [{ status: "confirmed", name: "A" }, { status: "confirmed", name: "B" }],
  };
}

// What unpatched turbo-stream 2.4.1 wrote for everyKind(), recorded before the patch.
const UNPATCHED_OUTPUT = "[{\"_1\":2,\"_3\":4,\"_5\":4,\"_6\":-2,\"_7\":-6,\"_8\":-3,\"_9\":10,\"_11\":12,\"_13\":14,\"_15\":-5,\"_16\":-7,\"_17\":18,\"_19\":20,\"_21\":22,\"_23\":24,\"_27\":28,\"_29\":30,\"_35\":36,\"_37\":38,\"_39\":40,\"_42\":43,\"_44\":45,\"_54\":55},\"text\",\"Tromsø «sitat» \\\"quote\\\" </script> \u2028\",\"n\",0,\"neg\",\"nan\",\"inf\",\"ninf\",\"big\",[\"B\",\"12345678901234567890\"],\"yes\",true,\"no\",false,\"nothing\",\"undef\",\"date\",[\"D\",1799773200000],\"url\",[\"U\",\"https://knutepunkt.test/a?b=c\"],\"re\",[\"R\",\"æ+\",\"gi\"],\"set\",[\"S\",25,26],\"a\",\"b\",\"emptySet\",[\"S\"],\"map\",[\"M\",31,32,33,34],\"k\",1,2,\"v\",\"emptyMap\",[\"M\"],\"error\",[\"E\",\"feil\",\"TypeError\"],\"nullProto\",[\"N\",{\"_41\":32}],\"x\",\"sym\",[\"Y\",\"kp\"],\"list\",[32,46,46,-1,47,47,52],\"gp\",{\"_48\":49,\"_50\":51},\"id\",7,\"label\",\"delt\",[47,53],\"physio\",\"rows\",[56,61],{\"_57\":58,\"_59\":60},\"status\",\"confirmed\",\"name\",\"A\",{\"_57\":58,\"_59\":62},\"B\"]\n";

/** Counts Array#join calls (a template literal with an array in it joins it) while `run` runs. */
async function joinsDuring(run: () => Promise<unknown>) {
  const join = Array.prototype.join;
  let calls = 0;
  Array.prototype.join = function (this: unknown[], separator?: string) {
    calls++;
    return join.call(this, separator);
  };
  try {
    await run();
  } finally {
    Array.prototype.join = join;
  }
  return calls;
}

describe("turbo-stream patch: loader data is encoded without an array per repeated value", () => {
  it("writes exactly what turbo-stream 2.4.1 wrote, and reads back the same values", async () => {
    const text = await encoded(everyKind());
    expect(text).toBe(UNPATCHED_OUTPUT);
    const back = (await decoded(text)) as ReturnType<typeof everyKind>;
    expect(back.list[4]).toBe(back.list[5]);
    expect(Object.is(back.neg, 0)).toBe(true); // turbo-stream finds -0 as the 0 it has seen (Map keys)
    expect({ ...back, nullProto: { ...back.nullProto }, neg: 0 }).toEqual({ ...everyKind(), nullProto: { x: 1 }, neg: 0 });
  });

  it("encodes a 60-row list with one join, not one per row and repeated key", async () => {
    const rows = Array.from({ length: 60 }, (_, i) => ({
      registrationId: i + 1,
      name: `Deltaker ${i}`,
      profession: i % 2 ? "gp" : "physio",
      municipality: i % 3 ? "Trondheim" : "Malvik",
      status: "confirmed",
      position: null,
    }));
    let text = "";
    const joins = await joinsDuring(async () => (text = await encoded({ rows })));
    expect(joins).toBe(1); // the whole message, once (unpatched: 591)
    expect(await decoded(text)).toEqual({ rows });
  });
});
