// The site's worker (/sw.js) keeps this routine's page and all it loaded, to play offline. A
// session logged offline waits on this device and is sent once the connection returns.
const QUEUE = "limber.player.unsent";

export function keepForOffline(root) {
  const worker = root.dataset.worker;
  if (!worker || !navigator.serviceWorker) return;
  navigator.serviceWorker.register(worker, { scope: "/" })
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      const urls = performance.getEntriesByType("resource").map((entry) => entry.name);
      urls.push(location.pathname, ...Array.from(document.images, (img) => img.src));
      // Every size of the step list's pictures: the browser picks one again offline.
      document.querySelectorAll("[srcset]").forEach((el) => {
        el.srcset.split(",").forEach((candidate) => urls.push(candidate.trim().split(" ")[0]));
      });
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { root.dataset.offline = "kept"; };
      registration.active.postMessage({ keep: urls }, [channel.port2]);
    })
    .catch(() => {}); // the player works the same without it
}

function unsent() {
  try { return JSON.parse(localStorage.getItem(QUEUE)) || []; } catch (error) { return []; }
}
function store(list) {
  try { localStorage.setItem(QUEUE, JSON.stringify(list)); } catch (error) { /* nowhere to keep it */ }
}

export function logWhenOnline(form, saved) {
  const say = (text) => { if (saved) { saved.textContent = text; saved.hidden = false; } };
  let sending = false;

  // Each session is removed from the list once the server has it; the server counts the same
  // routine sent again within a minute once, so a retry after a lost answer is harmless.
  function send() {
    const list = unsent();
    if (sending || !list.length || !navigator.onLine) return;
    sending = true;
    const [first] = list;
    const body = new URLSearchParams(first.fields);
    fetch(first.action, { method: "POST", body, credentials: "same-origin" })
      .then((response) => {
        if (!response.ok) throw new Error(response.status);
        store(unsent().filter((item) => item.at !== first.at));
        say("Your session was sent to your practice log.");
      })
      .catch(() => {})
      .finally(() => { sending = false; if (unsent().length < list.length) send(); });
  }

  if (form) {
    form.addEventListener("submit", (event) => {
      if (navigator.onLine) return;
      event.preventDefault();
      store(unsent().concat({ action: form.action, fields: Array.from(new FormData(form)), at: Date.now() }));
      form.hidden = true;
      say("Saved on this device. It goes to your practice log when you are back online.");
    });
  }
  addEventListener("online", send);
  send();
}
