// The plan as the player counts it: where each moment starts, each step's first, their words.
export function timeline(plan) {
  const starts = [];
  const firsts = [];
  let total = 0;
  plan.segments.forEach((segment, i) => {
    starts.push(total);
    total += segment[2];
    if (firsts[segment[0]] === undefined) firsts[segment[0]] = i;
  });
  return { steps: plan.steps, segments: plan.segments, cues: plan.cues || [], starts, firsts, total };
}

export function clock(s) {
  const r = s % 60;
  return Math.floor(s / 60) + ":" + (r < 10 ? "0" : "") + r;
}

export function spoken(s) {
  const m = Math.floor(s / 60);
  const r = s % 60;
  return (m ? m + " min" : "") + (m && r ? " " : "") + (r || !m ? r + " s" : "");
}

function long(s) {
  const m = Math.floor(s / 60);
  const r = s % 60;
  const parts = [];
  if (m) parts.push(m + (m === 1 ? " minute" : " minutes"));
  if (r || !m) parts.push(r + (r === 1 ? " second" : " seconds"));
  return parts.join(" ");
}

const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);

export function phase(segment) {
  const kind = segment[1];
  if (kind === "hold") return segment[3] ? capital(segment[3]) + " side · Hold" : "Hold";
  return { release: "Release", switch: "Switch sides" }[kind] || "Rest";
}

// The repetition, while there is one: none while switching sides or resting.
export function rep(t, segment) {
  const kind = segment[1];
  return kind === "hold" || kind === "release" ? "Rep " + segment[4] + " of " + t.steps[segment[0]].reps : "";
}

// What the line under the timer says: the next stretch, and in a moment's last 3 seconds what
// the next moment asks for.
export function next(t, i, into) {
  const segment = t.segments[i];
  const after = t.segments[i + 1];
  const following = t.steps[segment[0] + 1];
  if (after && segment[2] - into <= 3) {
    return "Next: " + (after[0] !== segment[0] ? t.steps[after[0]].name : t.cues[i + 1] || phase(after));
  }
  return following ? "Next: " + following.name : "Last stretch";
}

// Words for a moment, as the live region announces them and the voice says them. `fresh`: the
// reader has just arrived here (a new step, a skip, a resume), so say where; `left`: seconds left.
export function words(t, i, fresh, left) {
  const segment = t.segments[i];
  const kind = segment[1];
  const said = [];
  if (fresh) said.push(t.steps[segment[0]].name + ".");
  if (kind === "hold") {
    if (segment[3] && (fresh || segment[4] === 1)) said.push(capital(segment[3]) + " side.");
    said.push(segment[4] > 1 ? "Rep " + segment[4] + ". Hold." : "Hold.");
  } else if (kind === "release") {
    said.push("Release.");
  } else if (kind === "switch") {
    said.push("Switch sides.");
  } else {
    said.push("Rest, " + long(left) + ".");
    if (t.steps[segment[0] + 1]) said.push("Next: " + t.steps[segment[0] + 1].name + ".");
  }
  return said.join(" ");
}
