// Show "Print the programme" links only where printing from script works.
(function () {
  "use strict";
  document.querySelectorAll(".print-link").forEach(function (link) {
    link.hidden = false;
    link.addEventListener("click", function (event) {
      event.preventDefault();
      window.print();
    });
  });
})();
