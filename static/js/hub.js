// Hub du CQEN: progressive enhancements only. Every feature works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
})();
