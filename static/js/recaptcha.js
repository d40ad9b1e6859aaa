// Loads Google's reCAPTCHA on the application form. The widget names the script instead of
// carrying inline code, which the site's Content-Security-Policy refuses. With the checkbox
// (v2) Google's script finds the widget itself; with the score (v3) the form asks Google for a
// token when it is sent and puts it in the hidden field first.
(function () {
  "use strict";
  var widget = document.querySelector("[data-recaptcha-script]");
  if (!widget) {
    return;
  }
  var script = document.createElement("script");
  script.src = widget.getAttribute("data-recaptcha-script");
  script.async = true;
  document.head.appendChild(script);

  var action = widget.getAttribute("data-recaptcha-action");
  if (widget.tagName !== "INPUT" || !widget.form) {
    return;
  }
  var form = widget.form;
  var asked = false;
  form.addEventListener("submit", function (event) {
    if (widget.value || asked || !window.grecaptcha) {
      return; // a token already, a request on its way, or no Google: let the form go as it is
    }
    event.preventDefault();
    asked = true;
    var sent = false;
    function send() {
      if (!sent) {
        sent = true;
        form.submit();
      }
    }
    // Google slow or failing must not leave the button dead: after ten seconds, or on an
    // error, the form goes as it is and the server answers (the answers kept, the check asked
    // for again) instead of the page waiting for ever.
    window.setTimeout(send, 10000);
    window.grecaptcha.ready(function () {
      window.grecaptcha
        .execute(widget.getAttribute("data-sitekey"), action ? { action: action } : {})
        .then(function (token) {
          widget.value = token;
          send();
        }, send);
    });
  });
})();
