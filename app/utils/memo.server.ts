/**
 * Results of pure work kept by key, at most `max` of them (the oldest entry goes first). For output that
 * is costly to make and fully determined by its key: rendered Markdown, built calendar feeds.
 */
export function boundedMemo<V>(max: number) {
  const kept = new Map<string, V>();
  return {
    get(key: string, make: () => V): V {
      if (kept.has(key)) return kept.get(key)!;
      const value = make();
      if (kept.size >= max) kept.delete(kept.keys().next().value!);
      kept.set(key, value);
      return value;
    },
    get size() {
      return kept.size;
    },
  };
}
