// Reply in place: "Reply" under a comment opens the article's comment form right beneath that
// comment, set to answer it. Without this script the link opens the reply page, which also
// takes the form's POST, so the form sent from here is the same one that page sends.
// A guest's copy fetches its token when they start writing, as the form it was copied from does
// (site.js listens on the document).

const source = document.getElementById("comment-form");
// Copied now, before a guest's token is fetched into it: each reply gets a start time of its own.
const pristine = source && source.cloneNode(true);
const opened = new Map(); // reply link -> its form, kept (text and all) while the page lives
let current = null;

// Every id in the copy gets a prefix, and every reference to one follows it.
const REFERENCES = ["for", "aria-describedby", "aria-labelledby", "aria-controls", "aria-errormessage"];

function renumber(form, prefix) {
  const renamed = new Set();
  form.querySelectorAll("[id]").forEach((element) => {
    renamed.add(element.id);
    element.id = prefix + element.id;
  });
  REFERENCES.forEach((name) => {
    form.querySelectorAll(`[${name}]`).forEach((element) => {
      const ids = element.getAttribute(name).split(/\s+/);
      element.setAttribute(name, ids.map((id) => (renamed.has(id) ? prefix + id : id)).join(" "));
    });
  });
}

function build(link) {
  const comment = link.closest("li.comment");
  const prefix = `reply-${comment.id}-`;
  const form = pristine.cloneNode(true);
  form.id = "";
  renumber(form, prefix);
  form.id = `${prefix}form`;
  form.action = link.href;
  form.classList.add("comment-form--reply");
  form.querySelectorAll("[data-form-note], .form-errors").forEach((note) => note.remove());

  const title = form.querySelector(".comment-form__title");
  title.id = `${prefix}title`;
  title.textContent = `Reply to ${link.dataset.replyTo}`;
  form.setAttribute("aria-labelledby", title.id);
  form.querySelector("[type=submit]").textContent = "Post reply";

  const cancel = document.createElement("button");
  cancel.type = "button";
  cancel.className = "button";
  cancel.textContent = "Cancel";
  cancel.addEventListener("click", () => close(true));
  form.querySelector(".form__actions").append(cancel);

  form.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      close(true);
    }
  });
  link.closest(".comment__body").after(form);
  return form;
}

function close(returnFocus) {
  if (!current) return;
  const { link, form } = current;
  form.hidden = true;
  link.setAttribute("aria-expanded", "false");
  current = null;
  if (returnFocus) link.focus();
}

function open(link) {
  if (current && current.link !== link) close(false);
  let form = opened.get(link);
  if (!form) {
    form = build(link);
    opened.set(link, form);
  }
  form.hidden = false;
  link.setAttribute("aria-expanded", "true");
  current = { link, form };
  form.querySelector("textarea").focus();
}

if (pristine) {
  document.querySelectorAll("a[data-reply-to]").forEach((link) => link.setAttribute("aria-expanded", "false"));
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a[data-reply-to]");
    // A click meant for a new tab or window still opens the reply page.
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    open(link);
  });
}
