// A slug that follows its title: as a title is typed, the server suggests a
// free slug (transliterated from any script) and it fills the slug input,
// until the editor changes the slug by hand. Without JavaScript the field
// may be left empty and the server derives it on saving.
(function () {
  "use strict";

  function setUp(input) {
    var sources = (input.getAttribute("data-slug-sources") || "").split(/\s+/).filter(Boolean);
    var fields = sources
      .map(function (entry) {
        var parts = entry.split(":");
        return { element: document.getElementById(parts[0]), language: parts[1] };
      })
      .filter(function (field) { return field.element; });
    if (!fields.length) return;
    var pk = (location.pathname.match(/\/(\d+)\/change\/$/) || [])[1] || "";
    // An existing slug, or one typed by hand, is the editor's: leave it.
    var followed = input.value === "";
    var timer = null;
    var asked = 0;

    input.addEventListener("input", function () {
      followed = input.value === "";
    });

    function suggest() {
      if (!followed) return;
      var source = fields.find(function (field) { return field.element.value.trim(); });
      if (!source) {
        input.value = "";
        return;
      }
      var query = new URLSearchParams({
        model: input.getAttribute("data-slug-model"),
        text: source.element.value,
        language: source.language,
        pk: pk,
      });
      var number = ++asked;
      fetch(input.getAttribute("data-slug-url") + "?" + query, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (answer) {
          if (answer && answer.slug && followed && number === asked) {
            input.value = answer.slug;
            input.dispatchEvent(new Event("change", { bubbles: true }));
          }
        })
        .catch(function () {});
    }

    fields.forEach(function (field) {
      field.element.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(suggest, 250);
      });
    });
    // A title typed before this script ran (a slow connection), or put back
    // by the browser on returning to the page, gets its slug too.
    suggest();
  }

  document.querySelectorAll("input[data-slug-url]").forEach(setUp);
})();
