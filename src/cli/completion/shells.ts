// The shells livestats writes completion scripts for; apart from the renderers so that declaring the command
// loads none of them.
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];
