// Idea board: progressive enhancements. Every action also works as a plain form POST.
(function () {
  "use strict";

  // « 1 vote », « 2 votes »: the page's language decides (French: 0 and 1 are singular).
  var pluralRules = new Intl.PluralRules(document.documentElement.lang || "fr");
  function votesText(count, element) {
    var one = element.dataset.voteOne || "vote";
    var other = element.dataset.voteOther || "votes";
    return count + " " + (pluralRules.select(count) === "one" ? one : other);
  }

  // Votes without a page reload; the count lives in an aria-live region.
  document.querySelectorAll("form[data-vote-form]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      var action = form.querySelector("input[name=action]");
      var live = document.querySelector("[data-vote-count]");
      // aria-disabled and a pending flag rather than `disabled`: a disabled button drops the
      // keyboard focus to the top of the page.
      if (form.dataset.pending) return;
      form.dataset.pending = "true";
      button.setAttribute("aria-disabled", "true");
      // getAttribute: the form's <input name="action"> shadows the form.action property.
      fetch(form.getAttribute("action"), {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          return response.json().then(function (data) {
            return { ok: response.ok, data: data };
          });
        })
        .then(function (result) {
          if (!result.ok) {
            if (live) live.textContent = result.data.error || "";
            return;
          }
          var voted = result.data.voted;
          action.value = voted ? "withdraw" : "vote";
          button.setAttribute("aria-pressed", voted ? "true" : "false");
          button.textContent = voted ? button.dataset.labelWithdraw || "Retirer mon vote" : button.dataset.labelVote || "Voter";
          button.classList.toggle("button-secondary", voted);
          if (live) {
            live.textContent = "";
            var strong = document.createElement("strong");
            var words = votesText(result.data.votes, live);
            strong.textContent = result.data.votes;
            live.appendChild(strong);
            live.appendChild(document.createTextNode(words.slice(String(result.data.votes).length) + " — " + result.data.message));
          }
        })
        .catch(function () {
          form.submit();
        })
        .finally(function () {
          delete form.dataset.pending;
          button.removeAttribute("aria-disabled");
        });
    });
  });

  // Similar ideas while typing a title: non-blocking, silent on any error.
  var title = document.querySelector("[data-similar-ideas]");
  var box = document.getElementById("idees-similaires");
  if (title && box) {
    var timer = null;
    var statusLabels = {};
    try {
      statusLabels = JSON.parse(box.dataset.statuses || "{}");
    } catch (error) {
      statusLabels = {};
    }
    var lastQuery = "";
    var group = function (headingText, items, describe, className) {
      if (!items || !items.length) return;
      var heading = document.createElement("p");
      heading.className = "similar-heading";
      heading.textContent = headingText;
      var list = document.createElement("ul");
      if (className) list.className = className;
      items.slice(0, 5).forEach(function (item) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = item.url;
        a.textContent = item.title;
        li.appendChild(a);
        li.appendChild(document.createTextNode(" — " + describe(item)));
        list.appendChild(li);
      });
      box.appendChild(heading);
      box.appendChild(list);
    };
    // Ideas like the draft, then the components and guides that may already answer the need.
    var render = function (results, answers) {
      box.textContent = "";
      group(box.dataset.heading, results, function (item) {
        var status = statusLabels[item.status] || item.status || "";
        return status + " · " + votesText(item.votes || 0, box);
      });
      group(box.dataset.answersHeading, answers, function (item) {
        return item.kind === "component" ? box.dataset.kindComponent : box.dataset.kindGuide;
      }, "similar-answers");
    };
    title.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = title.value.trim();
        if (q.length < 4 || q === lastQuery) {
          if (q.length < 4) render([]);
          return;
        }
        lastQuery = q;
        var url = box.dataset.endpoint + "?q=" + encodeURIComponent(q) + "&locale=" + encodeURIComponent(box.dataset.locale || "fr");
        fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
          .then(function (response) {
            if (!response.ok) throw new Error("similar ideas unavailable");
            return response.json();
          })
          .then(function (data) {
            render(data.results, data.answers);
          })
          .catch(function () {
            render([]);
          });
      }, 350);
    });
  }

  // Merge picker: the title search updates the choices while the moderator types. Without
  // JavaScript the same form reloads the page with the results.
  var mergeSearch = document.querySelector("form[data-merge-search]");
  var mergeResults = document.getElementById("resultats-fusion");
  if (mergeSearch && mergeResults) {
    var mergeInput = mergeSearch.querySelector("input[name=q]");
    var mergeTimer = null;
    var mergeQuery = mergeInput.value.trim();
    var refresh = function () {
      var q = mergeInput.value.trim();
      if (q === mergeQuery) return;
      mergeQuery = q;
      var checked = mergeResults.querySelector("input[name=target]:checked");
      var url = mergeSearch.getAttribute("action") + "?partiel=1&q=" + encodeURIComponent(q);
      fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error("merge search unavailable");
          return response.text();
        })
        .then(function (html) {
          if (q !== mergeQuery) return; // a newer search is on its way
          mergeResults.innerHTML = html;
          if (checked) {
            var again = mergeResults.querySelector("input[name=target][value='" + checked.value + "']");
            if (again) again.checked = true;
          }
        })
        .catch(function () {
          mergeSearch.submit();
        });
    };
    mergeInput.addEventListener("input", function () {
      clearTimeout(mergeTimer);
      mergeTimer = setTimeout(refresh, 300);
    });
    mergeSearch.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(mergeTimer);
      refresh();
    });
  }
})();
