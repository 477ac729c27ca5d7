// Typed errors that carry the contract's exit code and a hint for the user.
// Only src/main.ts turns them into an exit code; nothing else calls process.exit.

export const ExitCode = {
  ok: 0,
  internal: 1,
  usage: 2,
  config: 3,
  auth: 4,
  provider: 5,
  network: 6,
  interrupted: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export interface CliErrorOptions {
  hint?: string | undefined;
  cause?: unknown;
  /** The kind --log-format json names, when the exit code alone does not say it (exit 1 is also "not set"). */
  kind?: string | undefined;
}

export class CliError extends Error {
  readonly exitCode: ExitCodeValue;
  readonly hint: string | undefined;
  readonly kind: string | undefined;

  constructor(message: string, exitCode: ExitCodeValue, options: CliErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.exitCode = exitCode;
    this.hint = options.hint;
    this.kind = options.kind;
  }
}

/** Bad command line: unknown option, bad or missing argument value (exit 2). */
export class UsageError extends CliError {
  constructor(message: string, options?: CliErrorOptions) {
    super(message, ExitCode.usage, options);
  }
}

/** A required setting is missing, or one from the environment or config file is malformed (exit 3). */
export class ConfigError extends CliError {
  constructor(message: string, options?: CliErrorOptions) {
    super(message, ExitCode.config, options);
  }
}

/** What a provider said about a failed call, for messages and for tests. */
export interface ProviderDetail {
  provider: string;
  endpoint: string;
  code?: string | number | undefined;
  providerMessage?: string | undefined;
  requestId?: string | undefined;
  httpStatus?: number | undefined;
}

function describeProvider(detail: ProviderDetail): string {
  const parts: string[] = [];
  if (detail.code !== undefined && detail.code !== '') parts.push(`code ${detail.code}`);
  if (detail.providerMessage) parts.push(JSON.stringify(detail.providerMessage));
  if (detail.httpStatus !== undefined && detail.code !== detail.httpStatus) parts.push(`HTTP ${detail.httpStatus}`);
  if (detail.requestId) parts.push(`request id ${detail.requestId}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** The provider rejected the credentials or the permission (exit 4). */
export class AuthError extends CliError {
  readonly detail: ProviderDetail;
  constructor(message: string, detail: ProviderDetail, options?: CliErrorOptions) {
    super(`${message}${describeProvider(detail)}`, ExitCode.auth, options);
    this.detail = detail;
  }
}

/** The provider answered with a non-credential error or an unexpected shape, after retries (exit 5). */
export class ProviderError extends CliError {
  readonly detail: ProviderDetail;
  constructor(message: string, detail: ProviderDetail, options?: CliErrorOptions) {
    super(`${message}${describeProvider(detail)}`, ExitCode.provider, options);
    this.detail = detail;
  }
}

/** Network failure or timeout after every retry (exit 6); `detail` names the provider and endpoint not reached. */
export class NetworkError extends CliError {
  readonly detail: ProviderDetail | undefined;
  constructor(message: string, options?: CliErrorOptions & { detail?: ProviderDetail | undefined }) {
    super(message, ExitCode.network, options);
    this.detail = options?.detail;
  }
}

/** SIGINT (exit 130). */
export class InterruptedError extends CliError {
  constructor(message = 'interrupted') {
    super(message, ExitCode.interrupted);
  }
}
