import { createRequire } from "node:module";

/**
 * Works around botbuilder 4.23.3 dropping every field of an outgoing entity except `type`, `text` and
 * `mentioned` (DESIGN, known pitfalls): the connector serializes activities through a mapper that knows
 * only those three, so Teams' AI label, citations and `streaminfo` never reach the wire. Letting the
 * Entity mapper pass on additional properties as plain objects keeps them. Fixed upstream in
 * botbuilder-js PRs #4903/#4905, unreleased; remove this once a release carries the fix.
 *
 * `require` (not `import`) reaches the very module instance the connector client uses: botbuilder is
 * CommonJS, and both resolve to the same file in Node's module cache.
 */
export function keepEntityFields(): void {
  const require = createRequire(import.meta.url);
  const mappers = require("botframework-connector/lib/connectorApi/models/mappers") as {
    Entity: { type: { additionalProperties?: unknown } };
  };
  mappers.Entity.type.additionalProperties ??= { type: { name: "Object" } };
}

// Once, when the Teams adapter is first loaded; calling it again changes nothing.
keepEntityFields();
