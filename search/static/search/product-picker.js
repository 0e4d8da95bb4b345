// The product field as a list that fills while one types (search/forms.py
// ProductInput). Without this script the form still works: the server offers
// the matching products as radio buttons when the text is ambiguous.
(function () {
  "use strict";

  function enhance(wrapper) {
    var input = wrapper.querySelector("input[type=text], input:not([type])");
    var url = wrapper.getAttribute("data-lookup-url");
    if (!input || !url) return;
    var listId = input.id + "-options";
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "product-input__list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    wrapper.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    var active = -1;
    var timer = null;
    var asked = "";

    function options() {
      return list.querySelectorAll("[role=option]");
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function mark(index) {
      var items = options();
      if (!items.length) return;
      active = (index + items.length) % items.length;
      for (var i = 0; i < items.length; i++) {
        items[i].setAttribute("aria-selected", i === active ? "true" : "false");
      }
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    }

    function choose(item) {
      input.value = item.getAttribute("data-label");
      close();
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function show(results) {
      list.textContent = "";
      results.forEach(function (result, index) {
        var item = document.createElement("li");
        item.id = listId + "-" + index;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.setAttribute("data-label", result.label);
        item.setAttribute("lang", result.lang);
        item.textContent = result.label;
        item.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep the focus in the box
          choose(item);
        });
        list.appendChild(item);
      });
      list.hidden = results.length === 0;
      input.setAttribute("aria-expanded", results.length ? "true" : "false");
      active = -1;
    }

    function ask() {
      var text = input.value.trim();
      if (text === asked) return;
      asked = text;
      if (text.length < 2) {
        close();
        return;
      }
      fetch(url + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : { results: [] };
        })
        .then(function (data) {
          if (input.value.trim() === text) show(data.results || []);
        })
        .catch(close);
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) {
        if (event.key === "ArrowDown") {
          asked = "";
          ask();
        }
        return;
      }
      if (event.key === "ArrowDown") {
        event.preventDefault();
        mark(active + 1);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        mark(active - 1);
      } else if (event.key === "Enter") {
        // Choosing is not sending the form, nor is Enter while the list is
        // shown with nothing marked (a newer list may have come just before
        // it and dropped the mark): it closes the list; Enter again sends.
        event.preventDefault();
        if (active >= 0) choose(options()[active]);
        else close();
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", function () {
      setTimeout(close, 100);
    });
  }

  document.querySelectorAll(".product-input[data-lookup-url]").forEach(enhance);
})();
