// The rich-text editor's words in the page's language. django-prose-editor
// reads window.gettext when its module loads: this classic, deferred script
// runs before it (deferred scripts and modules run in document order) and
// takes the translations from the first editor's data-rich-text-strings
// (web/rich_text.py: "gettext" holds the build's words by their English text,
// "own" and "menu" ours by key).
(function () {
  "use strict";
  var holder = document.querySelector("[data-rich-text-strings]");
  var strings = {};
  try {
    strings = holder ? JSON.parse(holder.getAttribute("data-rich-text-strings")) : {};
  } catch (error) {
    strings = {};
  }
  var own = function (name) {
    var part = strings[name];
    return part && typeof part === "object" ? part : {};
  };
  var words = own("gettext");
  window.richTextStrings = { own: own("own"), menu: own("menu") };
  // The admin has Django's JavaScript catalog already: ours first, then its.
  var before = window.gettext;
  window.gettext = function (text) {
    if (Object.prototype.hasOwnProperty.call(words, text)) return words[text];
    return before ? before(text) : text;
  };
})();
