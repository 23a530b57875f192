// Live updates without polling: one Server-Sent Events stream per page (GET /events). Events carry ids only; the
// page then fetches what it may see (the new message, the inbox rows, the header's counts).
(function () {
  "use strict";

  var refreshTimers = {};

  // Runs fn once after a burst of calls with the same key.
  function debounce(key, fn, delay) {
    window.clearTimeout(refreshTimers[key]);
    refreshTimers[key] = window.setTimeout(fn, delay);
  }

  function fetchHtml(url) {
    return window.fetch(url, { credentials: "same-origin", headers: { "X-Live-Refresh": "true" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.text();
      })
      .then(function (text) { return new DOMParser().parseFromString(text, "text/html"); });
  }

  function replaceFrom(doc, selector) {
    var fresh = doc.querySelector(selector);
    var current = document.querySelector(selector);
    if (fresh && current) {
      current.replaceWith(document.importNode(fresh, true));
      if (window.htmx) {
        window.htmx.process(document.querySelector(selector));
      }
    }
  }

  // Screen readers hear new messages through the polite live region of the layout.
  function announce(text) {
    var region = document.getElementById("live-announcer");
    if (region && text) {
      region.textContent = "";
      window.setTimeout(function () { region.textContent = text; }, 50);
    }
  }

  function refreshBell() {
    debounce("bell", function () {
      fetchHtml("/notifications/cloche").then(function (doc) { replaceFrom(doc, "#notification-bell"); })
        .catch(function () { /* the next event tries again */ });
    }, 150);
  }

  // The inbox rows (when the inbox is shown) and the header's unread badge come from the inbox page.
  function refreshInbox() {
    debounce("inbox", function () {
      var list = document.getElementById("inbox-list");
      var url = list ? window.location.pathname + window.location.search : "/";
      if (list && window.location.pathname.indexOf("/conversations/") === 0) {
        url = list.getAttribute("data-inbox-url") || "/";
      }
      fetchHtml(url).then(function (doc) {
        replaceFrom(doc, "#nav-inbox");
        if (list && !list.contains(document.activeElement)) {
          replaceFrom(doc, "#inbox-list");
        }
      }).catch(function () { /* the next event tries again */ });
    }, 250);
  }

  function openConversationId() {
    var thread = document.querySelector("[data-conversation-thread]");
    return thread ? thread.getAttribute("data-conversation-thread") : null;
  }

  function showMessage(data) {
    var thread = document.querySelector("[data-conversation-thread='" + data.conversationId + "']");
    if (!thread || thread.querySelector("[data-message='" + data.messageId + "']")) {
      return;
    }
    fetchHtml("/conversations/" + data.conversationId + "/messages/" + data.messageId).then(function (doc) {
      var item = doc.querySelector("[data-message]");
      var list = thread.querySelector("[data-testid='messages']");
      if (!item || !list || thread.querySelector("[data-message='" + data.messageId + "']")) {
        return;
      }
      list.appendChild(document.importNode(item, true));
      announce(item.getAttribute("data-announce"));
      markRead(data.conversationId);
    }).catch(function () { /* shown at the next reload */ });
  }

  // The person sees the new message: the conversation is read (once the page is visible again if it is hidden).
  function markRead(conversationId) {
    if (document.visibilityState !== "visible") {
      document.addEventListener("visibilitychange", function once() {
        if (document.visibilityState === "visible") {
          document.removeEventListener("visibilitychange", once);
          markRead(conversationId);
        }
      });
      return;
    }
    var headers = {};
    var c = window.MessagesApp && window.MessagesApp.csrf();
    if (c) {
      headers[c.header] = c.token;
    }
    window.fetch("/api/v1/conversations/" + conversationId + "/read", {
      method: "POST", credentials: "same-origin", headers: headers
    }).then(function () { refreshInbox(); refreshBell(); });
  }

  function refreshSeen(data) {
    if (openConversationId() !== data.conversationId) {
      return;
    }
    debounce("seen", function () {
      fetchHtml("/conversations/" + data.conversationId + "/vu-par").then(function (doc) {
        doc.querySelectorAll("[data-seen-by]").forEach(function (fresh) {
          var current = document.querySelector("[data-seen-by='" + fresh.getAttribute("data-seen-by") + "']");
          if (current) {
            current.replaceWith(document.importNode(fresh, true));
          }
        });
      }).catch(function () { /* shown at the next reload */ });
    }, 250);
  }

  function parse(event) {
    try {
      return JSON.parse(event.data);
    } catch (e) {
      return {};
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var url = document.body.getAttribute("data-events");
    if (!url || !window.EventSource) {
      return;
    }
    var source = new EventSource(url);
    source.addEventListener("message", function (event) {
      var data = parse(event);
      showMessage(data);
      refreshSeen(data); // its author has read the messages before it
    });
    source.addEventListener("inbox", function () { refreshInbox(); refreshBell(); });
    source.addEventListener("notification", function () { refreshBell(); });
    source.addEventListener("read", function (event) { refreshSeen(parse(event)); });
    window.addEventListener("pagehide", function () { source.close(); });
    document.body.setAttribute("data-live", "connecting");
    source.addEventListener("open", function () { document.body.setAttribute("data-live", "open"); });
  });
})();
