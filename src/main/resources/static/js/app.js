// Behaviour shared by every page. No inline scripts: the Content-Security-Policy forbids them.
(function () {
  "use strict";

  function csrf() {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    return token && header ? { header: header.content, token: token.content } : null;
  }

  // htmx requests carry the CSRF token like the forms do.
  document.addEventListener("htmx:configRequest", function (event) {
    var c = csrf();
    if (c) {
      event.detail.headers[c.header] = c.token;
    }
  });

  // Elements with data-confirm ask before submitting.
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });

  // Tom Select moves the label to its own search field and keeps the original <select> only to submit the value:
  // hidden from assistive technologies, it no longer reads as a second, unnamed control.
  function hideReplacedSelect(select) {
    select.setAttribute("aria-hidden", "true");
    return select;
  }

  window.MessagesApp = { csrf: csrf, hideReplacedSelect: hideReplacedSelect };
})();
