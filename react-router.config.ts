import type { Config } from "@react-router/dev/config";

export default {
  ssr: true,
  // The whole route manifest goes out once, as a file the browser keeps (docs/decisions/017).
  routeDiscovery: { mode: "initial" },
} satisfies Config;
