//! Restarting the server when `studylog.server.path` changes: the Settings
//! editor reports a change on every keystroke, so the restart waits until
//! the value has been still for a moment, happens once, and only when the
//! value names a binary that exists (a half-typed path is not an error
//! worth a toast). Pure: timers and checks are injected.

/** How long the value must stay unchanged before the server restarts. */
export const RESTART_DEBOUNCE_MS = 1000;

export interface RestartDeps {
  readonly delayMs: number;
  readonly setTimer: (fn: () => void, ms: number) => unknown;
  readonly clearTimer: (handle: unknown) => void;
  /** Whether `value` resolves to a server binary (an empty value means "bundled, else PATH"). */
  readonly resolves: (value: string) => boolean;
  readonly restart: () => void;
  /** Told when a settled value was not used, with the value. */
  readonly skipped: (value: string) => void;
}

export class DebouncedRestart {
  private timer: unknown;
  private pending: string | undefined;

  /** `running`: the value the running server was started with. */
  constructor(
    private readonly deps: RestartDeps,
    private running: string,
  ) {}

  /** The setting now has `value` (called on every change). */
  changed(value: string): void {
    this.pending = value.trim();
    if (this.timer !== undefined) {
      this.deps.clearTimer(this.timer);
    }
    this.timer = this.deps.setTimer(() => this.settle(), this.deps.delayMs);
  }

  /** The server was (re)started by other means with `value`. */
  started(value: string): void {
    this.running = value.trim();
  }

  dispose(): void {
    if (this.timer !== undefined) {
      this.deps.clearTimer(this.timer);
      this.timer = undefined;
    }
  }

  private settle(): void {
    this.timer = undefined;
    const value = this.pending;
    this.pending = undefined;
    if (value === undefined || value === this.running) {
      return;
    }
    if (!this.deps.resolves(value)) {
      this.deps.skipped(value);
      return;
    }
    this.running = value;
    this.deps.restart();
  }
}
