import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchConditionally } from "../../../src/ingest/sources/fetch-conditionally.ts";

describe("fetching a page with a size limit", () => {
  let url: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    // Streams 3 MB in chunks without a content-length, as a misbehaving (or hostile) server may.
    const server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      let sent = 0;
      const more = () => {
        while (sent < 3 * 2 ** 20) {
          sent += 64 * 1024;
          if (!res.write(Buffer.alloc(64 * 1024, 97))) return void res.once("drain", more);
        }
        res.end();
      };
      more();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/big`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  afterAll(() => close());

  it("stops reading a body without a declared length as soon as it passes the limit", async () => {
    const outcome = await fetchConditionally(url, { userAgent: "DocentBot", timeoutMs: 5000, maxBytes: 2 ** 20 });
    expect(outcome).toMatchObject({ status: "failed", error: "larger than 1 MB" });
  });

  it("reads it whole when it fits", async () => {
    const outcome = await fetchConditionally(url, { userAgent: "DocentBot", timeoutMs: 5000, maxBytes: 4 * 2 ** 20 });
    expect(outcome.status).toBe("fetched");
    expect(outcome.status === "fetched" && outcome.bytes.length).toBe(3 * 2 ** 20);
  });
});
