/** The page to show of `total` items, `size` a page; a missing or out-of-range request gives the nearest page. */
export function pageWindow(total: number, requested: number | undefined, size: number) {
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(Math.max(1, Math.floor(requested ?? 1) || 1), pages);
  return { page, pages, limit: size, offset: (page - 1) * size };
}
