/* The editor's desk on the admin's change pages: a live preview of the unsaved form, writing help
   for Markdown fields, ordering inline rows by hand, and an autosaved copy in this browser.
   It runs only where the desk's change form template put its #desk marker inside the form. */
(() => {
  "use strict";

  const ORDERED = { sections: "section", steps: "step" }; // inlines ordered by hand: what a row is
  let uid = 0;
  const newId = (kind) => `desk-${kind}-${++uid}`;

  function h(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (value === false || value == null) continue;
      if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : value);
    }
    node.append(...children.flat());
    return node;
  }
  const button = (label, onclick, attrs = {}) => h("button", { type: "button", onclick, ...attrs }, label);
  const fire = (el, ...types) => types.forEach((type) => el.dispatchEvent(new Event(type, { bubbles: true })));
  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const capital = (word) => word[0].toUpperCase() + word.slice(1);
  function debounce(fn, ms) {
    let timer;
    const run = (...args) => {
      clearTimeout(timer);
      timer = setTimeout(() => fn(...args), ms);
    };
    run.cancel = () => clearTimeout(timer);
    return run;
  }
  // Storage may be full or refused (private windows): everything here is a convenience.
  function storage(method, ...args) {
    try {
      return localStorage[method](...args);
    } catch {
      return null;
    }
  }
  const store = {
    get: (key) => storage("getItem", key),
    set: (key, value) => storage("setItem", key, value),
    remove: (key) => storage("removeItem", key),
  };

  let live; // one polite live region, for what the ordering buttons do
  function announce(text) {
    live.textContent = "";
    setTimeout(() => (live.textContent = text), 60); // a change screen readers notice
  }

  // Writing help ---------------------------------------------------------------------------

  // Replaces value[start:end] as typing would (so the browser's undo keeps working where it
  // can), then selects [selStart, selEnd). Either way an `input` event follows.
  function replace(ta, start, end, text, selStart, selEnd) {
    const expected = ta.value.slice(0, start) + text + ta.value.slice(end);
    ta.focus();
    ta.setSelectionRange(start, end);
    let typed = false;
    try {
      typed = document.execCommand("insertText", false, text);
    } catch {
      typed = false;
    }
    if (!typed || ta.value !== expected) {
      ta.value = expected;
      fire(ta, "input");
    }
    ta.setSelectionRange(selStart, selEnd);
  }

  function wrap(ta, mark, placeholder) {
    const value = ta.value;
    let [s, e] = [ta.selectionStart, ta.selectionEnd];
    // A double-clicked word may bring its space along: spaces stay outside the marks.
    while (e > s && /\s/.test(value[e - 1])) e--;
    while (s < e && /\s/.test(value[s])) s++;
    const inner = value.slice(s, e);
    const marked = value.slice(s - mark.length, s) === mark && value.slice(e, e + mark.length) === mark;
    const inBold = mark === "*" && value[s - 2] === "*" && value[s - 3] !== "*"; // "**word**": add italics
    if (inner && marked && !inBold) {
      return replace(ta, s - mark.length, e + mark.length, inner, s - mark.length, e - mark.length); // unmark
    }
    const text = inner || placeholder;
    replace(ta, s, e, mark + text + mark, s + mark.length, s + mark.length + text.length);
  }

  const lineStart = (value, at) => value.lastIndexOf("\n", at - 1) + 1;

  function heading(ta) {
    const [s, e] = [ta.selectionStart, ta.selectionEnd];
    const start = lineStart(ta.value, s);
    const old = /^#{1,6} /.exec(ta.value.slice(start))?.[0] || "";
    const text = old === "### " ? "" : "### "; // pressed again: back to a paragraph
    const shift = text.length - old.length;
    replace(ta, start, start + old.length, text, Math.max(start, s + shift), Math.max(start, e + shift));
  }

  function list(ta) {
    const value = ta.value;
    const start = lineStart(value, ta.selectionStart);
    let last = ta.selectionEnd;
    if (last > ta.selectionStart && value[last - 1] === "\n") last--; // not the line after
    const stop = value.indexOf("\n", last) < 0 ? value.length : value.indexOf("\n", last);
    const lines = value.slice(start, stop).split("\n");
    const filled = lines.filter((line) => line.trim());
    const undo = filled.length > 0 && filled.every((line) => line.startsWith("- ")); // pressed again
    const item = (line) => {
      if (!line.trim()) return filled.length ? line : "- "; // on an empty line: a new item
      if (undo) return line.slice(2);
      return line.startsWith("- ") ? line : `- ${line}`;
    };
    const text = lines.map(item).join("\n");
    replace(ta, start, stop, text, filled.length ? start : start + text.length, start + text.length);
  }

  // The two dialogs live outside the admin's form (forms do not nest); each remembers the
  // textarea and selection it was opened for, and gives the focus back to it when it closes.
  function dialog(title, ...content) {
    const titleId = newId("title");
    const box = h("dialog", { class: "desk-dialog", "aria-labelledby": titleId });
    const cancel = h("p", { class: "desk-dialog__actions" }, button("Cancel", () => box.close()));
    box.append(h("h2", { id: titleId, text: title }), ...content, cancel);
    document.body.append(box);
    let target = null;
    box.addEventListener("close", () => target?.[0].focus());
    return {
      box,
      selected: () => target[0].value.slice(target[1], target[2]),
      open(ta, focus) {
        target = [ta, ta.selectionStart, ta.selectionEnd];
        box.showModal();
        focus.focus();
      },
      insert(text, url) {
        box.close();
        const [ta, s, e] = target;
        const escaped = (c) => `%${c.charCodeAt(0).toString(16).padStart(2, "0").toUpperCase()}`;
        const link = `[${text.replace(/([[\]\\])/g, "\\$1")}](${url.trim().replace(/[\s()]/g, escaped)})`;
        replace(ta, s, e, link, s + link.length, s + link.length);
      },
    };
  }
  const labelled = (label, input) => h("p", {}, h("label", { for: input.id, text: label }), input);

  function linkDialog() {
    const text = h("input", { type: "text", id: newId("text") });
    const hint = "https://… or /stretches/…";
    const url = h("input", { type: "text", id: newId("url"), inputmode: "url", placeholder: hint });
    const submit = h("button", { type: "submit" }, "Add link");
    const form = h("form", {}, labelled("Link text", text), labelled("Address", url), h("p", {}, submit));
    const box = dialog("Add a link", form);
    form.addEventListener("submit", (event) => {
      event.preventDefault(); // nothing is sent: the link goes into the text
      if (url.value.trim()) box.insert(text.value || url.value.trim(), url.value);
      else box.box.close();
    });
    return (ta) => {
      box.open(ta, url);
      text.value = box.selected();
      url.value = "";
    };
  }

  function pageDialog(searchUrl) {
    const query = h("input", { type: "search", id: newId("q"), autocomplete: "off" });
    const found = h("p", { class: "desk-found", role: "status" });
    const results = h("ul", { class: "desk-results" });
    const box = dialog("Link to a page", labelled("Find a page by its name", query), found, results);
    let controller = null;
    box.box.addEventListener("close", () => controller?.abort());
    const result = (page) => {
      const choose = () => box.insert(box.selected() || page.title || page.label, page.url);
      const url = h("span", { class: "desk-result__url", text: page.url });
      return h("li", {}, button([page.label, url], choose, { class: "desk-result" }));
    };
    const search = debounce(async () => {
      controller?.abort();
      results.replaceChildren();
      found.textContent = "";
      if (!query.value.trim()) return;
      controller = new AbortController();
      try {
        const url = `${searchUrl}?${new URLSearchParams({ q: query.value.trim() })}`;
        const response = await fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } });
        if (!response.ok) throw new Error(`${response.status} ${response.statusText}`.trim());
        const pages = (await response.json()).results || [];
        results.replaceChildren(...pages.map(result));
        found.textContent = pages.length ? `${plural(pages.length, "page")} found` : "No pages found";
      } catch (error) {
        if (error.name !== "AbortError") found.textContent = `Search failed: ${error.message}`;
      }
    }, 250);
    query.addEventListener("input", search);
    return (ta) => {
      box.open(ta, query);
      query.value = box.selected().trim();
      search();
    };
  }

  // One tab stop per toolbar; the arrow keys go from button to button.
  function rove(event) {
    const buttons = [...event.currentTarget.querySelectorAll("button")];
    const i = buttons.indexOf(document.activeElement);
    const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: buttons.length - 1 }[event.key];
    if (i < 0 || to === undefined) return;
    event.preventDefault();
    const next = buttons[(to + buttons.length) % buttons.length];
    buttons.forEach((b) => (b.tabIndex = b === next ? 0 : -1));
    next.focus();
  }

  function addToolbar(ta, tools) {
    const label = document.querySelector(`label[for="${ta.id}"]`)?.textContent.replace(/:\s*$/, "").trim();
    const bold = () => wrap(ta, "**", "bold text");
    const italic = () => wrap(ta, "*", "emphasis");
    const actions = [
      ["Heading", () => heading(ta)],
      ["Bold", bold, "Control+B Meta+B"],
      ["Italic", italic, "Control+I Meta+I"],
      ["List", () => list(ta)],
      ["Link", () => tools.link(ta)],
      ["Link to a page", () => tools.page(ta)],
    ];
    const bar = h("div", { class: "desk-toolbar", role: "toolbar", "aria-label": `Formatting: ${label || "text"}` });
    actions.forEach(([name, act, keys], i) =>
      bar.append(button(name, act, { tabindex: i ? "-1" : "0", "aria-keyshortcuts": keys, "aria-controls": ta.id })),
    );
    bar.addEventListener("keydown", rove);
    const editor = h("div", { class: "desk-editor" });
    ta.before(editor);
    editor.append(bar, ta);
    ta.addEventListener("keydown", (event) => {
      const key = event.key.toLowerCase();
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || (key !== "b" && key !== "i")) return;
      event.preventDefault();
      (key === "b" ? bold : italic)();
    });
  }

  function addCount(field) {
    const target = Number(field.dataset.deskTarget);
    const limit = field.maxLength > 0 ? `; ${field.maxLength} at most` : "";
    const count = h("div", { class: "help desk-count", id: newId("count") });
    const describedBy = [field.getAttribute("aria-describedby"), count.id].filter(Boolean);
    field.setAttribute("aria-describedby", describedBy.join(" "));
    (field.closest(".flex-container") || field).after(count); // lined up as the admin's help texts
    const update = () => {
      const n = [...field.value].length; // characters, as the server counts them
      const over = n - target;
      const long = `${n} characters: ${over} over the ${target} search engines show`;
      count.textContent = (over > 0 ? long : `${n} of ${target} characters`) + limit;
      count.classList.toggle("desk-count--over", over > 0);
    };
    field.addEventListener("input", update);
    update();
  }

  // Ordering -------------------------------------------------------------------------------

  const initial = new WeakMap(); // each row field's value when its row arrived on the page
  function stateOf(el) {
    if (el.type === "checkbox" || el.type === "radio") return String(el.checked);
    if (el.type === "file") return String(el.files.length);
    return el.tagName === "SELECT" ? [...el.selectedOptions].map((o) => o.value).join("\n") : el.value;
  }
  const fieldsOf = (root) => [...root.querySelectorAll("input, select, textarea")];
  const rowPattern = (prefix) => new RegExp(`^${prefix}-\\d+$`);
  const rowsOf = (group, prefix) =>
    [...group.querySelectorAll(`[id^="${prefix}-"]`)].filter((el) => rowPattern(prefix).test(el.id));
  const fieldOf = (row, name) => row.querySelector(`[name="${row.id}-${name}"]`);

  // A new row nobody filled in must stay as Django sent it: numbered, it would count as filled
  // in, and Django would ask for its required fields.
  function untouchedNew(row) {
    const order = fieldOf(row, "order");
    return (
      !fieldOf(row, "id")?.value &&
      fieldsOf(row).every((el) => el === order || !initial.has(el) || initial.get(el) === stateOf(el))
    );
  }

  function renumber(group, prefix) {
    let n = 0;
    for (const row of rowsOf(group, prefix)) {
      const order = fieldOf(row, "order");
      if (order) order.value = untouchedNew(row) ? initial.get(order) ?? order.defaultValue : String(++n);
    }
  }

  function labelRows(group, prefix) {
    const rows = rowsOf(group, prefix);
    rows.forEach((row, i) => {
      const stretch = fieldOf(row, "stretch")?.selectedOptions[0];
      const chosen = stretch?.value && stretch.textContent.trim();
      const name = fieldOf(row, "heading")?.value.trim() || chosen || `${ORDERED[prefix]} ${i + 1}`;
      for (const [cls, way, edge] of [["desk-up", "up", 0], ["desk-down", "down", rows.length - 1]]) {
        const control = row.querySelector(`.${cls}`);
        control?.setAttribute("aria-label", `Move “${name}” ${way}`);
        control?.setAttribute("aria-disabled", String(i === edge)); // not `disabled`: focus stays on it
      }
    });
  }

  // Puts a row before or after another; a tabular row's error row travels with it.
  function place(row, ref, where) {
    const errorsOf = (r) => {
      const before = r.previousElementSibling;
      return before?.classList.contains("row-form-errors") ? before : null;
    };
    const errors = errorsOf(row);
    if (where === "before") (errorsOf(ref) || ref).before(row);
    else ref.after(row);
    if (errors) row.before(errors);
  }

  function setUpOrdering(group, prefix) {
    group.classList.add("desk-ordered"); // hides the order field: the row's place says it now
    const rows = () => rowsOf(group, prefix);
    const moved = (row) => {
      renumber(group, prefix);
      labelRows(group, prefix);
      announce(`Moved to position ${rows().indexOf(row) + 1} of ${rows().length}`);
      const order = fieldOf(row, "order");
      if (order) fire(order, "change"); // the preview and the autosave follow
    };
    const move = (row, by, control) => {
      const to = rows()[rows().indexOf(row) + by];
      if (!to) return announce(by < 0 ? "Already first" : "Already last");
      place(row, to, by < 0 ? "before" : "after");
      control.focus(); // moving the row took the focus away from its button
      control.scrollIntoView({ block: "nearest" });
      moved(row);
    };
    const rowOf = (el) => {
      for (let node = el; node && node !== group; node = node.parentElement) {
        if (rowPattern(prefix).test(node.id)) return node;
      }
      return null;
    };
    const addControls = (row) => {
      if (row.querySelector(".desk-mover")) return;
      fieldsOf(row).forEach((el) => initial.set(el, stateOf(el)));
      const handle = h("span", { class: "desk-handle", draggable: "true", title: "Drag to reorder" }, "⠿");
      handle.setAttribute("aria-hidden", "true"); // for pointers only: keyboards have the buttons
      const up = button("↑", (e) => move(row, -1, e.currentTarget), { class: "desk-up" });
      const down = button("↓", (e) => move(row, 1, e.currentTarget), { class: "desk-down" });
      const mover = h("span", { class: "desk-mover" }, handle, up, down);
      if (row.tagName === "TR") row.querySelector("td.original")?.append(mover); // after its caption
      else (row.querySelector("h3") || row).prepend(mover);
    };
    rows().forEach(addControls);
    labelRows(group, prefix);

    // Stacked rows are tall: while a handle is held they shrink to their titles, so that every
    // row fits on the screen, and the held one stays under the pointer (where a drag begins).
    const compact = (on, el) => {
      if (group.classList.contains("desk-compact") === on) return;
      const top = el.getBoundingClientRect().top;
      group.classList.toggle("desk-compact", on);
      group.style.paddingBottom = "";
      window.scrollBy(0, el.getBoundingClientRect().top - top);
      const short = el.getBoundingClientRect().top - top; // the page ended too soon to scroll
      if (short > 1) {
        group.style.paddingBottom = `${short}px`;
        window.scrollBy(0, short);
      }
    };
    let release = null; // a click on a handle, no drag: the rows come back as they were
    const stopRelease = () => release && document.removeEventListener("mouseup", release);
    group.addEventListener("mousedown", (event) => {
      const handle = event.button === 0 && event.target.closest?.(".desk-handle");
      if (!handle) return;
      compact(true, handle);
      stopRelease();
      release = () => compact(false, handle);
      document.addEventListener("mouseup", release, { once: true });
    });

    let dragged = null;
    let over = null;
    const mark = (row, where) => {
      over?.classList.remove("desk-drop-before", "desk-drop-after");
      over = row;
      row?.classList.add(`desk-drop-${where}`);
    };
    const side = (row) => (rows().indexOf(dragged) < rows().indexOf(row) ? "after" : "before"); // takes its place
    group.addEventListener("dragstart", (event) => {
      if (!event.target.closest?.(".desk-handle")) return;
      stopRelease(); // the drag ends with `dragend` instead
      dragged = rowOf(event.target);
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", dragged.id); // some browsers drag nothing without data
      event.dataTransfer.setDragImage(dragged, 16, 16);
      dragged.classList.add("desk-dragging");
    });
    group.addEventListener("dragover", (event) => {
      const row = dragged && rowOf(event.target);
      if (!row) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      mark(row === dragged ? null : row, side(row));
    });
    group.addEventListener("drop", (event) => {
      const row = dragged && rowOf(event.target);
      if (!row) return;
      event.preventDefault(); // and no text dropped into a textarea
      if (row === dragged) return;
      place(dragged, row, side(row));
      moved(dragged);
    });
    group.addEventListener("dragend", () => {
      mark(null);
      if (!dragged) return;
      dragged.classList.remove("desk-dragging");
      compact(false, dragged.querySelector(".desk-handle"));
      dragged = null;
    });
    group.addEventListener("input", () => labelRows(group, prefix));
    group.addEventListener("change", () => labelRows(group, prefix));
    return { group, prefix, addControls };
  }

  // Django's inlines.js renames every row by its place on the page when a new row is removed.
  // Saved rows must keep the first indexes (Django looks them up there), so once rows have been
  // moved the indexes are put back: saved rows first, then new ones.
  function reindex(group, prefix) {
    const rows = rowsOf(group, prefix);
    const saved = (row) => row.classList.contains("has_original");
    const wanted = [...rows.filter(saved), ...rows.filter((row) => !saved(row))];
    if (wanted.every((row, i) => row.id === `${prefix}-${i}`)) return;
    const pattern = new RegExp(`${prefix}-(\\d+|__prefix__)`);
    wanted.forEach((row, i) => {
      for (const el of [row, ...row.querySelectorAll("[id], [name], [for]")]) {
        for (const attr of ["id", "name", "for"]) {
          const value = el.getAttribute(attr);
          if (value && pattern.test(value)) el.setAttribute(attr, value.replace(pattern, `${prefix}-${i}`));
        }
      }
    });
  }

  // Autosave -------------------------------------------------------------------------------

  const TEXT_TYPES = ["text", "url", "number", "date", "time", "datetime-local", "email", "search", "tel"];

  // What the copy keeps a field under (nothing for tokens, files, passwords, most hidden inputs).
  function keyOf(el) {
    const { name, type } = el;
    if (!name || name === "csrfmiddlewaretoken" || name.includes("__prefix__")) return null;
    if (type === "checkbox" || type === "radio") return `${name}=${el.value}`;
    if (el.tagName === "SELECT" || el.tagName === "TEXTAREA" || TEXT_TYPES.includes(type)) return name;
    return type === "hidden" && name.endsWith("-TOTAL_FORMS") ? name : null; // to add rows back
  }
  function valueOf(el) {
    if (el.type === "checkbox" || el.type === "radio") return el.checked;
    // A select's text too: an autocomplete box has only the options chosen on the page.
    return el.tagName === "SELECT" ? [...el.selectedOptions].map((o) => [o.value, o.text]) : el.value;
  }
  const comparable = (value) => JSON.stringify(Array.isArray(value) ? value.map((pair) => pair[0]) : value);

  function setValue(el, value) {
    if (comparable(valueOf(el)) === comparable(value)) return false;
    if (el.type === "checkbox" || el.type === "radio") el.checked = value;
    else if (el.tagName === "SELECT") {
      for (const [v, text] of value) if (![...el.options].some((o) => o.value === v)) el.add(new Option(text, v));
      for (const option of el.options) option.selected = value.some(([v]) => v === option.value);
    } else el.value = value;
    return true;
  }

  function restore(form, values, orderings) {
    // Rows first: the copy may have more inline rows than the page.
    for (const [name, total] of Object.entries(values)) {
      const count = name.endsWith("-TOTAL_FORMS") && form.elements[name];
      const group = count ? document.getElementById(`${name.slice(0, -"-TOTAL_FORMS".length)}-group`) : null;
      const add = group?.querySelector(".add-row a");
      for (let before = null; add && Number(count.value) < Number(total) && count.value !== before; ) {
        before = count.value; // unchanged after a click: at the maximum
        add.click();
      }
    }
    for (const el of form.elements) {
      const key = keyOf(el);
      if (!key || key.endsWith("-TOTAL_FORMS") || !(key in values)) continue;
      if (setValue(el, values[key])) fire(el, "input", "change");
    }
    // And the rows in the order the copy numbered them, blank new rows last.
    for (const { group, prefix } of orderings) {
      const rank = (row) => (untouchedNew(row) ? Infinity : Number(fieldOf(row, "order")?.value) || Infinity);
      const sorted = rowsOf(group, prefix).sort((a, b) => rank(a) - rank(b));
      for (let i = sorted.length - 1; i > 0; i--) place(sorted[i - 1], sorted[i], "before");
      renumber(group, prefix);
      labelRows(group, prefix);
    }
  }

  const KEPT_DAYS = 7; // an older copy is more likely to undo someone's later edits than help

  function setUpAutosave(form, desk, orderings) {
    const key = `limber-desk:${desk.dataset.autosaveKey || location.pathname}`;
    const collect = () => {
      const values = {};
      for (const el of form.elements) if (keyOf(el)) values[keyOf(el)] = valueOf(el);
      return values;
    };
    let waiting = false; // a copy is on offer: it is not overwritten before the editor decides
    const save = debounce(() => store.set(key, JSON.stringify({ savedAt: Date.now(), values: collect() })), 1000);
    const changed = () => waiting || save();
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    // Kept until the page comes back with the same values, so a save that fails (a session
    // that expired, say) loses nothing; on a shared computer, signing out forgets every copy.
    form.addEventListener("submit", () => {
      save.cancel();
      store.set(key, JSON.stringify({ savedAt: Date.now(), values: collect(), sent: true }));
    });
    document.getElementById("logout-form")?.addEventListener("submit", () => {
      for (const name of Object.keys(localStorage)) if (name.startsWith("limber-desk:")) store.remove(name);
    });

    let stored = null;
    try {
      stored = JSON.parse(store.get(key));
    } catch {
      stored = null;
    }
    if (!stored?.values) return;
    if (Date.now() - stored.savedAt > KEPT_DAYS * 86400000) return store.remove(key);
    // Saved on the server since it was kept (this form's own save, or someone else's): stale.
    if (Number(desk.dataset.savedAt || 0) >= stored.savedAt) return store.remove(key);
    // The form was sent and the admin says it was saved (whatever this browser's clock says).
    if (stored.sent && document.querySelector(".messagelist .success")) return store.remove(key);
    const now = collect();
    const same = Object.entries(stored.values).every(([k, v]) => comparable(now[k]) === comparable(v));
    if (same) return store.remove(key); // nothing the page does not have already

    const when = new Date(stored.savedAt);
    const lang = document.documentElement.lang || undefined;
    const time = when.toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    const today = when.toDateString() === new Date().toDateString();
    const day = today ? "" : `${when.toLocaleDateString(lang, { day: "numeric", month: "long" })}, `;
    const text = h("span", { text: `Unsaved changes from ${day}${time} are kept in this browser.` });
    const notice = h("div", { class: "desk-notice", role: "status", tabindex: "-1" }, text);
    const done = (message) => {
      waiting = false;
      text.textContent = message;
      notice.querySelectorAll("button").forEach((b) => b.remove());
      notice.focus(); // its buttons are gone: the focus stays where they were
    };
    const keep = () => {
      restore(form, stored.values, orderings);
      done("Unsaved changes restored. Save to keep them.");
      save();
    };
    const forget = () => {
      store.remove(key);
      done("Unsaved changes discarded.");
    };
    notice.append(" ", button("Restore them", keep), " ", button("Discard", forget));
    waiting = true;
    desk.after(notice);
  }

  // Live preview ---------------------------------------------------------------------------

  const WIDTHS = { phone: 390, desktop: 1280 };

  function setUpPreview(form, desk) {
    const main = document.getElementById("content-main") || form.parentElement;
    const wide = matchMedia("(min-width: 1200px)");
    const frame = h("iframe", { title: "Preview of the page", sandbox: "allow-same-origin", class: "desk-frame" });
    const stage = h("div", { class: "desk-stage" }, frame);
    const status = h("p", { class: "desk-status", role: "status" });
    const problems = h("div", { class: "desk-problems" });
    const toggles = (names, chosen, pick) => {
      const press = (name) => {
        buttons.forEach((b) => b.setAttribute("aria-pressed", String(b.textContent === capital(name))));
        pick(name);
      };
      const buttons = names.map((name) =>
        button(capital(name), () => press(name), { "aria-pressed": String(name === chosen) }),
      );
      return buttons;
    };

    let device = "phone";
    const devices = toggles(Object.keys(WIDTHS), device, (name) => ((device = name), layout()));
    // A members-only page has two views; the switch shows while "members only" is ticked.
    const membersOnly = document.getElementById("id_members_only");
    let views = (desk.dataset.views || "").split(/\s+/).filter(Boolean);
    if (views.length < 2 && membersOnly) views = ["reader", "member"];
    let view = views[0] || "";
    const viewGroup = h("div", { class: "desk-group", role: "group", "aria-label": "View as" });
    viewGroup.append(...toggles(views, view, (name) => ((view = name), refresh())));
    const viewsShown = () => views.length > 1 && (!membersOnly || membersOnly.checked);
    const syncViews = () => (viewGroup.hidden = !viewsShown());
    membersOnly?.addEventListener("change", syncViews);
    syncViews();

    const hide = button("Hide preview", () => setOpen(false, true), { "aria-controls": "desk-preview" });
    const show = button("Show preview", () => setOpen(true, true), { "aria-controls": "desk-preview" });
    const deviceGroup = h("div", { class: "desk-group", role: "group", "aria-label": "Device" }, ...devices);
    const bar = h("div", { class: "desk-preview__bar" }, deviceGroup, viewGroup, hide);
    const pane = h("aside", { class: "desk-preview", id: "desk-preview", "aria-label": "Preview" });
    pane.append(bar, status, problems, stage);
    main.append(pane);
    desk.after(h("div", { class: "desk-bar" }, show));

    function layout() {
      const [width, height] = [stage.clientWidth, stage.clientHeight];
      if (!width || !height) return;
      const scale = Math.min(1, width / WIDTHS[device]); // the desktop page, shrunk to fit
      Object.assign(frame.style, {
        width: `${WIDTHS[device]}px`,
        height: `${height / scale}px`,
        transform: scale < 1 ? `scale(${scale})` : "",
        left: `${Math.max(0, (width - WIDTHS[device] * scale) / 2)}px`,
      });
    }
    new ResizeObserver(layout).observe(stage);

    let open = false;
    let dirty = true; // the form changed since the last preview
    function setOpen(value, byHand) {
      open = value;
      pane.hidden = !open;
      show.hidden = open;
      show.setAttribute("aria-expanded", String(open));
      main.classList.toggle("desk-split", open && wide.matches);
      pane.classList.toggle("desk-preview--overlay", open && !wide.matches);
      if (byHand && wide.matches) store.set("limber-desk-pane", open ? "open" : "closed");
      if (byHand) (open ? hide : show).focus();
      if (open && dirty) refresh();
    }
    const openByDefault = () => wide.matches && store.get("limber-desk-pane") !== "closed";
    wide.addEventListener("change", () => setOpen(openByDefault(), false));
    pane.addEventListener("keydown", (event) => event.key === "Escape" && !wide.matches && setOpen(false, true));

    const say = (text, error = false) => {
      if (status.textContent !== text) status.textContent = text; // the same words are not said again
      status.classList.toggle("desk-status--error", error);
    };
    function formData() {
      const data = new FormData(form);
      for (const [name, value] of [...data]) if (value instanceof File) data.set(name, ""); // no uploads
      if (viewsShown()) data.set("_desk_view", view);
      return data;
    }
    // The page without its scripts: the frame runs none, and would report each one it blocks.
    function pageHtml(html) {
      const doc = new DOMParser().parseFromString(html, "text/html");
      const scripts = "script, link[rel~=modulepreload], link[rel~=preload][as=script]";
      doc.querySelectorAll(scripts).forEach((node) => node.remove());
      return `<!doctype html>\n${doc.documentElement.outerHTML}`;
    }

    let controller = null;
    let pending = false; // a new page is loading in the frame
    let scrollY = 0; // where to put it back
    async function refresh() {
      if (!open) return; // done when the pane opens
      dirty = false;
      controller?.abort(); // only the newest answer is shown
      const mine = (controller = new AbortController());
      const slow = setTimeout(() => say("Updating…"), 800);
      try {
        const response = await fetch(desk.dataset.previewUrl, {
          method: "POST",
          body: formData(),
          signal: mine.signal,
          headers: { Accept: "application/json" },
        });
        if (!response.ok) throw new Error(`${response.status} ${response.statusText}`.trim());
        if (!response.headers.get("content-type")?.includes("json")) throw new Error("signed out?");
        const data = await response.json();
        if (mine !== controller) return;
        const y = frame.contentWindow.scrollY; // 0 while a page is on its way: not put back yet
        if (y > 0 || !pending) scrollY = y;
        pending = true;
        frame.srcdoc = pageHtml(data.html || "");
        listProblems(data.problems || []);
        say("Preview updated");
      } catch (error) {
        if (error.name !== "AbortError") say(`Preview unavailable: ${error.message}`, true); // the last one stays
      } finally {
        clearTimeout(slow);
      }
    }
    const soon = debounce(refresh, 300);
    const edited = () => ((dirty = true), open && soon());
    form.addEventListener("input", edited);
    form.addEventListener("change", edited);

    frame.addEventListener("load", () => {
      const doc = frame.contentDocument;
      if (!doc || !frame.srcdoc) return;
      pending = false;
      if (frame.contentWindow.scrollY === 0) frame.contentWindow.scrollTo({ top: scrollY, behavior: "instant" });
      // Links and forms stay inside the preview: its frame may not go anywhere else.
      doc.addEventListener("click", (event) => {
        const href = event.target.closest?.("a[href]")?.getAttribute("href");
        if (href == null) return;
        event.preventDefault();
        if (href.startsWith("#")) doc.getElementById(decodeURIComponent(href.slice(1)))?.scrollIntoView();
      });
      doc.addEventListener("submit", (event) => event.preventDefault());
    });

    function focusField(el) {
      if (!wide.matches) setOpen(false, false); // the overlay would cover the field
      for (let d = el.closest("details"); d; d = d.parentElement?.closest("details")) d.open = true;
      const box = el.classList.contains("select2-hidden-accessible"); // an autocomplete box: its stand-in
      const shown = box ? el.parentElement.querySelector(".select2-selection") : el;
      shown?.focus();
      const seen = document.activeElement === shown ? shown : el.closest(".form-row, .inline-related, tr") || el;
      seen.scrollIntoView({ block: "center" });
    }

    function listProblems(found) {
      if (!found.length) return problems.replaceChildren(h("p", { text: "No problems found before publishing." }));
      const items = found.map(({ level, message, field, where }) => {
        const kind = level === "error" ? "error" : "warning";
        const text = [h("span", { class: "desk-problem__level", text: capital(kind) }), where ? ` ${where}: ` : " "];
        text.push(message);
        const input = field && (document.getElementsByName(field)[0] || document.getElementById(`id_${field}`));
        const item = input ? button(text, () => focusField(input)) : h("span", {}, text);
        return h("li", { class: `desk-problem desk-problem--${kind}` }, item);
      });
      const title = h("h2", { text: `${plural(found.length, "problem")} before publishing` });
      problems.replaceChildren(title, h("ul", {}, items));
    }

    setOpen(openByDefault(), false);
  }

  // Start ----------------------------------------------------------------------------------

  function start() {
    const desk = document.getElementById("desk");
    const form = desk?.closest("form");
    if (!form) return;
    live = h("div", { class: "desk-live desk-sr-only", "aria-live": "polite" });
    document.body.append(live);

    let dialogs = null; // made the first time a toolbar needs them
    const made = () => (dialogs ||= { link: linkDialog(), page: pageDialog(desk.dataset.linkSearchUrl) });
    const tools = { link: (ta) => made().link(ta), page: (ta) => made().page(ta) };
    const outsideTemplate = (el) => !el.closest(".empty-form");
    const enhance = (root) => {
      const fields = (selector) => [...root.querySelectorAll(selector)].filter(outsideTemplate);
      fields("textarea[data-desk-markdown]").forEach((ta) => addToolbar(ta, tools));
      fields("[data-desk-target]").forEach(addCount);
    };
    enhance(form);

    const orderings = Object.keys(ORDERED)
      .map((prefix) => [prefix, document.getElementById(`${prefix}-group`)])
      .filter(([, group]) => group && form.contains(group))
      .map(([prefix, group]) => setUpOrdering(group, prefix));
    const orderingOf = (event) => orderings.find((o) => o.prefix === event.detail?.formsetName);
    document.addEventListener("formset:added", (event) => {
      enhance(event.target);
      const found = orderingOf(event);
      found?.addControls(event.target);
      if (found) labelRows(found.group, found.prefix);
    });
    document.addEventListener("formset:removed", (event) => {
      const found = orderingOf(event);
      // inlines.js renames the rows after telling: the indexes are put right once it has.
      if (!found) return;
      queueMicrotask(() => {
        reindex(found.group, found.prefix);
        labelRows(found.group, found.prefix);
      });
    });
    form.addEventListener("submit", () => orderings.forEach((o) => renumber(o.group, o.prefix)));

    setUpAutosave(form, desk, orderings);
    if (desk.dataset.previewUrl) setUpPreview(form, desk);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
