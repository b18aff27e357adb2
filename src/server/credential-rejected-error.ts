/**
 * A service refused a credential at start-up. Unlike a network error, waiting cannot fix it, so
 * `docent serve` exits 2 (bad configuration) with this one line, which names the variable to fix.
 */
export class CredentialRejectedError extends Error {
  constructor(
    readonly variable: string,
    service: string,
    code: string,
  ) {
    super(`${service} rejected ${variable} (${code}): set a valid ${variable} and start again`);
    this.name = "CredentialRejectedError";
  }
}
