// The launch form's time zone and currency lists put the two countries'
// own first. The server does so when it knows them (the form sent back);
// here the lists follow the country fields as the official chooses them.
// Each option names its countries (data-countries); without JavaScript the
// whole list is there, sorted by country.
(function () {
  "use strict";

  function setUp(select) {
    var sources = (select.getAttribute("data-pair-from") || "")
      .split(/\s+/)
      .map(function (id) { return document.getElementById(id); })
      .filter(Boolean);
    if (!sources.length) return;
    var others = select.getAttribute("data-others-label") || "";
    var options = Array.prototype.slice.call(select.querySelectorAll("option"));
    var blank = options.filter(function (option) { return option.value === ""; });
    var placeless = options.filter(function (option) {
      return option.value !== "" && !option.getAttribute("data-countries");
    });
    var placed = options.filter(function (option) {
      return option.getAttribute("data-countries");
    });

    function arrange() {
      var pair = sources.map(function (source) { return source.value; }).filter(Boolean);
      var chosen = select.value;
      var first = [];
      pair.forEach(function (country) {
        placed.forEach(function (option) {
          var countries = option.getAttribute("data-countries").split(" ");
          if (countries.indexOf(country) !== -1 && first.indexOf(option) === -1) first.push(option);
        });
      });
      var rest = placed.filter(function (option) { return first.indexOf(option) === -1; });
      while (select.firstChild) select.removeChild(select.firstChild);
      blank.concat(first, placeless).forEach(function (option) { select.appendChild(option); });
      if (first.length) {
        var group = document.createElement("optgroup");
        group.label = others;
        rest.forEach(function (option) { group.appendChild(option); });
        select.appendChild(group);
      } else {
        rest.forEach(function (option) { select.appendChild(option); });
      }
      select.value = chosen;
    }

    sources.forEach(function (source) { source.addEventListener("change", arrange); });
  }

  document.querySelectorAll("select[data-pair-from]").forEach(setUp);
})();
