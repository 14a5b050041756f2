// "Log in" and "Sign up" links bring the reader back to the page they are on. Signed-out pages
// are cached whole and the same for everyone, so the page itself cannot name where it is: the
// link is completed here, when the page loads and again as it is followed (the hash may have
// changed, e.g. to #comment-form).
const links = document.querySelectorAll("a[data-keep-place]");

function here() {
  return location.pathname + location.search + location.hash;
}

function complete(link) {
  // From one account page to another (Log in → Sign up), the place the reader came from goes along.
  const next = location.pathname.startsWith("/accounts/")
    ? new URLSearchParams(location.search).get("next")
    : here();
  if (!next) return;
  const url = new URL(link.href, location.href);
  url.searchParams.set("next", next);
  link.href = url.pathname + url.search;
}

links.forEach(complete);
for (const type of ["pointerdown", "focus", "click"]) {
  document.addEventListener(type, (event) => {
    const link = event.target instanceof Element && event.target.closest("a[data-keep-place]");
    if (link) complete(link);
  }, true);
}
window.addEventListener("hashchange", () => links.forEach(complete));
