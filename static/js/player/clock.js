// Whole seconds from the clock's own time, so a throttled tab (or a fake clock) catches up
// exactly. Stopping keeps the unfinished part of a second.
const SECOND = 1000;
const TICK = 200; // how often the loop looks at the clock (ms)
const now = () => performance.now();
const noop = () => {};

export class Clock {
  // `second()` moves the count on by one and returns false to stop; `after()` shows the result.
  constructor(second, after) {
    this.second = second;
    this.after = after;
    this.timer = null;
    this.anchor = 0;
    this.carried = 0;
  }

  get running() { return this.timer !== null; }

  start() {
    this.anchor = now() - this.carried;
    this.carried = 0;
    clearInterval(this.timer);
    this.timer = setInterval(() => this.tick(), TICK);
    awake(true);
  }

  tick() {
    let moved = false;
    while (this.running && now() - this.anchor >= SECOND) {
      this.anchor += SECOND;
      if (this.second()) moved = true;
    }
    if (this.running) this.after(moved);
  }

  stop(keep) {
    if (keep && this.running) {
      this.tick();
      this.carried = now() - this.anchor;
    } else {
      this.carried = 0;
    }
    clearInterval(this.timer);
    this.timer = null;
    awake(false);
  }

  // A new moment starts now (a skip, a step back).
  restart() {
    this.carried = 0;
    this.anchor = now();
  }
}

// The screen stays on while the clock runs, where the browser allows it.
let lock = null;
let asking = false;
let wanted = false;
function awake(on) {
  wanted = on;
  if (!on) {
    if (lock) lock.release().catch(noop);
    lock = null;
    return;
  }
  if (lock || asking || !navigator.wakeLock || document.visibilityState !== "visible") return;
  asking = true;
  navigator.wakeLock.request("screen").then((sentinel) => {
    asking = false;
    if (!wanted) { sentinel.release().catch(noop); return; }
    lock = sentinel;
    sentinel.addEventListener("release", () => { if (lock === sentinel) lock = null; });
  }, () => { asking = false; });
}
document.addEventListener("visibilitychange", () => { if (wanted) awake(true); });
