// Split view from 1200 px wide: the inbox on the left, the open conversation on the right. The URL follows the
// conversation (/conversations/{id}) and Back works; narrower screens keep separate pages.
(function () {
  "use strict";

  var wide = window.matchMedia("(min-width: 1200px)");

  function pane() {
    return document.getElementById("conversation-pane");
  }

  function markActive(url) {
    document.querySelectorAll("#inbox-list [data-testid='inbox-row']").forEach(function (row) {
      if (row.getAttribute("href") === url) {
        row.setAttribute("aria-current", "true");
      } else {
        row.removeAttribute("aria-current");
      }
    });
  }

  function show(url, focus) {
    var target = pane();
    window.fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) {
        window.location.href = url; // the error page, as a page of its own
        return null;
      }
      return response.text();
    }).then(function (text) {
      if (text === null) {
        return;
      }
      var doc = new DOMParser().parseFromString(text, "text/html");
      var section = doc.querySelector("main > section");
      if (!section) {
        return;
      }
      target.replaceChildren(document.importNode(section, true));
      document.title = doc.title;
      if (window.htmx) {
        window.htmx.process(target);
        window.htmx.trigger(target, "htmx:load", {});
      }
      markActive(url);
      var title = target.querySelector("h1");
      // A search result has already focused its first matching message.
      if (focus && title && !target.contains(document.activeElement)) {
        title.focus();
      }
    });
  }

  function clear() {
    var target = pane();
    var empty = target && target.getAttribute("data-empty");
    if (target) {
      var note = document.createElement("p");
      note.className = "text-secondary text-center my-5";
      note.textContent = empty || "";
      target.replaceChildren(note);
    }
    markActive(null);
  }

  document.addEventListener("click", function (event) {
    var row = event.target.closest && event.target.closest("#inbox-list a[data-testid='inbox-row']");
    if (!row || !pane() || !wide.matches || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) {
      return;
    }
    event.preventDefault();
    var url = row.getAttribute("href");
    window.history.pushState({ conversation: url }, "", url);
    show(url, true);
  });

  window.addEventListener("popstate", function (event) {
    if (!pane()) {
      return;
    }
    if (event.state && event.state.conversation) {
      show(event.state.conversation, false);
    } else {
      clear();
    }
  });
})();
