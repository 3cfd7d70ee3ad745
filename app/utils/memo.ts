/**
 * Results of pure work kept by key, at most `max` of them; the least recently used goes first. For output
 * that is costly to make and fully determined by its key: rendered Markdown, calendar feeds, chart SVG,
 * formatted dates. No server-only code: the browser uses it too (app/utils/time.ts).
 */
export function boundedMemo<V>(max: number) {
  const kept = new Map<string, V>(); // iteration order: least recently used first
  return {
    /** The kept value of `key`, or a new one from `make` when there is none or `usable` says it is stale. */
    get(key: string, make: () => V, usable?: (kept: V) => boolean): V {
      if (kept.has(key)) {
        const value = kept.get(key)!;
        kept.delete(key);
        if (!usable || usable(value)) {
          kept.set(key, value);
          return value;
        }
      }
      const value = make();
      kept.set(key, value);
      if (kept.size > max) kept.delete(kept.keys().next().value!);
      return value;
    },
    get size() {
      return kept.size;
    },
    clear() {
      kept.clear();
    },
  };
}
