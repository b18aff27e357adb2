import { describe, expect, it } from "vitest";
import { loadNotebook } from "../../../src/ingest/loaders/load-notebook.ts";

const notebook = (cells: object[], metadata: object = { kernelspec: { name: "python3", language: "python" } }) =>
  Buffer.from(JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata, cells }));
const cell = (cell_type: string, source: string | string[], extra: object = {}) => ({ cell_type, metadata: {}, source, ...extra });

describe("a Jupyter notebook", () => {
  it("reads as its Markdown cells and its code in the kernel's language, without the outputs", async () => {
    const loaded = await loadNotebook(
      notebook([
        cell("markdown", [
          "# Sales data\n",
          "\n",
          "The warehouse refreshes every night at 02:00 UTC.\n",
          "\n",
          "```{note}\n",
          "Ask #data-help before querying production.\n",
          "```",
        ]),
        cell("code", "df = read_sales()", { execution_count: 1, outputs: [{ output_type: "stream", name: "stdout", text: ["12 rows of numbers\n"] }] }),
        cell("code", [], { execution_count: null, outputs: [] }),
      ]),
      "sales.ipynb",
    );
    expect(loaded.markdown).toBe(
      "# Sales data\n\nThe warehouse refreshes every night at 02:00 UTC.\n\nAsk #data-help before querying production.\n\n```python\ndf = read_sales()\n```",
    );
    expect(loaded.title).toBeNull();
  });

  it("takes its title from a first raw cell of front matter, or else from the notebook's metadata", async () => {
    const withFrontMatter = notebook([cell("raw", "---\ntitle: Loading the sales data\n---\n"), cell("markdown", "Text.")]);
    expect((await loadNotebook(withFrontMatter, "sales.ipynb")).title).toBe("Loading the sales data");
    expect((await loadNotebook(notebook([cell("raw", "%%latex"), cell("markdown", "Text.")], { title: "Churn model" }), "churn.ipynb")).title).toBe(
      "Churn model",
    );
  });

  it("fails with the file's name when it is not a notebook", async () => {
    await expect(loadNotebook(Buffer.from("{not json"), "broken.ipynb")).rejects.toThrow(/could not read notebook broken\.ipynb: not valid JSON/);
    await expect(loadNotebook(Buffer.from('{"nbformat": 3, "worksheets": []}'), "old.ipynb")).rejects.toThrow(/old\.ipynb: it has no list of cells/);
  });
});
