// The --state file of `watch --user`: which livings earlier successful runs exported, per corp and member, with
// each living's start (Unix seconds) so old ones can be pruned. Read strictly (a bad file is exit 3, never
// replaced), written atomically (temp file, fsync, rename, mode 0600). When to write it is the command's call.
import { open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ConfigError, UsageError } from '../errors.js';
import { syncDirectory, tempPathFor } from '../output/atomic-file.js';
import * as z from '../util/zod.js';

export const STATE_VERSION = 1;

const livingsSchema = z.record(z.string(), z.int().check(z.nonnegative()));
const stateSchema = z.object({
  version: z.literal(STATE_VERSION),
  // corp id → member userid → living id → start (Unix seconds)
  corps: z.record(z.string(), z.record(z.string(), livingsSchema)),
});

export type ExportState = z.output<typeof stateSchema>;

/** One living a run exported, and the member it is recorded under. */
export interface ExportedLiving {
  userid: string;
  livingid: string;
  startS: number;
}

export function emptyState(): ExportState {
  return { version: STATE_VERSION, corps: {} };
}

function unreadable(path: string, reason: string, cause?: unknown): ConfigError {
  return new ConfigError(`--state: cannot use ${path}: ${reason}`, {
    cause,
    hint: 'livestats never replaces a state file it cannot read. Fix it, or move it away to start afresh (livings already exported will then be exported again).',
  });
}

/** Before any work: the state file's directory must exist, or the state could not be written at the end. */
export async function checkStatePath(path: string): Promise<void> {
  const dir = dirname(resolve(path));
  const isDir = await stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) throw new UsageError(`--state: cannot write ${path}: ${dir} is not a directory`, { hint: 'Give a file in an existing directory.' });
}

/** The state in the file; a missing file is a first run. Anything unreadable or malformed is a ConfigError (exit 3). */
export async function readState(path: string): Promise<ExportState> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return emptyState();
    throw unreadable(path, (error as Error).message, error);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw unreadable(path, 'it is not valid JSON', error);
  }
  const parsed = z.safeParse(stateSchema, json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw unreadable(path, `it is not a livestats state file (version ${STATE_VERSION})${where}: ${issue?.message ?? 'unexpected shape'}`);
  }
  return parsed.data;
}

/** Whether any member of the corp has this living recorded: a living listed by two members is exported once. */
export function wasExported(state: ExportState, corpId: string, livingid: string): boolean {
  const members = state.corps[corpId];
  return members !== undefined && Object.values(members).some((livings) => Object.hasOwn(livings, livingid));
}

/**
 * A new state: `exported` added under their members, and, for the members of this run, livings that started
 * before `pruneBeforeS` dropped. Other corps and members are kept as they are.
 */
export function recordExports(
  state: ExportState,
  corpId: string,
  members: readonly string[],
  exported: readonly ExportedLiving[],
  pruneBeforeS: number | undefined,
): ExportState {
  // Maps, not objects, while editing: a userid or living id such as "__proto__" stays a plain key.
  const corp = new Map(Object.entries(state.corps[corpId] ?? {}).map(([member, livings]) => [member, new Map(Object.entries(livings))]));
  for (const { userid, livingid, startS } of exported) {
    const livings = corp.get(userid) ?? new Map<string, number>();
    livings.set(livingid, startS);
    corp.set(userid, livings);
  }
  if (pruneBeforeS !== undefined) {
    for (const member of members) {
      const livings = corp.get(member);
      for (const [livingid, startS] of livings ?? []) if (startS < pruneBeforeS) livings?.delete(livingid);
    }
  }
  const corps = new Map(Object.entries(state.corps));
  corps.set(corpId, Object.fromEntries([...corp].map(([member, livings]) => [member, Object.fromEntries(livings)])));
  return { version: STATE_VERSION, corps: Object.fromEntries(corps) };
}

/** Replaces the file atomically: a new file beside it, flushed to disk, renamed over it, then the directory synced. */
export async function writeState(path: string, state: ExportState): Promise<void> {
  const target = resolve(path);
  const dir = dirname(target);
  const temp = tempPathFor(target);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      // Exactly 0600 whatever the umask: the file names the corp's livings.
      await handle.chmod(0o600);
      await handle.writeFile(`${JSON.stringify(state, null, 2)}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw new ConfigError(`--state: cannot write ${path}: ${(error as Error).message}`, {
      cause: error,
      hint: 'The export itself is complete; the next run with this state file exports these livings again.',
    });
  }
  await syncDirectory(dir);
}
