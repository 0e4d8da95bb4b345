// The side-by-side translation page saves one field per form, and saving
// one loads the page again: text typed in another box and not saved was
// lost without a word (newcomer walk-through, session 27). Once someone has
// typed in a box (its text area, or its rich-text editor, whose input
// events reach the form too) and not saved it, the browser asks before the
// page is left, in its own words and language.
(function () {
  "use strict";

  var forms = Array.prototype.slice.call(
    document.querySelectorAll("form.translate-field__target")
  );
  if (!forms.length) return;

  var typedIn = new Set();
  var sending = null;
  forms.forEach(function (form) {
    form.addEventListener("input", function () {
      typedIn.add(form);
    });
    form.addEventListener("submit", function () {
      sending = form;
    });
  });

  window.addEventListener("beforeunload", function (event) {
    var unsaved = forms.some(function (form) {
      return form !== sending && typedIn.has(form);
    });
    sending = null; // a page kept after asking asks again next time
    if (unsaved) {
      event.preventDefault();
      event.returnValue = ""; // what older browsers read
    }
  });
})();
