// HTML text made safe by default: the `html` tag escapes every interpolated value unless it is already SafeHtml,
// so provider text (names with quotes, `<`, newlines, escapes, bidi marks) can only ever appear as text.
// What the page says is page.ts's business; this module only guarantees how text gets into it.

/** Markup that is already HTML: built by `html`, or by `raw` around a string this program produced itself. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Interpolation = SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

/**
 * C0 and C1 controls (a terminal escape, a bell, a NUL) are not text a browser should be handed: each is shown
 * as its Unicode control picture (ESC → ␛), newlines and tabs included, so a name is one line whatever it holds.
 */
export function visibleControls(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    return code === 0x7f ? '\u2421' : '\ufffd';
  });
}

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** A template whose interpolations are escaped (arrays joined, null/undefined/false left out). */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i] as Interpolation) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

/** Markup this program made itself (an SVG from the chart renderer, a style sheet); never provider text. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/**
 * Text from a provider (a nickname, an account, a living id): escaped, controls made visible, and isolated in
 * <bdi> so right-to-left marks and overrides inside it cannot reorder the text around it.
 */
export function providerText(text: string | null | undefined, empty = '—'): SafeHtml {
  if (text === null || text === undefined || text === '') return html`<span class="empty">${empty}</span>`;
  return html`<bdi>${visibleControls(text)}</bdi>`;
}
