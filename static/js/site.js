// Limber's only script: small progressive enhancements. Every page works without it.
(function () {
  "use strict";

  // Videos load only when the reader presses play: no third-party request before that.
  document.addEventListener("click", function (event) {
    var play = event.target.closest(".video__play");
    if (!play) return;
    var box = play.closest(".video");
    var iframe = document.createElement("iframe");
    iframe.src = box.dataset.videoSrc;
    iframe.title = box.dataset.videoTitle || "Video";
    iframe.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    iframe.referrerPolicy = "strict-origin-when-cross-origin";
    iframe.setAttribute("allowfullscreen", "");
    box.replaceChildren(iframe);
    iframe.focus();
  });

  // "Recommend this page": copy the address, or use the device's own share sheet.
  function say(text) {
    var status = document.querySelector("[data-copy-status]");
    if (status) status.textContent = text;
  }
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-copy-link]")) {
      if (navigator.clipboard) {
        navigator.clipboard.writeText(location.href.split("#")[0]).then(
          function () { say("Link copied. Paste it into a message to share it."); },
          function () { say("Couldn't copy: select the address bar and copy it instead."); }
        );
      } else {
        say("Select the address bar and copy it to share this page.");
      }
    }
    if (event.target.closest("[data-share]")) {
      navigator.share({ title: document.title, url: location.href.split("#")[0] }).catch(function () {});
    }
    if (event.target.closest("[data-print-page]")) window.print();
    var print = event.target.closest("[data-print-routine]");
    if (print) {
      var routine = document.getElementById(print.dataset.printRoutine);
      document.body.classList.add("printing-routine");
      routine.classList.add("is-printing");
      window.addEventListener("afterprint", function () {
        document.body.classList.remove("printing-routine");
        routine.classList.remove("is-printing");
      }, { once: true });
      window.print();
    }
  });
  // Password fields: a "Show" toggle, so a long passphrase can be checked before sending.
  document.querySelectorAll("[data-password-toggle]").forEach(function (button) {
    var input = document.getElementById(button.dataset.passwordToggle);
    if (!input) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var showing = input.type === "text";
      input.type = showing ? "password" : "text";
      button.firstChild.textContent = showing ? "Show" : "Hide";  // the name says the state
    });
  });

  // A guest's comment form: the article page carries no per-visitor token (so it can be cached
  // and sets no cookie); the form fetches one when the guest starts writing. Listened for on the
  // document, so a form added later (a reply opened in place) works the same.
  var tokens = new WeakMap();
  function fetchToken(form) {
    if (!tokens.has(form)) {
      tokens.set(form, fetch(form.dataset.tokenUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) throw new Error("token " + response.status);
          return response.json();
        })
        .then(function (data) {
          ["csrfmiddlewaretoken", "started"].forEach(function (name) {
            var input = form.querySelector("input[name=" + name + "]") || document.createElement("input");
            input.type = "hidden";
            input.name = name;
            input.value = data[name];
            form.appendChild(input);
          });
        })
        .catch(function (error) {
          tokens.delete(form);  // let the next try ask again
          var note = form.querySelector("[data-form-note]") || document.createElement("p");
          note.dataset.formNote = "";
          note.setAttribute("role", "alert");
          note.className = "form-errors";
          note.textContent = "We couldn't reach the site just now. Your text is still here: please press Post again.";
          form.prepend(note);
          throw error;
        }));
    }
    return tokens.get(form);
  }
  function guestForm(event) {
    return event.target.closest ? event.target.closest("form[data-guest-form]") : null;
  }
  document.addEventListener("focusin", function (event) {
    var form = guestForm(event);
    if (form && !tokens.has(form) && !form.querySelector("input[name=csrfmiddlewaretoken]")) {
      fetchToken(form).catch(function () {});  // said in the form; submitting tries again
    }
  });
  document.addEventListener("submit", function (event) {
    var form = guestForm(event);
    if (!form || form.querySelector("input[name=csrfmiddlewaretoken]")) return;
    event.preventDefault();
    fetchToken(form).then(function () { form.submit(); }, function () {});
  });

  // File pickers: a name the server could not read is refused here, before anything is sent
  // (the forms are novalidate, so the check runs on submit too).
  document.querySelectorAll("input[type=file][data-max-name]").forEach(function (input) {
    function check() {
      var limit = Number(input.dataset.maxName);
      var tooLong = Array.prototype.some.call(input.files, function (file) { return file.name.length > limit; });
      input.setCustomValidity(tooLong ? "That file's name is too long: rename it to under " + limit + " characters and choose it again." : "");
      return !tooLong || (input.reportValidity(), false);
    }
    input.addEventListener("change", check);
    input.form.addEventListener("submit", function (event) {
      if (!check()) event.preventDefault();
    });
  });

  // The header on a small screen: "Menu" shows and hides the main links (they simply show
  // without this script).
  document.querySelectorAll("[data-nav-toggle]").forEach(function (toggle) {
    toggle.setAttribute("aria-expanded", "false");
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      toggle.setAttribute("aria-expanded", String(toggle.getAttribute("aria-expanded") !== "true"));
    });
    // Escape closes it, like the account menu; focus inside it goes back to the button.
    var nav = document.getElementById(toggle.getAttribute("aria-controls"));
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || toggle.getAttribute("aria-expanded") !== "true") return;
      var inside = toggle.contains(document.activeElement) || (nav && nav.contains(document.activeElement));
      toggle.setAttribute("aria-expanded", "false");
      if (inside) toggle.focus();
    });
  });

  // Menus made of <details> (the member's account menu) close on Escape or a click elsewhere.
  function closeMenus(except) {
    document.querySelectorAll("details[data-menu][open]").forEach(function (menu) {
      if (menu !== except) menu.open = false;
    });
  }
  document.addEventListener("click", function (event) {
    closeMenus(event.target.closest && event.target.closest("details[data-menu]"));
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var menu = document.activeElement && document.activeElement.closest("details[data-menu][open]");
    closeMenus(null);
    if (menu) menu.querySelector("summary").focus();
  });

  // After a form, focus starts at what it did, so a keyboard or screen reader user hears it
  // rather than starting from the top of the page: the new comment, where the address points at
  // one (the browser has scrolled to it), else the message ("Almost there: we have emailed you").
  // On load: going to the address's fragment moves focus too, and must come first.
  function focusWhatHappened() {
    var messages = document.querySelector("[data-messages]");
    if (!messages) return;
    var target = location.hash.length > 1 && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.matches("li.comment")) {
      target.tabIndex = -1;
      target.focus({ preventScroll: true });
    } else {
      messages.focus();
    }
  }
  if (document.readyState === "complete") focusWhatHappened();
  else window.addEventListener("load", focusWhatHappened, { once: true });

  if (navigator.share) {
    document.querySelectorAll("[data-share]").forEach(function (button) { button.hidden = false; });
  }
})();
