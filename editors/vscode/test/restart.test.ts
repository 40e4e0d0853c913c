//! The debounced restart on `studylog.server.path` changes, with a fake clock.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { DebouncedRestart } from '../src/restart';

/** A manual clock: timers fire when `advance` passes their time. */
function harness(existing: string[]) {
  let now = 0;
  let nextId = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const log: string[] = [];
  const restart = new DebouncedRestart(
    {
      delayMs: 1000,
      setTimer: (fn, ms) => {
        timers.set(++nextId, { at: now + ms, fn });
        return nextId;
      },
      clearTimer: (h) => void timers.delete(h as number),
      resolves: (v) => v === '' || existing.includes(v),
      restart: () => log.push('restart'),
      skipped: (v) => log.push(`skipped ${v}`),
    },
    '',
  );
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...timers]) {
      if (t.at <= now) {
        timers.delete(id);
        t.fn();
      }
    }
  };
  return { restart, advance, log };
}

test('typing a path restarts the server once, after the typing stopped', () => {
  const { restart, advance, log } = harness(['/opt/studylog']);
  for (const prefix of ['/', '/o', '/op', '/opt', '/opt/', '/opt/studylog']) {
    restart.changed(prefix);
    advance(150);
  }
  assert.deepEqual(log, []);
  advance(1000);
  assert.deepEqual(log, ['restart']);
  advance(5000);
  assert.deepEqual(log, ['restart']);
});

test('a path that does not exist does not restart, and says so once', () => {
  const { restart, advance, log } = harness([]);
  restart.changed('/opt/stu');
  restart.changed('/opt/studyl');
  advance(1000);
  assert.deepEqual(log, ['skipped /opt/studyl']);
});

test('going back to the running value is no change', () => {
  const { restart, advance, log } = harness(['/a']);
  restart.changed('/a');
  restart.changed('');
  advance(1000);
  assert.deepEqual(log, []);
  restart.changed('/a');
  advance(1000);
  restart.changed('/a ');
  advance(1000);
  assert.deepEqual(log, ['restart']);
});
