// Progressive enhancement of guide and component pages. Everything works without it.
(function () {
  "use strict";
  // "Pourquoi n'était-elle pas utile ?" only matters after "Non": show it then, keep it otherwise hidden.
  document.querySelectorAll("[data-feedback-form]").forEach(function (form) {
    var reason = form.querySelector("[data-feedback-reason]");
    if (!reason) return;
    var textarea = reason.querySelector("textarea");
    function update() {
      var checked = form.querySelector("input[name='useful']:checked");
      var showReason = (checked && checked.value === "non") || (textarea && textarea.value) || reason.querySelector(".errorlist");
      reason.hidden = !showReason;
    }
    form.querySelectorAll("input[name='useful']").forEach(function (radio) {
      radio.addEventListener("change", update);
    });
    update();
  });
})();
