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

  // A plain box also counts when its text differs from the page's: typed
  // before this deferred script ran (a slow page, or the browser test that
  // found it: its text was lost one run in three). A rich-text box's text is
  // rewritten by its editor, so only typing in the editor counts there.
  function edited(form) {
    return Array.prototype.some.call(
      form.querySelectorAll("textarea:not([data-rich-text])"),
      function (box) {
        return box.value !== box.defaultValue;
      }
    );
  }

  window.addEventListener("beforeunload", function (event) {
    var unsaved = forms.some(function (form) {
      return form !== sending && (typedIn.has(form) || edited(form));
    });
    sending = null; // a page kept after asking asks again next time
    if (unsaved) {
      event.preventDefault();
      event.returnValue = ""; // what older browsers read
    }
  });
})();
