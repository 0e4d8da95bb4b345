// A note field with a length limit (data-limit) says so beside it; once
// the text typed or pasted is longer, that line says by how much, in the
// server's own words (data-too-long, "%(count)s" to fill), before the
// note is sent. Nothing is cut: the field has no maxlength, which made a
// browser drop the end of a pasted note without a word; the server
// refuses a longer one and shows it again whole.
(function () {
  "use strict";

  // As the server counts: characters, not UTF-16 units, without the
  // spaces around (a textarea's value already has one "\n" per break).
  function length(text) {
    return Array.from(text.trim()).length;
  }

  function setUp(field) {
    var limit = parseInt(field.getAttribute("data-limit"), 10);
    var said = document.getElementById(field.id + "_limit");
    if (!limit || !said) return;
    var calm = said.textContent;
    var template = said.getAttribute("data-too-long") || "";
    var language = document.documentElement.lang || undefined;
    // Latin digits, as the server's Babel writes them in every language.
    var numbers = new Intl.NumberFormat(language, { numberingSystem: "latn" });
    var wasInvalid = field.getAttribute("aria-invalid") === "true";
    var over = false;
    // Read out when it changes (crossing the limit, or the count past it).
    said.setAttribute("aria-live", "polite");

    function check() {
      var count = length(field.value);
      if (count > limit) {
        said.textContent = template.replace("%(count)s", numbers.format(count));
        said.classList.add("note-limit--over");
        field.setAttribute("aria-invalid", "true");
        over = true;
      } else if (over) {
        said.textContent = calm;
        said.classList.remove("note-limit--over");
        if (!wasInvalid) field.removeAttribute("aria-invalid");
        over = false;
      }
    }

    field.addEventListener("input", check);
    // A note the server refused comes back with its refusal above it:
    // the line below changes only once the editor shortens it.
    if (!wasInvalid) check();
  }

  document.querySelectorAll("[data-limit]").forEach(setUp);
})();
