// Reads one value from standard input for `config set`: a hidden prompt on a terminal (nothing is echoed),
// otherwise the first line of a pipe. It knows nothing about settings or how a value is checked.
import { createInterface } from 'node:readline';
import { Writable, type Readable } from 'node:stream';
import { InterruptedError } from '../errors.js';

/** Everything up to the first LF (or the end of input), without the line end; stops reading there. */
export async function readFirstLine(input: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    const newline = buffer.indexOf(0x0a);
    if (newline !== -1) {
      chunks.push(buffer.subarray(0, newline));
      break;
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8').replace(/\r$/, '');
}

/**
 * Writes `question` to `output` (stderr) and reads one line from a terminal without echoing it: readline
 * runs in terminal mode (raw input) but writes its echo into a sink. End of input yields "".
 */
export function promptHidden(input: Readable, output: Writable, question: string): Promise<string> {
  output.write(question);
  const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input, output: muted, terminal: true });
  return new Promise<string>((resolve, reject) => {
    const finish = (): void => {
      rl.close();
      // The Enter key was not echoed either: end the prompt line ourselves.
      output.write('\n');
    };
    rl.once('line', (line) => {
      resolve(line);
      finish();
    });
    // Raw mode turns Ctrl-C into a key press, so it arrives here rather than as a signal.
    rl.once('SIGINT', () => {
      reject(new InterruptedError());
      finish();
    });
    rl.once('close', () => resolve(''));
  });
}
