/* Autocomplete as an accessible combobox (WAI-ARIA 1.2 pattern) for every input[data-autocomplete].
   Progressive enhancement: without JavaScript the form simply submits to /recherche/. */
(function () {
  "use strict";
  var MIN_LENGTH = 2;
  var lang = (document.documentElement.lang || "fr").toLowerCase().indexOf("en") === 0 ? "en" : "fr";
  var endpoint = (lang === "en" ? "/en" : "") + "/api/v1/search/suggest/";
  var messages = {
    fr: { none: "Aucune suggestion.", one: "1 suggestion. Flèches haut et bas pour parcourir.",
          many: " suggestions. Flèches haut et bas pour parcourir.",
          kinds: { guide: "Guide", component: "Composante", idea: "Idée", page: "Page" } },
    en: { none: "No suggestions.", one: "1 suggestion. Use up and down arrows to browse.",
          many: " suggestions. Use up and down arrows to browse.",
          kinds: { guide: "Guide", component: "Component", idea: "Idea", page: "Page" } }
  }[lang];

  function setup(input, index) {
    var listId = "autocomplete-list-" + index;
    var wrapper = document.createElement("div");
    wrapper.className = "autocomplete";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "autocomplete-list";
    list.setAttribute("role", "listbox");
    // The options are reached with the arrow keys from the input: keep the (scrollable) list out of
    // the Tab order, or Tab would land on a list that closes on blur and lose the focus.
    list.tabIndex = -1;
    list.hidden = true;
    wrapper.appendChild(list);
    var live = document.createElement("div");
    live.className = "visually-hidden";
    live.setAttribute("aria-live", "polite");
    live.setAttribute("role", "status");
    wrapper.appendChild(live);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    var items = [], active = -1, timer = null, lastQuery = "", controller = null;

    function close() {
      list.hidden = true;
      list.textContent = "";
      items = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      items.forEach(function (item, i) { item.el.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", items[index].el.id);
        items[index].el.scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function render(suggestions) {
      list.textContent = "";
      items = suggestions.map(function (s, i) {
        var li = document.createElement("li");
        li.id = listId + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.textContent = s.title;
        var kind = document.createElement("span");
        kind.className = "autocomplete-kind";
        kind.textContent = messages.kinds[s.kind] || s.kind;
        li.appendChild(kind);
        li.addEventListener("mousedown", function (event) { event.preventDefault(); go(s); });
        list.appendChild(li);
        return { el: li, data: s };
      });
      active = -1;
      if (items.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else {
        list.hidden = true;
        input.setAttribute("aria-expanded", "false");
      }
      live.textContent = items.length === 0 ? messages.none : items.length === 1 ? messages.one : items.length + messages.many;
    }

    function go(suggestion) {
      if (suggestion.url) { window.location.href = suggestion.url; }
    }

    function fetchSuggestions() {
      var q = input.value.trim();
      if (q.length < MIN_LENGTH) { close(); live.textContent = ""; return; }
      if (q === lastQuery) { return; }
      lastQuery = q;
      if (controller) { controller.abort(); }
      controller = window.AbortController ? new AbortController() : null;
      fetch(endpoint + "?q=" + encodeURIComponent(q) + "&locale=" + lang,
            { headers: { Accept: "application/json" }, signal: controller ? controller.signal : undefined })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (input.value.trim() === q) { render(data.suggestions || []); } })
        .catch(function () { /* network error or aborted: the form still works */ });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        if (!items.length) { lastQuery = ""; fetchSuggestions(); return; }
        event.preventDefault();
        highlight(active < items.length - 1 ? active + 1 : 0);
      } else if (event.key === "ArrowUp") {
        if (!items.length) { return; }
        event.preventDefault();
        highlight(active > 0 ? active - 1 : items.length - 1);
      } else if (event.key === "Enter") {
        if (active >= 0 && items[active]) { event.preventDefault(); go(items[active].data); }
      } else if (event.key === "Escape") {
        if (!list.hidden) { event.preventDefault(); close(); }
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 100); });
  }

  Array.prototype.forEach.call(document.querySelectorAll("input[data-autocomplete]"), setup);
})();
