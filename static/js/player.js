// The guided routine player (templates/stretches/routine_play.html). It counts the plan embedded
// in the page, segment by segment and second by second, and makes no request while playing.
// Without it the page shows the routine's step list.
(function () {
  "use strict";

  var root = document.querySelector("[data-player]");
  var source = document.getElementById("routine-plan");
  if (!root || !source) return;
  var plan = JSON.parse(source.textContent);
  var steps = plan.steps;
  var segments = plan.segments; // [stepIndex, kind, seconds, side, rep]
  if (!segments.length) return;

  var SECOND = 1000;
  var TICK = 200; // how often the loop looks at the clock (ms)
  var KEY = "limber.player.";
  var TONES = { hold: 880, release: 660, switch: 587, rest: 523, done: 1047 };

  function part(name) { return root.querySelector("[data-player-" + name + "]"); }
  var screen = part("screen");
  var view = {
    step: part("step"), name: part("name"), cue: part("cue"), phase: part("phase"),
    count: part("count"), rep: part("rep"), next: part("next"),
    elapsed: part("elapsed"), left: part("left")
  };
  var progress = part("progress");
  var toggle = part("toggle");
  var live = part("live");
  var figure = part("figure");
  var form = root.querySelector("[data-practice-log]");
  var seconds = root.querySelector("[data-practice-seconds]");
  var played = part("played");
  var join = part("join");

  // Where each segment starts (seconds from the beginning), and each step's first segment.
  var starts = [];
  var firsts = [];
  var total = 0;
  segments.forEach(function (segment, i) {
    starts.push(total);
    total += segment[2];
    if (firsts[segment[0]] === undefined) firsts[segment[0]] = i;
  });

  // The state: which segment, whole seconds into it, seconds actually played.
  var index = 0;
  var into = 0;
  var counted = 0;
  var state = "ready"; // ready, playing, paused, finished
  var timer = null;
  var anchor = 0; // clock time (ms) when the current second began
  var carried = 0; // ms of an unfinished second kept across a pause

  function now() { return performance.now(); }
  function noop() {}

  function clock(s) {
    var m = Math.floor(s / 60);
    var r = s % 60;
    return m + ":" + (r < 10 ? "0" : "") + r;
  }
  function spoken(s) {
    var m = Math.floor(s / 60);
    var r = s % 60;
    return (m ? m + " min" : "") + (m && r ? " " : "") + (r || !m ? r + " s" : "");
  }
  function long(s) {
    var m = Math.floor(s / 60);
    var r = s % 60;
    var parts = [];
    if (m) parts.push(m + (m === 1 ? " minute" : " minutes"));
    if (r || !m) parts.push(r + (r === 1 ? " second" : " seconds"));
    return parts.join(" ");
  }
  function capital(text) { return text.charAt(0).toUpperCase() + text.slice(1); }
  function set(element, text) {
    if (element && element.textContent !== text) element.textContent = text;
  }

  // Pictures: one per step, all loaded now, so that nothing is fetched while playing.
  var pictures = steps.map(function (step) {
    var img = new Image();
    img.src = step.image;
    img.alt = step.alt;
    img.className = "player__image";
    img.decoding = "async";
    img.hidden = true;
    figure.appendChild(img);
    return img;
  });

  // Words for a segment, as the live region announces them and the voice says them. `fresh`:
  // the reader has just arrived here (a new step, a skip, a resume), so say where.
  function words(i, fresh) {
    var segment = segments[i];
    var kind = segment[1];
    var said = [];
    if (fresh) said.push(steps[segment[0]].name + ".");
    if (kind === "hold") {
      if (segment[3] && (fresh || segment[4] === 1)) said.push(capital(segment[3]) + " side.");
      said.push(segment[4] > 1 ? "Rep " + segment[4] + ". Hold." : "Hold.");
    } else if (kind === "release") {
      said.push("Release.");
    } else if (kind === "switch") {
      said.push("Switch sides.");
    } else {
      said.push("Rest, " + long(segment[2] - (i === index ? into : 0)) + ".");
      if (steps[segment[0] + 1]) said.push("Next: " + steps[segment[0] + 1].name + ".");
    }
    return said.join(" ");
  }

  function phase(segment) {
    var kind = segment[1];
    if (kind === "hold") return segment[3] ? capital(segment[3]) + " side · Hold" : "Hold";
    if (kind === "release") return "Release";
    if (kind === "switch") return "Switch sides";
    return "Rest";
  }

  var labels = { ready: "Start", playing: "Pause", paused: "Resume", finished: "Start again" };
  var shown = -1;

  function render() {
    var done = state === "finished";
    var segment = segments[done ? segments.length - 1 : index];
    var number = segment[0];
    var step = steps[number];
    var position = done ? total : starts[index] + into;
    root.setAttribute("data-state", state);
    if (shown !== number) {
      pictures.forEach(function (img, i) { img.hidden = i !== number; });
      shown = number;
    }
    set(view.step, "Step " + (number + 1) + " of " + steps.length);
    set(view.name, step.name);
    set(view.cue, step.cue);
    set(view.phase, done ? "Finished" : state === "ready" && !position ? "Ready" : phase(segment));
    set(view.count, String(done ? 0 : segment[2] - into));
    set(view.rep, done || segment[1] === "rest" ? "" : "Rep " + segment[4] + " of " + step.reps);
    set(view.next, done ? "Well done." : steps[number + 1] ? "Next: " + steps[number + 1].name : "Last stretch");
    progress.value = position;
    set(view.elapsed, clock(position));
    set(view.left, clock(total - position));
    set(toggle, labels[state]);
    // Stopped (at the end, or paused after half of it): offer to log it, or to join.
    var half = counted * 2 >= total;
    var stopped = done || (state === "paused" && half);
    if (form) {
      form.hidden = !(stopped && half);
      seconds.value = String(counted);
      set(played, "You did " + spoken(counted) + ". ");
    }
    if (join) join.hidden = !stopped;
  }

  // Cues: the polite live region always; a tone and a voice when the reader turned them on.
  var options = { sound: false, speech: false };
  var audio = null;

  function announce(text) { set(live, text); }

  function tone(kind) {
    if (!options.sound || !audio) return;
    try {
      var start = audio.currentTime;
      var oscillator = audio.createOscillator();
      var gain = audio.createGain();
      oscillator.frequency.value = TONES[kind] || TONES.hold;
      gain.gain.setValueAtTime(0.18, start);
      gain.gain.exponentialRampToValueAtTime(0.001, start + 0.15);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(start);
      oscillator.stop(start + 0.16);
    } catch (error) { /* no sound, then */ }
  }

  function speak(text) {
    if (!options.speech || !window.speechSynthesis) return;
    try {
      window.speechSynthesis.cancel();
      var utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = document.documentElement.lang || "en-GB";
      window.speechSynthesis.speak(utterance);
    } catch (error) { /* no voice, then */ }
  }

  function cue(fresh) {
    var segment = segments[index];
    var heading = segment[1] !== "rest" && (fresh || firsts[segment[0]] === index);
    var text = words(index, heading);
    announce((heading ? "Step " + (segment[0] + 1) + " of " + steps.length + ": " : "") + text);
    tone(segment[1]);
    speak(text);
  }

  // Audio may only start from a gesture: made the first time the reader presses something.
  function wake() {
    if (!options.sound) return;
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!audio && Context) {
      try { audio = new Context(); } catch (error) { return; }
    }
    if (audio && audio.state === "suspended") audio.resume().catch(noop);
  }

  // The screen stays on while playing, where the browser allows it.
  var lock = null;
  var asking = false;
  function keepAwake(on) {
    if (!on) {
      if (lock) lock.release().catch(noop);
      lock = null;
      return;
    }
    if (lock || asking || !navigator.wakeLock || document.visibilityState !== "visible") return;
    asking = true;
    navigator.wakeLock.request("screen").then(function (sentinel) {
      asking = false;
      if (state !== "playing") { sentinel.release().catch(noop); return; }
      lock = sentinel;
      sentinel.addEventListener("release", function () { if (lock === sentinel) lock = null; });
    }, function () { asking = false; });
  }
  document.addEventListener("visibilitychange", function () {
    if (state === "playing") keepAwake(true);
  });

  // The clock: whole seconds measured from the clock's own time, so that a throttled tab (or a
  // test's fake clock) catches up exactly. Pausing keeps the unfinished part of a second.
  function tick() {
    if (state !== "playing") return;
    var moved = false;
    while (now() - anchor >= SECOND) {
      anchor += SECOND;
      into += 1;
      counted += 1;
      if (into >= segments[index][2]) {
        index += 1;
        into = 0;
        moved = true;
        if (index >= segments.length) { finish(); return; }
      }
    }
    render();
    if (moved) cue(false);
  }

  function run(on) {
    clearInterval(timer);
    timer = on ? setInterval(tick, TICK) : null;
    keepAwake(on);
  }

  // On a small screen, bring the whole player into view when the routine begins.
  function frame() {
    var box = screen.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) {
      screen.scrollIntoView({ block: box.height > window.innerHeight ? "start" : "nearest" });
    }
  }

  function play() {
    if (state === "playing") return;
    if (state === "finished") { restart(true); return; }
    if (state === "ready" && !index) frame();
    state = "playing";
    anchor = now() - carried;
    carried = 0;
    run(true);
    render();
    cue(true);
  }

  function pause() {
    if (state !== "playing") return;
    tick();
    if (state !== "playing") return;
    carried = now() - anchor;
    state = "paused";
    run(false);
    render();
    announce("Paused at " + clock(starts[index] + into) + ".");
  }

  function finish() {
    state = "finished";
    index = segments.length;
    into = 0;
    carried = 0;
    run(false);
    render();
    announce("Finished. Well done." + (form && !form.hidden ? " Log this session?" : ""));
    tone("done");
    speak("Finished. Well done.");
    var end = form && !form.hidden ? form : join;
    if (end) end.scrollIntoView({ block: "nearest" });
  }

  function go(i) {
    if (i >= segments.length) { finish(); return; }
    if (state === "finished") state = "paused";
    index = i;
    into = 0;
    carried = 0;
    if (state === "playing") anchor = now();
    render();
    cue(true);
  }

  function restart(playing) {
    index = 0;
    into = 0;
    counted = 0;
    carried = 0;
    run(false);
    state = "ready";
    if (playing) { play(); return; }
    render();
    announce("Back to the start.");
  }

  function current() {
    return segments[Math.min(index, segments.length - 1)][0];
  }

  // Back: to the start of this step, or to the previous step within its first seconds.
  function back() {
    var number = current();
    if (state === "finished") { go(firsts[number]); return; }
    var since = starts[index] + into - starts[firsts[number]];
    go(since < 3 && number > 0 ? firsts[number - 1] : firsts[number]);
  }

  function skip() {
    if (state === "finished") return;
    var number = current();
    go(number + 1 < steps.length ? firsts[number + 1] : segments.length);
  }

  function flip() {
    wake();
    if (state === "playing") pause(); else play();
  }

  toggle.addEventListener("click", flip);
  part("back").addEventListener("click", function () { wake(); back(); });
  part("skip").addEventListener("click", function () { wake(); skip(); });
  part("restart").addEventListener("click", function () { wake(); restart(state === "playing"); });

  // Keyboard: Space plays or pauses, the arrows skip and go back. Controls keep their own keys.
  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.repeat || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var target = event.target;
    var typing = target.closest && target.closest("input:not([type=checkbox]), textarea, select, [contenteditable]");
    var native = target.closest && target.closest("button, a, input, summary, textarea, select, [contenteditable]");
    if (event.key === " " || event.key === "Spacebar") {
      if (native) return;
      flip();
    } else if (event.key === "ArrowRight" && !typing) {
      wake();
      skip();
    } else if (event.key === "ArrowLeft" && !typing) {
      wake();
      back();
    } else {
      return;
    }
    event.preventDefault();
  });

  // Sound and spoken cues: off unless the reader turns them on; remembered on this device.
  function remembered(name) {
    try { return window.localStorage.getItem(KEY + name) === "on"; } catch (error) { return false; }
  }
  function remember(name, on) {
    try { window.localStorage.setItem(KEY + name, on ? "on" : "off"); } catch (error) { /* kept for now only */ }
  }
  var available = {
    sound: !!(window.AudioContext || window.webkitAudioContext),
    speech: !!(window.speechSynthesis && window.SpeechSynthesisUtterance)
  };
  ["sound", "speech"].forEach(function (name) {
    var box = part(name);
    if (!box) return;
    if (!available[name]) { box.closest("label").hidden = true; return; }
    box.checked = options[name] = remembered(name);
    box.addEventListener("change", function () {
      options[name] = box.checked;
      remember(name, box.checked);
      if (name === "sound" && box.checked) { wake(); tone("hold"); }
      if (name === "speech" && !box.checked && window.speechSynthesis) window.speechSynthesis.cancel();
    });
  });

  progress.max = total;
  screen.hidden = false;
  part("fallback").hidden = true;
  render();
})();
