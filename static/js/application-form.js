// The application form works without this script. With it: the error summary takes focus so a
// screen reader announces it, and a second press of the send button is ignored while the first
// is on its way (the server makes one application either way).
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
  var form = document.querySelector(".application-form");
  if (!form) {
    return;
  }
  form.addEventListener("submit", function (event) {
    if (form.dataset.sending === "true") {
      event.preventDefault();
      return;
    }
    form.dataset.sending = "true";
    var button = form.querySelector("button[type=submit]");
    if (button) {
      button.setAttribute("aria-disabled", "true");
    }
  });
})();
