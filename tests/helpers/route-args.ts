import type { ActionFunctionArgs, LoaderFunctionArgs } from "react-router";

/**
 * The arguments React Router gives a loader or action, for tests that call one directly: the URL is the
 * request's, and no route pattern is matched.
 */
export function routeArgs(args: { request: Request; params: Record<string, string>; context: object }): LoaderFunctionArgs & ActionFunctionArgs {
  return { ...args, url: new URL(args.request.url), pattern: "" } as LoaderFunctionArgs & ActionFunctionArgs;
}
