// A member with no time zone yet is offered their browser's, which is nearly always right.
// Chromium still says some places by their old names: offer the current ones (both are valid).
const RENAMED = {
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Rangoon": "Asia/Yangon",
  "Europe/Kiev": "Europe/Kyiv",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "America/Godthab": "America/Nuuk",
  "Pacific/Enderbury": "Pacific/Kanton",
};
const box = document.querySelector("[data-zone-guess]");
const input = box && box.querySelector("input");
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
if (input && !input.value && zone) input.value = RENAMED[zone] || zone;
