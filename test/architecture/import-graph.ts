import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

/** One import of one project file by another, paths relative to the repository root with `/`. */
export interface ImportEdge {
  from: string;
  to: string;
  /** `import type …` (or only `type` names): erased at run time, so it cannot make a load-order cycle. */
  typeOnly: boolean;
}

const SOURCE_FILE = /\.(ts|js)$/;

/** Every `.ts` (and `.js`, for bin/) file under the given folders, relative to `root`. */
export function listSourceFiles(root: string, folders: string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== "node_modules" && entry.name !== "public") walk(path);
      else if (entry.isFile() && SOURCE_FILE.test(entry.name) && !entry.name.endsWith(".d.ts")) files.push(relative(root, path).split("\\").join("/"));
    }
  };
  for (const folder of folders) walk(resolve(root, folder));
  return files.sort();
}

/**
 * The relative imports of each file (static, re-exports and dynamic `import("…")`), read with
 * TypeScript's own parser so that multi-line imports and strings that merely look like imports are
 * told apart. Package imports and files outside the scanned set (dist/) are left out.
 */
export function readImportEdges(root: string, files: string[]): ImportEdge[] {
  const known = new Set(files);
  const edges: ImportEdge[] = [];
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(resolve(root, file), "utf8"), ts.ScriptTarget.Latest, false);
    const add = (specifier: string, typeOnly: boolean) => {
      if (!specifier.startsWith(".")) return;
      const to = relative(root, resolve(root, dirname(file), specifier))
        .split("\\")
        .join("/");
      if (known.has(to)) edges.push({ from: file, to, typeOnly });
    };
    const visit = (node: ts.Node) => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        add(node.moduleSpecifier.text, isTypeOnlyImport(node.importClause));
      } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        add(node.moduleSpecifier.text, node.isTypeOnly);
      } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        const [argument] = node.arguments;
        if (argument && ts.isStringLiteralLike(argument)) add(argument.text, false);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return edges;
}

function isTypeOnlyImport(clause: ts.ImportClause | undefined): boolean {
  if (!clause) return false; // `import "./x.ts"`: run for its effect
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return !clause.name && bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}
