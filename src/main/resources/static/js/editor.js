// Rich-text editors (Quill 2), Ctrl/Cmd+Enter to send, and protection against double submission.
(function () {
  "use strict";

  // Quill keeps every list as <ol> with data-list="bullet|ordered"; the server keeps <ul>/<ol> only.
  function semanticHtml(quill) {
    var root = quill.root.cloneNode(true);
    root.querySelectorAll(".ql-ui").forEach(function (element) { element.remove(); });
    root.querySelectorAll("ol").forEach(function (list) {
      var fragment = document.createDocumentFragment();
      var current = null;
      var currentTag = null;
      Array.prototype.slice.call(list.children).forEach(function (item) {
        var tag = item.getAttribute("data-list") === "bullet" ? "ul" : "ol";
        if (tag !== currentTag) {
          current = document.createElement(tag);
          fragment.appendChild(current);
          currentTag = tag;
        }
        item.removeAttribute("data-list");
        current.appendChild(item);
      });
      list.replaceWith(fragment);
    });
    return root.innerHTML;
  }

  function syncField(editorElement) {
    var quill = editorElement.__quill;
    var field = document.getElementById(editorElement.dataset.field);
    if (quill && field) {
      quill.update("user"); // take in what was typed but not yet observed
      field.value = quill.getText().trim().length === 0 ? "" : semanticHtml(quill);
    }
  }

  function initEditors(root) {
    root.querySelectorAll("[data-editor]").forEach(function (element) {
      if (element.__quill) {
        return;
      }
      var quill = new Quill(element, {
        theme: "snow",
        placeholder: element.dataset.placeholder || "",
        formats: ["bold", "italic", "underline", "strike", "list", "link", "blockquote"],
        modules: { toolbar: element.dataset.toolbar }
      });
      element.__quill = quill;
      quill.on("text-change", function () { syncField(element); });
      syncField(element);
    });
  }

  function syncAll(form) {
    form.querySelectorAll("[data-editor]").forEach(syncField);
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) {
      return;
    }
    var form = event.target.closest && event.target.closest("form[data-shortcut-submit]");
    if (!form) {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    syncAll(form);
    form.requestSubmit();
  }, true);

  // A message over the size limit is not sent (the server would refuse it, and a very large one would not even reach
  // the application): the reason shows next to the editor and the text stays. Captured before htmx sends the form.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-shortcut-submit]")) {
      return;
    }
    syncAll(form);
    form.querySelectorAll("[data-max-message-bytes]").forEach(function (wrapper) {
      var field = wrapper.querySelector("input[name=html]");
      var limit = parseInt(wrapper.dataset.maxMessageBytes, 10);
      var error = wrapper.querySelector("[data-attachment-error]");
      if (field && limit > 0 && new TextEncoder().encode(field.value).length > limit) {
        event.preventDefault();
        event.stopPropagation();
        error.textContent = wrapper.dataset.messageTooLarge;
        wrapper.classList.add("is-invalid");
      } else if (error.textContent === wrapper.dataset.messageTooLarge) {
        error.textContent = "";
        wrapper.classList.remove("is-invalid");
      }
    });
  }, true);

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-shortcut-submit]")) {
      return;
    }
    syncAll(form);
    if (form.hasAttribute("hx-post")) {
      return; // htmx sends it and disables the button while the request runs (hx-disabled-elt).
    }
    if (form.dataset.submitting === "true") {
      event.preventDefault();
      return;
    }
    form.dataset.submitting = "true";
    var button = form.querySelector("[data-send-button]");
    if (button) {
      button.querySelector(".spinner-border") && button.querySelector(".spinner-border").classList.remove("d-none");
      window.setTimeout(function () { button.disabled = true; }, 0);
    }
  });

  // A page restored from the back/forward cache must be usable again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-submitting]").forEach(function (form) {
      delete form.dataset.submitting;
      var button = form.querySelector("[data-send-button]");
      if (button) {
        button.disabled = false;
      }
    });
  });

  document.addEventListener("DOMContentLoaded", function () {
    initEditors(document);
    if (window.htmx) {
      window.htmx.onLoad(function (content) { initEditors(content); });
    }
  });
})();
