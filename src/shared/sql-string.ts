/** SQL string literal for LanceDB filters; collection and document names come from config and file names. */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function sqlList(values: Iterable<string>): string {
  return `(${[...values].map(sqlString).join(", ")})`;
}
