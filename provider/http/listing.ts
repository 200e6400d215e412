/**
 * Reading a whole list through `page` / `per_page`, whatever the server makes of them.
 *
 * Buddy documents paging for some lists (pipelines) and not for a pipeline's actions, so a server may honour the
 * parameters, ignore them (the whole list on every page), cap `per_page` at its own size (20 whatever was asked),
 * or change the list between two pages (other creates running). The listing must be right and bounded in every case:
 * - every item once, by id (a page that repeats items, or a list that shifted, adds nothing twice);
 * - it stops on an empty page, on a page that brings no id not seen before (a server that ignores paging repeats
 *   what it sent: the second request shows it, whatever the list size), or on a page shorter than the longest one
 *   seen (the server's own page size, so a capped `per_page` is followed to the end);
 * - a first page is never taken as the last because it is shorter than `per_page`: a server that caps `per_page`
 *   below what was asked would lose the rest. One more request settles it.
 * So a listing ends at most one page after the last page that brought a new item, and never reads more than
 * `maxPages` pages: a server whose every page brings new ids is an error, not an endless loop.
 */

/** Reads one page (from 1); resolves to that page's items. */
export type PageReader<T> = (page: number, perPage: number) => Promise<T[]>;

interface ListingOptions<T> {
  perPage: number;
  /** Pages read at most; reaching it without an end is an error. */
  maxPages: number;
  /** The item's identity; items without one are told apart by their whole JSON text. */
  idOf: (item: T) => unknown;
  /** Names the list in the error, e.g. "GET /workspaces/.../actions". */
  label: string;
}

interface Listing<T> {
  items: T[];
  /** Pages read, i.e. requests made (retries inside one request not counted). */
  pages: number;
}

function keyOf<T>(item: T, idOf: (item: T) => unknown): string {
  const id = idOf(item);
  return id === undefined || id === null ? `json:${JSON.stringify(item)}` : `id:${String(id)}`;
}

export async function readAllPages<T>(read: PageReader<T>, opts: ListingOptions<T>): Promise<Listing<T>> {
  // Insertion order is the order first seen; a later copy of an item replaces the earlier one (it is fresher).
  const byId = new Map<string, T>();
  let longest = 0;
  for (let page = 1; page <= opts.maxPages; page++) {
    const list = await read(page, opts.perPage);
    if (list.length === 0) return { items: [...byId.values()], pages: page };
    let added = 0;
    for (const item of list) {
      const k = keyOf(item, opts.idOf);
      if (!byId.has(k)) added++;
      byId.set(k, item);
    }
    if (added === 0) return { items: [...byId.values()], pages: page };
    if (page > 1 && list.length < longest) return { items: [...byId.values()], pages: page };
    longest = Math.max(longest, list.length);
  }
  throw new Error(
    `${opts.label}: the list did not end after ${opts.maxPages} pages (${byId.size} distinct items, every page brought new ones); ` +
      `stopping rather than reading on`,
  );
}
