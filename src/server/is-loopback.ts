/** Whether an address (a socket's remote address, or a URL's host) is this machine. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const host = address
    .replace(/^\[|\]$/g, "")
    .replace(/^::ffff:/, "")
    .toLowerCase();
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}
