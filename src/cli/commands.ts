import type { CliContext } from "./cli-context.ts";
import { MANIFEST_VERSION } from "../../adapters/teams/manifest-version.ts";

export type CommandRun = (args: string[], context: CliContext) => Promise<number>;

export interface CommandSpec {
  name: string;
  summary: string;
  usage: string;
  /** The command's code, imported only when it runs: `docent --help` loads none of it. */
  load(): Promise<CommandRun>;
}

/** Every `docent` command: what `--help` prints, and where its code is. */
export const COMMANDS: CommandSpec[] = [
  {
    name: "serve",
    summary: "run the server: Slack, Teams and the web playground (npm start)",
    usage: `Usage: docent serve [options]

Serves every configured platform on one port: /slack/events (Slack), /api/messages (Teams),
/ (the playground) and /healthz. Indexes the configured sources first if the index is empty.

Options:
  --port N            port (default: $PORT or 3000)
  --db DIR            index location (default: $DOCENT_DB or ./data/lancedb)
  -h, --help          show this help`,
    load: async () => (await import("./serve-command.ts")).serveCommand,
  },
  {
    name: "ingest",
    summary: "sync documents into the index (incremental; --full rebuilds)",
    usage: `Usage: docent ingest [DIR...] [options]

Syncs documents into the index: new and changed documents are indexed, removed ones deleted,
unchanged ones skipped. Without DIR, syncs the sources of the config file (default: ./knowledge).

Options:
  --collection NAME   collection for the documents of DIR (default: "default")
  --base-url URL      citation links are URL followed by each file's path
  --include GLOB      only files matching GLOB, relative to DIR (repeatable)
  --exclude GLOB      skip files matching GLOB (repeatable)
  --db DIR            index location (default: $DOCENT_DB or ./data/lancedb)
  --full              re-index every document, changed or not
  --json              print the summary as JSON
  -h, --help          show this help`,
    load: async () => (await import("./ingest-command.ts")).ingestCommand,
  },
  {
    name: "search",
    summary: "show the passages retrieved for a query",
    usage: `Usage: docent search "QUERY" [options]

Options:
  --k N               number of results (default 5)
  --collection NAME   search only this collection (repeatable)
  --as EMAIL          search as this person in a direct message: their restricted documents too
                      (default: as a channel, only documents everyone may read)
  --db DIR            index location (default: $DOCENT_DB or ./data/lancedb)
  --json              machine-readable output
  -h, --help          show this help`,
    load: async () => (await import("./search-command.ts")).searchCommand,
  },
  {
    name: "ask",
    summary: "answer a question from the index, with citations",
    usage: `Usage: docent ask "QUESTION" [options]

Runs the whole pipeline: retrieval, the answer (a configured LLM, else extractive), citation checks.

Options:
  --collection NAME   answer only from this collection (repeatable; default: the "default" scope)
  --as EMAIL          answer as in a direct message with this person: their restricted documents too
                      (default: as in a channel, only documents everyone may read)
  --db DIR            index location (default: $DOCENT_DB or ./data/lancedb)
  --json              machine-readable output
  -h, --help          show this help`,
    load: async () => (await import("./ask-command.ts")).askCommand,
  },
  {
    name: "eval",
    summary: "measure retrieval (hit@k, recall@k, MRR, nDCG, answer-in-top-k) and, with --answers, the answers",
    usage: `Usage: docent eval FILE.jsonl [options]

FILE.jsonl holds one question a line: {"id", "question", "relevant": [docId...], "answer"?: "quote"}.
An empty "relevant" list marks a question the knowledge base does not answer (it should be declined);
"answer" is a short quote from a relevant document.

Options:
  --k N               cut-off for hit@k, recall@k, nDCG@k and answer-in-top-k (default 5)
  --answers           also run the whole answering pipeline: declines, citation precision, whether
                      the answer holds the quote's key words, and how many answers pass the
                      grounding check
  --collection NAME   search only this collection (repeatable)
  --db DIR            index location (default: $DOCENT_DB or ./data/lancedb)
  --json              machine-readable report, with every question's ranking
  -h, --help          show this help`,
    load: async () => (await import("./eval-command.ts")).evalCommand,
  },
  {
    name: "feedback",
    summary: "report thumbs-up/down feedback on answers",
    usage: `Usage: docent feedback [options]

Totals, the satisfaction rate, the documents behind thumbs-down and the latest votes with their questions.

Options:
  --export-eval FILE  write a regression set instead: each liked answer's question with the documents it
                      cited as "relevant", and each verified answer's question with its own document,
                      one JSON object a line, the format docent eval reads
  --limit N           how many recent votes to list (default 20)
  --db DIR            index location (default: $DOCENT_DB or ./data/lancedb)
  --json              machine-readable output
  -h, --help          show this help`,
    load: async () => (await import("./feedback-command.ts")).feedbackCommand,
  },
  {
    name: "gaps",
    summary: "list knowledge gaps: declined and thumbs-down questions, grouped by topic",
    usage: `Usage: docent gaps [options]

Declined questions and thumbs-down answers (with their comments), similar questions grouped by their
words and cited documents. A gap is "possibly resolved" when a document it cited changed after its last ask.

Options:
  --sort count|recent most asked first, then most recent (default: count); or most recent first
  --limit N           how many gaps to list (default 20)
  --db DIR            index location (default: $DOCENT_DB or ./data/lancedb)
  --json              machine-readable output: {"gaps": [...]}, the shape README describes
  -h, --help          show this help`,
    load: async () => (await import("./gaps-command.ts")).gapsCommand,
  },
  {
    name: "verified",
    summary: "list or retire the experts' verified answers",
    usage: `Usage: docent verified list [options]
       docent verified retire ID [options]

Verified answers are saved by the people the config file's "verified" lists (Slack's "Save as verified
answer" shortcut, Teams' message action) or in the playground's admin view. Answers cite them as
"Verified by <name>, <date>" with a link to the thread they came from.

  list                the live verified answers, newest first: id, question, who verified it and when
  retire ID           takes one out of the index at once: answers no longer cite it

Options:
  --all               list: include the retired ones
  --db DIR            index location (default: $DOCENT_DB or ./data/lancedb)
  --json              machine-readable output: {"verified": [...]}, the shape README describes
  -h, --help          show this help`,
    load: async () => (await import("./verified-command.ts")).verifiedCommand,
  },
  {
    name: "sources",
    summary: "list the configured sources: documents indexed, last sync, last error",
    usage: `Usage: docent sources [options]

Options:
  --db DIR            index location (default: $DOCENT_DB or ./data/lancedb)
  --json              machine-readable output
  -h, --help          show this help`,
    load: async () => (await import("./sources-command.ts")).sourcesCommand,
  },
  {
    name: "teams-package",
    summary: "build the Teams app package (docent-teams.zip) to upload to Teams",
    usage: `Usage: docent teams-package [options]

Builds the Teams app package: manifest.json (schema v${MANIFEST_VERSION}) and the two icons, zipped.
Upload it in Teams (Apps > Manage your apps > Upload an app) or in the Teams admin center.
The bot id is MicrosoftAppId (environment or .env): the Azure Bot's Microsoft App ID.

Options:
  --out FILE            where to write the zip (default: docent-teams.zip)
  --bot-id GUID         the bot's Microsoft App ID (default: $MicrosoftAppId)
  --app-id GUID         the Teams app's id (default: the bot id)
  --app-version X.Y.Z   the app's version; raise it for each new upload (default: 1.0.0)
  --name NAME           the name shown in Teams, at most 30 characters (default: Docent)
  --developer NAME      who publishes the app, at most 32 characters (default: Docent)
  --website-url URL     shown on the app's page in Teams
  --privacy-url URL     your privacy statement
  --terms-url URL       your terms of use
  -h, --help            show this help`,
    load: async () => (await import("./teams-package-command.ts")).teamsPackageCommand,
  },
];
