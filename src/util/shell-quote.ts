// Quoting for a POSIX shell (sh, bash, zsh): the one place that writes a value a shell reads back as the same
// word. Where the quoted word goes (a completion script, an export line, a command line) is the caller's business.

/** One single-quoted word, always: a quote inside is closed, escaped and reopened. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** An argument left bare when it is plainly safe (letters, digits and `_@%+=:,./-`), else single-quoted. */
export function shellArg(text: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(text) ? text : shellQuote(text);
}
