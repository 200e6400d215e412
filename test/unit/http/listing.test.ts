// readAllPages against every way a server may treat `page` / `per_page` (Buddy documents no paging for a pipeline's
// actions): each action once, and a bounded number of requests.
import * as assert from "assert";
import { PageReader, readAllPages } from "../../../provider/http/listing";

interface Item {
  id: number;
}

const items = (n: number, from = 1): Item[] => Array.from({ length: n }, (_, i) => ({ id: from + i }));

/** A server over a list that `grow` may change before each page is read. */
function server(
  list: Item[],
  mode: { ignorePaging?: boolean; cap?: number; grow?: (page: number, list: Item[]) => void } = {},
) {
  const calls: number[] = [];
  const read: PageReader<Item> = async (page, perPage) => {
    calls.push(page);
    mode.grow?.(page, list);
    if (mode.ignorePaging) return list.map((x) => ({ ...x }));
    const size = Math.min(perPage, mode.cap ?? Infinity);
    return list.slice((page - 1) * size, page * size).map((x) => ({ ...x }));
  };
  return { read, calls };
}

const opts = { perPage: 100, maxPages: 1000, idOf: (x: Item) => x.id, label: "GET /actions" };
const ids = (xs: Item[]): number[] => xs.map((x) => x.id);

describe("readAllPages: a listing that ends, whatever the server does with paging", () => {
  it("honoured paging: every page once, stops on the short page", async () => {
    const s = server(items(250));
    const r = await readAllPages(s.read, opts);
    assert.deepStrictEqual(ids(r.items), ids(items(250)));
    assert.deepStrictEqual(s.calls, [1, 2, 3]);
  });

  it("honoured paging, the list a multiple of per_page: stops on the empty page", async () => {
    const s = server(items(200));
    const r = await readAllPages(s.read, opts);
    assert.strictEqual(r.items.length, 200);
    assert.deepStrictEqual(s.calls, [1, 2, 3]);
  });

  it("an empty list: one request", async () => {
    const s = server([]);
    assert.deepStrictEqual((await readAllPages(s.read, opts)).items, []);
    assert.deepStrictEqual(s.calls, [1]);
  });

  it("paging ignored (the whole list on every page): two requests, each item once", async () => {
    const s = server(items(250), { ignorePaging: true });
    const r = await readAllPages(s.read, opts);
    assert.deepStrictEqual(ids(r.items), ids(items(250)));
    assert.deepStrictEqual(s.calls, [1, 2]);
  });

  it("paging ignored while the list grows between pages (sibling creates): ends one page after the last new item, no duplicates", async () => {
    // The case that made 10,000 requests: page 2 longer than page 1, every later page the same as page 2.
    const s = server(items(4), {
      ignorePaging: true,
      grow: (page, list) => {
        if (page === 2) list.push({ id: 5 });
      },
    });
    const r = await readAllPages(s.read, opts);
    assert.deepStrictEqual(ids(r.items), [1, 2, 3, 4, 5]);
    assert.deepStrictEqual(s.calls, [1, 2, 3]);
  });

  it("paging ignored while the list grows on every page for a while: still each id once, bounded by growth + 2", async () => {
    const s = server(items(3), {
      ignorePaging: true,
      grow: (page, list) => {
        if (page <= 6) list.push({ id: 100 + page });
      },
    });
    const r = await readAllPages(s.read, opts);
    assert.strictEqual(new Set(ids(r.items)).size, r.items.length);
    assert.strictEqual(r.items.length, 9);
    assert.strictEqual(s.calls.length, 7);
  });

  it("per_page capped by the server below what was asked: follows to the end (pages of 20 for 100 asked)", async () => {
    const s = server(items(205), { cap: 20 });
    const r = await readAllPages(s.read, opts);
    assert.deepStrictEqual(ids(r.items), ids(items(205)));
    assert.strictEqual(s.calls.length, 11, "10 full pages and the short one");
  });

  it("per_page capped, a first page shorter than asked is confirmed, not taken as the end", async () => {
    const s = server(items(20), { cap: 20 });
    const r = await readAllPages(s.read, opts);
    assert.strictEqual(r.items.length, 20);
    assert.deepStrictEqual(s.calls, [1, 2]);
  });

  it("capped per_page, exact multiple: at most actions / per_page + 2 requests", async () => {
    const s = server(items(200), { cap: 20 });
    await readAllPages(s.read, opts);
    assert.ok(s.calls.length <= 200 / 20 + 2, String(s.calls.length));
  });

  it("the list shifts between pages (an item inserted at the front): the repeated item is listed once", async () => {
    const s = server(items(150), {
      grow: (page, list) => {
        if (page === 2) list.unshift({ id: 999 });
      },
    });
    const r = await readAllPages(s.read, opts);
    const got = ids(r.items);
    assert.strictEqual(new Set(got).size, got.length, "no duplicates");
    for (const id of ids(items(150))) assert.ok(got.includes(id), `missing ${id}`);
  });

  it("a later copy of an item replaces the earlier one (fresher), keeping first-seen order", async () => {
    let n = 0;
    const read: PageReader<{ id: number; v: number }> = async (page) => {
      n++;
      return page === 1
        ? [
            { id: 1, v: 1 },
            { id: 2, v: 1 },
          ]
        : page === 2
          ? [
              { id: 2, v: 2 },
              { id: 3, v: 2 },
            ]
          : [];
    };
    const r = await readAllPages(read, { ...opts, perPage: 2, idOf: (x) => x.id });
    assert.deepStrictEqual(r.items, [
      { id: 1, v: 1 },
      { id: 2, v: 2 },
      { id: 3, v: 2 },
    ]);
    assert.strictEqual(n, 3);
  });

  it("a server whose every page brings new ids: an error after maxPages, not an endless loop", async () => {
    let next = 1;
    const read: PageReader<Item> = async () => items(5, (next += 5));
    await assert.rejects(
      readAllPages(read, { ...opts, maxPages: 50 }),
      /GET \/actions: the list did not end after 50 pages \(250 distinct items/,
    );
    assert.strictEqual(next, 1 + 5 * 50);
  });
});
