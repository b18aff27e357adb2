/**
 * The deployment is set up wrong (an unreachable Redis, a missing bucket, refused keys): the message says
 * in plain words what to fix, and the CLI exits with 2 instead of printing a stack.
 */
export class SetupError extends Error {}
