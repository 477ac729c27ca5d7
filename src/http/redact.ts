// Removes secrets from anything that may be printed: URLs, headers, bodies, error text.
// Secrets are registered as they become known (config secrets, tokens, UserSigs, signs).

export const REDACTED = '[REDACTED]';

/** Query parameters whose values are always secret, whatever the provider. */
export const SECRET_QUERY_PARAMS = ['access_token', 'corpsecret', 'usersig', 'sign'] as const;

/** Header names whose values are always secret. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key', 'x-auth-token', 'token']);

const MIN_SECRET_LENGTH = 4;

export class Redactor {
  private readonly secrets = new Set<string>();

  constructor(secrets: Iterable<string | undefined> = []) {
    for (const secret of secrets) this.add(secret);
  }

  /** Registers a value that must never be printed. Very short values are ignored: masking "1" everywhere helps nobody. */
  add(secret: string | undefined | null): void {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) return;
    this.secrets.add(secret);
    // The same value URL-encoded (as it travels in a query string) is as secret: both the encodeURIComponent
    // form and the form encoding URLSearchParams writes (space as "+", and "!'()~" escaped).
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) this.secrets.add(encoded);
    const formEncoded = new URLSearchParams({ s: secret }).toString().slice(2);
    if (formEncoded !== secret) this.secrets.add(formEncoded);
  }

  /** Replaces every registered secret and every secret query parameter value in free text. */
  text(input: string): string {
    let out = input;
    for (const name of SECRET_QUERY_PARAMS) {
      out = out.replace(new RegExp(`([?&]${name}=)[^&#\\s"']*`, 'gi'), `$1${REDACTED}`);
    }
    // Longest first so a secret that contains another is replaced whole.
    const ordered = [...this.secrets].sort((a, b) => b.length - a.length);
    for (const secret of ordered) out = out.split(secret).join(REDACTED);
    return out;
  }

  url(input: string | URL): string {
    return this.text(String(input));
  }

  headers(headers: Record<string, string> | undefined): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers ?? {})) {
      out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : this.text(value);
    }
    return out;
  }
}
