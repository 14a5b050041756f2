// A soft tone at each change (generated, no file) and, if the reader wants them, spoken cues.
// Tones are on and speech off until the reader says otherwise; this device remembers.
const KEY = "limber.player.";
const TONES = { hold: 880, release: 660, switch: 587, rest: 523, done: 1047 };
const Context = window.AudioContext || window.webkitAudioContext;
const voice = !!(window.speechSynthesis && window.SpeechSynthesisUtterance);
const options = { sound: true, speech: false };
let audio = null;

// Audio may only start from a gesture: made the first time the reader presses something.
export function wake() {
  if (!options.sound || !Context) return;
  if (!audio) {
    try { audio = new Context(); } catch (error) { return; }
  }
  if (audio.state === "suspended") audio.resume().catch(() => {});
}

export function tone(kind) {
  if (!options.sound || !audio) return;
  try {
    const start = audio.currentTime;
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = TONES[kind] || TONES.hold;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.15, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.4);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(start);
    oscillator.stop(start + 0.42);
  } catch (error) { /* no sound, then */ }
}

export function speak(text) {
  if (!options.speech || !voice) return;
  try {
    speechSynthesis.cancel();
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = document.documentElement.lang || "en-GB";
    speechSynthesis.speak(utterance);
  } catch (error) { /* no voice, then */ }
}

function remembered(name) {
  try {
    const kept = localStorage.getItem(KEY + name);
    return kept ? kept === "on" : options[name];
  } catch (error) { return options[name]; }
}

// The two checkboxes: hidden where the browser has no such thing.
export function toggles(part) {
  const available = { sound: !!Context, speech: voice };
  ["sound", "speech"].forEach((name) => {
    const box = part(name);
    if (!box) return;
    if (!available[name]) { box.closest("label").hidden = true; return; }
    box.checked = options[name] = remembered(name);
    box.addEventListener("change", () => {
      options[name] = box.checked;
      try { localStorage.setItem(KEY + name, box.checked ? "on" : "off"); } catch (error) { /* for now only */ }
      if (name === "sound" && box.checked) { wake(); tone("hold"); }
      if (name === "speech" && !box.checked && voice) speechSynthesis.cancel();
    });
  });
}
