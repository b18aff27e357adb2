#!/usr/bin/env node
// The `docent` command. TypeScript sources run through tsx, so there is nothing to build.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli.ts");
process.exitCode = await main(process.argv.slice(2));
