/* DMS-Web 4.2: the "Hinweis" dialog closes with its OK button (or Escape). Loaded in the
   head, before the dialog is parsed, so the button works as soon as it can be clicked. */
(function () {
  "use strict";

  function close(overlay) {
    if (overlay && overlay.parentNode) {
      overlay.parentNode.removeChild(overlay);
    }
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target && target.closest) {
      var button = target.closest("[data-hinweis-ok]");
      if (button) {
        close(button.closest(".hinweis-overlay"));
      }
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      close(document.querySelector(".hinweis-overlay"));
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector("[data-hinweis-ok]");
    if (button) {
      button.focus();
    }
  });
})();
