// Names for the admin widgets that have none for screen readers: the autocomplete boxes drawn by
// Select2 (named by the selected text alone, so an empty one has no name), and the first column
// of an inline table, whose heading is empty.
(function () {
  "use strict";

  let made = 0;

  function fieldLabel(select) {
    const label = select.id && document.querySelector('label[for="' + CSS.escape(select.id) + '"]');
    if (label) {
      if (!label.id) label.id = "desk-label-" + ++made;
      return label.id;
    }
    // In an inline table the field says its own name (aria-label): give it an element to point at.
    const hidden = document.createElement("span");
    hidden.className = "desk-visually-hidden";
    hidden.id = "desk-label-" + ++made;
    hidden.textContent = select.getAttribute("aria-label") || select.name;
    select.after(hidden);
    return hidden.id;
  }

  function nameBoxes(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      const drawn = select.parentElement.querySelector(".select2-selection");
      if (!drawn || drawn.dataset.deskNamed || select.name.includes("__prefix__")) return;
      drawn.dataset.deskNamed = "1";
      const label = fieldLabel(select);
      const box = drawn.matches('[role="combobox"]') ? drawn : null;
      if (box) {
        const selected = box.getAttribute("aria-labelledby");
        box.setAttribute("aria-labelledby", selected ? label + " " + selected : label);
      }
      // Its text box holds the chosen value: the field's label names it.
      drawn.querySelectorAll('.select2-selection__rendered[role="textbox"]').forEach(function (text) {
        text.setAttribute("aria-labelledby", label);
      });
      drawn.querySelectorAll(".select2-search__field").forEach(function (search) {
        search.setAttribute("aria-labelledby", label);
      });
      // The chosen items of a many-choice box are drawn as a list holding other things too.
      drawn.querySelectorAll("ul.select2-selection__rendered").forEach(function (list) {
        list.setAttribute("role", "list");
      });
    });
  }

  function nameTables(root) {
    root.querySelectorAll(".tabular thead th.original").forEach(function (cell) {
      if (cell.textContent.trim()) return;
      const text = document.createElement("span");
      text.className = "desk-visually-hidden";
      text.textContent = "Row";
      cell.append(text);
    });
  }

  function run() {
    nameTables(document);
    nameBoxes(document);
    // Select2 draws its boxes after load, and again for every row added.
    new MutationObserver(function () {
      nameBoxes(document);
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();
