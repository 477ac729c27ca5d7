// iostreams: the colour decision, what counts as a closed pipe, and backpressure in writeChunk.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { decideColor, isBrokenPipe, systemIOStreams, writeChunk } from '../../src/io/iostreams.js';
import { CaptureStream } from '../helpers/streams.js';

describe('decideColor', () => {
  it.each<[string, Record<string, string | undefined>, boolean, boolean | undefined, boolean]>([
    ['a terminal', {}, true, undefined, true],
    ['a pipe', {}, false, undefined, false],
    ['NO_COLOR on a terminal', { NO_COLOR: '1' }, true, undefined, false],
    ['NO_COLOR set to anything non-empty', { NO_COLOR: 'false' }, true, undefined, false],
    ['an empty NO_COLOR is ignored', { NO_COLOR: '' }, true, undefined, true],
    ['FORCE_COLOR on a pipe', { FORCE_COLOR: '1' }, false, undefined, true],
    ['FORCE_COLOR beats NO_COLOR', { FORCE_COLOR: '3', NO_COLOR: '1' }, false, undefined, true],
    ['FORCE_COLOR=0 turns colour off on a terminal', { FORCE_COLOR: '0' }, true, undefined, false],
    ['FORCE_COLOR=false turns colour off on a terminal', { FORCE_COLOR: 'false' }, true, undefined, false],
    ['an empty FORCE_COLOR is ignored', { FORCE_COLOR: '' }, false, undefined, false],
    ['--no-color beats FORCE_COLOR', { FORCE_COLOR: '1' }, true, false, false],
    ['--no-color on a terminal', {}, true, false, false],
    ['an explicit colour flag still needs a terminal', {}, false, true, false],
    ['TERM=dumb on a terminal', { TERM: 'dumb' }, true, undefined, false],
    ['FORCE_COLOR beats TERM=dumb', { TERM: 'dumb', FORCE_COLOR: '1' }, true, undefined, true],
    ['another TERM on a terminal', { TERM: 'xterm-256color' }, true, undefined, true],
  ])('%s', (_name, env, isTTY, flag, expected) => {
    expect(decideColor({ env, isTTY, flag })).toBe(expected);
  });

  it('is what systemIOStreams uses for the real streams', () => {
    expect(systemIOStreams({ NO_COLOR: '1' }).colorEnabled).toBe(false);
    expect(systemIOStreams({ FORCE_COLOR: '1' }).colorEnabled).toBe(true);
  });
});

describe('isBrokenPipe', () => {
  it.each([
    [Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }), true],
    [Object.assign(new Error('Cannot call write after a stream was destroyed'), { code: 'ERR_STREAM_DESTROYED' }), true],
    [{ code: 'EPIPE' }, true],
    [Object.assign(new Error('reset'), { code: 'ECONNRESET' }), false],
    [Object.assign(new Error('disk full'), { code: 'ENOSPC' }), false],
    [new Error('EPIPE in the message only'), false],
    [null, false],
    [undefined, false],
    ['EPIPE', false],
  ])('%#: %s → %s', (error, expected) => {
    expect(isBrokenPipe(error)).toBe(expected);
  });
});

/** A stream whose writes complete only when the test says so. */
function heldStream(highWaterMark: number) {
  const callbacks: Array<(error?: Error | null) => void> = [];
  const stream = new Writable({
    highWaterMark,
    decodeStrings: false,
    write(_chunk, _encoding, callback) {
      callbacks.push(callback);
    },
  });
  return {
    stream,
    release() {
      for (const callback of callbacks.splice(0)) callback();
    },
  };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('writeChunk', () => {
  it('returns nothing (no promise) while the buffer has room', () => {
    const stream = new CaptureStream();
    expect(writeChunk(stream, 'row 1\n')).toBeUndefined();
    expect(stream.text).toBe('row 1\n');
  });

  it('returns a promise that resolves only after the stream drains', async () => {
    const held = heldStream(4);
    const pending = writeChunk(held.stream, 'more than four bytes');
    expect(pending).toBeInstanceOf(Promise);
    let resolved = false;
    void (pending as Promise<void>).then(() => {
      resolved = true;
    });

    await tick();
    expect(resolved).toBe(false);
    held.release();
    await pending;
    expect(resolved).toBe(true);
  });

  it('rejects when the stream fails while waiting for drain', async () => {
    const held = heldStream(1);
    const pending = writeChunk(held.stream, 'xx');
    const epipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
    held.stream.destroy(epipe);

    await expect(pending).rejects.toBe(epipe);
  });

  it('rejects at once, as a broken pipe, on a stream already destroyed', async () => {
    const stream = new CaptureStream();
    stream.on('error', () => undefined);
    stream.destroy(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    await tick();

    const pending = writeChunk(stream, 'late row\n');
    const outcome = await Promise.race([
      Promise.resolve(pending).then(
        () => 'resolved',
        (error: unknown) => error,
      ),
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), 200)),
    ]);

    expect(outcome).toBeInstanceOf(Error);
    expect(isBrokenPipe(outcome)).toBe(true);
  });

  it('rejects rather than waiting forever when the stream is closed without an error', async () => {
    const held = heldStream(1);
    const pending = writeChunk(held.stream, 'xx');
    held.stream.destroy();

    const error = await Promise.resolve(pending).catch((e: unknown) => e);
    expect(isBrokenPipe(error)).toBe(true);
  });

  it('rejects with the error of a write that fails at once, without an unhandled error event', async () => {
    const epipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
    const stream = new Writable({
      highWaterMark: 1,
      write(_chunk, _encoding, callback) {
        callback(epipe);
      },
    });

    await expect(Promise.resolve(writeChunk(stream, 'xx'))).rejects.toBe(epipe);
    await tick();
    expect(stream.destroyed).toBe(true);
  });
});
