// A conversation opened from search results: marks the found words in the matching messages and scrolls to the first.
// The server lists the matching messages and the words as they are written there (ConversationSearch.matchesIn).
// Loaded by every page: a conversation opened beside the inbox (split view) arrives without running its own scripts.
(function () {
  "use strict";

  function escape(word) {
    return word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  function mark(body, pattern) {
    var walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) {
      nodes.push(walker.currentNode);
    }
    nodes.forEach(function (node) {
      var text = node.nodeValue;
      pattern.lastIndex = 0;
      if (!pattern.test(text)) {
        return;
      }
      pattern.lastIndex = 0;
      var fragment = document.createDocumentFragment();
      var last = 0;
      var match;
      while ((match = pattern.exec(text)) !== null) {
        var start = match.index + match[1].length;
        fragment.appendChild(document.createTextNode(text.slice(last, start)));
        var marked = document.createElement("mark");
        marked.textContent = match[2];
        fragment.appendChild(marked);
        last = start + match[2].length;
      }
      fragment.appendChild(document.createTextNode(text.slice(last)));
      node.parentNode.replaceChild(fragment, node);
    });
  }

  function run() {
    var list = document.getElementById("search-words");
    if (!list || list.hasAttribute("data-marked")) {
      return;
    }
    list.setAttribute("data-marked", "");
    var words = Array.prototype.map.call(list.querySelectorAll("li"), function (li) {
      return li.textContent;
    }).filter(function (word) {
      return word.length > 0;
    }).sort(function (a, b) {
      return b.length - a.length;
    });
    var matches = document.querySelectorAll("[data-search-match]");
    if (words.length > 0) {
      var pattern = new RegExp("(^|[^\\p{L}\\p{N}])(" + words.map(escape).join("|") + ")(?=$|[^\\p{L}\\p{N}])", "giu");
      matches.forEach(function (message) {
        var body = message.querySelector("[data-testid='message-body']");
        if (body) {
          mark(body, pattern);
        }
      });
    }
    if (matches.length > 0) {
      matches[0].scrollIntoView({ block: "center" });
      matches[0].focus({ preventScroll: true });
    }
  }

  function start() {
    run();
    if (window.htmx) {
      window.htmx.onLoad(run); // a conversation opened beside the inbox (split view)
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
