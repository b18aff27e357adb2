export function firstHeading(markdown: string): string | null {
  const match = /^#{1,6}\s+(.+?)\s*#*\s*$/m.exec(markdown);
  return match ? match[1]!.trim() : null;
}
