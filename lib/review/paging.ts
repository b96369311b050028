/**
 * One page of a long list: the page asked for (a number from the address bar, 1 when it is
 * not one, the last when past the end), the count of pages and the slice's bounds.
 */
export function pageOf(total: number, asked: string | undefined, size: number): { page: number; pages: number; from: number; to: number } {
  const pages = Math.max(1, Math.ceil(total / size));
  const n = /^\d{1,9}$/.test(asked ?? '') ? Number(asked) : 1;
  const page = Math.min(Math.max(1, n), pages);
  const from = (page - 1) * size;
  return { page, pages, from, to: Math.min(total, from + size) };
}
