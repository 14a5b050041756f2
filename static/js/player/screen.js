// What the player shows: the current moment, the steps still to come, and the focused mode that
// turns the page into one full screen to read from the floor.
import { clock, next, phase, rep, spoken } from "./segments.js";

const set = (element, text) => {
  if (element && element.textContent !== text) element.textContent = text;
};
const LABELS = { ready: "Start", playing: "Pause", paused: "Resume", finished: "Start again" };

export function screen(root, t) {
  const part = (name) => root.querySelector("[data-player-" + name + "]");
  const view = {};
  "step name cue phase count rep next elapsed left played live".split(" ").forEach((name) => {
    view[name] = part(name);
  });
  const progress = part("progress");
  const form = root.querySelector("[data-practice-log]");
  const seconds = root.querySelector("[data-practice-seconds]");
  const join = part("join");
  const buttons = { toggle: part("toggle"), skip: part("skip"), restart: part("restart") };
  const upcoming = Array.from(root.querySelectorAll("[data-player-upnext] li"));
  progress.max = t.total;

  // Pictures: one per step, all loaded now, so that nothing is fetched while playing.
  const figure = part("figure");
  const pictures = t.steps.map((step) => {
    const img = new Image();
    img.src = step.image;
    img.alt = step.alt;
    img.className = "player__image";
    img.decoding = "async";
    img.hidden = true;
    figure.appendChild(img);
    return img;
  });
  let shown = -1;

  // `at`: { state, index, into, counted }.
  function render(at) {
    const state = at.state;
    const done = state === "finished";
    const i = done ? t.segments.length - 1 : at.index;
    const segment = t.segments[i];
    const number = segment[0];
    const position = done ? t.total : t.starts[i] + at.into;
    root.dataset.state = state;
    if (shown !== number) {
      pictures.forEach((img, n) => { img.hidden = n !== number; });
      upcoming.forEach((li, n) => { li.hidden = n <= number; });
      shown = number;
    }
    const started = state !== "ready" || position;
    set(view.step, "Step " + (number + 1) + " of " + t.steps.length);
    set(view.name, t.steps[number].name);
    set(view.cue, done ? "Well done. Stretch again tomorrow." : started ? t.cues[i] : t.steps[number].cue);
    set(view.phase, done ? "Finished" : started ? phase(segment) : "Ready");
    set(view.count, String(done ? 0 : segment[2] - at.into));
    set(view.rep, done ? "" : rep(t, segment));
    set(view.next, done ? "Well done." : started ? next(t, i, at.into) : next(t, i, -9));
    progress.value = position;
    set(view.elapsed, clock(position));
    set(view.left, clock(t.total - position));
    set(buttons.toggle, LABELS[state]);
    buttons.skip.hidden = done;
    buttons.restart.hidden = done || !started;
    // Stopped (at the end, or paused after half of it): offer to log it, or to join.
    const half = at.counted * 2 >= t.total;
    const stopped = done || (state === "paused" && half);
    if (form) {
      form.hidden = !(stopped && half);
      seconds.value = String(at.counted);
      set(view.played, "You did " + spoken(at.counted) + ". ");
    }
    if (join) join.hidden = !stopped;
  }

  return { render, announce: (text) => set(view.live, text), form, join };
}

// The focused mode: the site's header and footer gone, the player filling the viewport (fixed,
// for browsers without the Fullscreen API, as on iOS), full screen where allowed. Escape, Exit
// and the browser's back button leave it; `left()` is told, to pause.
export function focus(root, left) {
  let on = false;
  const html = document.documentElement;

  function enter() {
    if (on) return;
    on = true;
    root.classList.add("is-focus");
    html.classList.add("player-focused");
    history.pushState({ player: true }, "");
    // Only from the reader's press, which this runs inside; refused quietly elsewhere.
    if (html.requestFullscreen && !document.fullscreenElement) html.requestFullscreen().catch(() => {});
    scrollTo(0, 0);
  }

  function leave(popped) {
    if (!on) return;
    on = false;
    root.classList.remove("is-focus");
    html.classList.remove("player-focused");
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    if (!popped && history.state && history.state.player) history.back();
    left();
  }

  addEventListener("popstate", () => leave(true));
  document.addEventListener("fullscreenchange", () => { if (!document.fullscreenElement) leave(false); });
  return { enter, leave, get on() { return on; } };
}
