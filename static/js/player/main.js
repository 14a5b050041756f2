// The guided routine player (templates/stretches/routine_play.html): it counts the plan in the
// page, second by second, and makes no request while playing. Without it, the step list shows.
import { Clock } from "./clock.js";
import { keepForOffline, logWhenOnline } from "./offline.js";
import { focus, screen } from "./screen.js";
import { timeline, words, clock as time } from "./segments.js";
import { speak, toggles, tone, wake } from "./sound.js";

const root = document.querySelector("[data-player]");
const source = document.getElementById("routine-plan");
const t = source && timeline(JSON.parse(source.textContent));

if (root && t && t.segments.length) {
  const part = (name) => root.querySelector("[data-player-" + name + "]");
  const view = screen(root, t);
  // Where the player is: which moment, whole seconds into it, seconds actually played.
  const at = { state: "ready", index: 0, into: 0, counted: 0 };
  const render = () => view.render(at);
  const ticker = new Clock(second, (moved) => {
    render();
    if (moved) cue(false);
  });
  const mode = focus(root, pause);

  function second() {
    at.into += 1;
    at.counted += 1;
    if (at.into < t.segments[at.index][2]) return false;
    at.index += 1;
    at.into = 0;
    if (at.index >= t.segments.length) finish();
    return true;
  }

  function cue(fresh) {
    const segment = t.segments[at.index];
    const heading = segment[1] !== "rest" && (fresh || t.firsts[segment[0]] === at.index);
    const text = words(t, at.index, heading, segment[2] - at.into);
    view.announce((heading ? "Step " + (segment[0] + 1) + " of " + t.steps.length + ": " : "") + text);
    tone(segment[1]);
    speak(text + " " + t.cues[at.index]);
  }

  function play() {
    if (at.state === "playing") return;
    if (at.state === "finished") { restart(true); return; }
    mode.enter();
    at.state = "playing";
    ticker.start();
    render();
    cue(true);
  }

  function pause() {
    if (at.state !== "playing") return;
    ticker.stop(true);
    if (at.state !== "playing") return;
    at.state = "paused";
    render();
    view.announce("Paused at " + time(t.starts[at.index] + at.into) + ".");
  }

  function finish() {
    at.state = "finished";
    at.index = t.segments.length;
    at.into = 0;
    ticker.stop(false);
    render();
    const log = view.form && !view.form.hidden;
    view.announce("Finished. Well done." + (log ? " Log this session?" : ""));
    tone("done");
    speak("Finished. Well done.");
  }

  function go(i) {
    if (i >= t.segments.length) { finish(); return; }
    if (at.state === "finished") at.state = "paused";
    at.index = i;
    at.into = 0;
    if (at.state === "playing") ticker.restart(); else ticker.stop(false);
    render();
    cue(true);
  }

  function restart(playing) {
    Object.assign(at, { state: "ready", index: 0, into: 0, counted: 0 });
    ticker.stop(false);
    if (playing) { play(); return; }
    render();
    view.announce("Back to the start.");
  }

  const current = () => t.segments[Math.min(at.index, t.segments.length - 1)][0];

  // Back: to the start of this step, or to the previous step within its first seconds.
  function back() {
    const number = current();
    if (at.state === "finished") { go(t.firsts[number]); return; }
    const since = t.starts[at.index] + at.into - t.starts[t.firsts[number]];
    go(since < 3 && number > 0 ? t.firsts[number - 1] : t.firsts[number]);
  }

  function skip() {
    if (at.state === "finished") return;
    const number = current();
    go(number + 1 < t.steps.length ? t.firsts[number + 1] : t.segments.length);
  }

  function flip() {
    wake();
    if (at.state === "playing") pause(); else play();
  }

  const press = (name, action) => part(name).addEventListener("click", () => { wake(); action(); });
  press("toggle", flip);
  press("back", back);
  press("skip", skip);
  press("restart", () => restart(at.state === "playing"));
  press("exit", () => mode.leave(false));

  // Keyboard: Space plays or pauses, the arrows skip and go back, Escape leaves the focused
  // mode. Controls keep their own keys.
  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.repeat || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const target = event.target;
    const typing = target.closest && target.closest("input:not([type=checkbox]), textarea, select, [contenteditable]");
    const native = target.closest && target.closest("button, a, input, summary, textarea, select, [contenteditable]");
    const key = event.key;
    if (key === " " || key === "Spacebar") {
      if (native) return;
      flip();
    } else if (key === "Escape" && mode.on) {
      mode.leave(false);
    } else if ((key === "ArrowRight" || key === "ArrowLeft") && !typing) {
      wake();
      if (key === "ArrowRight") skip(); else back();
    } else {
      return;
    }
    event.preventDefault();
  });

  toggles(part);
  part("screen").hidden = false;
  part("fallback").hidden = true;
  render();
  keepForOffline(root);
  logWhenOnline(view.form, part("saved"));
}
