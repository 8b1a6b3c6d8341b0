// Errors the CLI turns into a clear message and an exit code. Anything else is a bug.

/** Bad usage or bad input (malformed file, unknown question id, corrupt database): exit code 2. */
export class InputError extends Error {
  override name = 'InputError';
  constructor(
    message: string,
    /** The file the problem is in, and the 1-based line when known. */
    readonly file?: string,
    readonly line?: number,
  ) {
    super(message);
  }

  /** `answers.yaml:12: ...` */
  describe(): string {
    if (!this.file) return this.message;
    return `${this.file}${this.line ? `:${this.line}` : ''}: ${this.message}`;
  }
}

/** Nothing could be collected (no credentials, every call denied): exit code 3. */
export class CollectError extends Error {
  override name = 'CollectError';
}
