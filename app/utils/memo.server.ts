/**
 * Results of pure work kept by key, at most `max` of them; the least recently used goes first. For output
 * that is costly to make and fully determined by its key: rendered Markdown, calendar feeds, chart SVG.
 */
export function boundedMemo<V>(max: number) {
  const kept = new Map<string, V>(); // iteration order: least recently used first
  return {
    get(key: string, make: () => V): V {
      if (kept.has(key)) {
        const value = kept.get(key)!;
        kept.delete(key);
        kept.set(key, value);
        return value;
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
