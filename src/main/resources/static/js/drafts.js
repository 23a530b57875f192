// Drafts kept on the server while the person types (debounced), restored when the page opens on any device, and
// removed by the server when the message is sent. Also: the send shortcut as the platform writes it, and focus after
// htmx swaps.
(function () {
  "use strict";

  var SAVE_DELAY = 800;

  function csrfHeaders() {
    var headers = {};
    var c = window.MessagesApp && window.MessagesApp.csrf();
    if (c) {
      headers[c.header] = c.token;
    }
    return headers;
  }

  function isApple() {
    var hints = [navigator.userAgentData && navigator.userAgentData.platform, navigator.platform, navigator.userAgent];
    return hints.some(function (hint) { return /mac|iphone|ipad|ipod/i.test(hint || ""); });
  }

  function showShortcutHints(root) {
    if (!isApple()) {
      return;
    }
    root.querySelectorAll("[data-shortcut-hint][data-apple]").forEach(function (hint) {
      hint.textContent = hint.getAttribute("data-apple");
    });
  }

  function editorOf(form) {
    var element = form.querySelector("[data-editor]");
    return element && element.__quill ? element : null;
  }

  function fieldsOf(form) {
    var subject = form.querySelector("input[name='subject']");
    var html = form.querySelector("input[name='html']");
    return { subject: subject ? subject.value : "", html: html ? html.value : "" };
  }

  function setStatus(form, key) {
    var status = form.querySelector("[data-draft-status]");
    if (status) {
      status.textContent = key ? status.getAttribute("data-" + key) || "" : "";
    }
  }

  function save(form) {
    var fields = fieldsOf(form);
    var body = new URLSearchParams();
    body.set("subject", fields.subject);
    body.set("html", fields.html);
    var headers = csrfHeaders();
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    window.fetch(form.getAttribute("data-draft-url"), {
      method: "PUT", credentials: "same-origin", headers: headers, body: body.toString()
    }).then(function (response) {
      setStatus(form, response.ok ? "saved" : "failed");
    }).catch(function () { setStatus(form, "failed"); });
  }

  function scheduleSave(form) {
    if (form.dataset.sending === "true") {
      return;
    }
    window.clearTimeout(form.__draftTimer);
    form.__draftTimer = window.setTimeout(function () { save(form); }, SAVE_DELAY);
  }

  function restore(form) {
    var editor = editorOf(form);
    var fields = fieldsOf(form);
    if (!editor || fields.html || fields.subject) {
      return; // what the page already shows (a form sent back with errors) wins
    }
    window.fetch(form.getAttribute("data-draft-url"), { credentials: "same-origin" }).then(function (response) {
      return response.status === 200 ? response.json() : null;
    }).then(function (draft) {
      if (!draft) {
        return;
      }
      var subject = form.querySelector("input[name='subject']");
      if (subject && draft.subject && !subject.value) {
        subject.value = draft.subject;
      }
      if (draft.html && editor.__quill.getText().trim().length === 0) {
        var quill = editor.__quill;
        quill.setContents(quill.clipboard.convert({ html: draft.html }), "silent");
        var field = document.getElementById(editor.dataset.field);
        if (field) {
          field.value = draft.html;
        }
      }
      setStatus(form, "saved");
    }).catch(function () { /* nothing to restore */ });
  }

  function initDrafts(root) {
    var forms = root.matches && root.matches("form[data-draft-url]") ? [root] : [];
    root.querySelectorAll("form[data-draft-url]").forEach(function (form) { forms.push(form); });
    forms.forEach(function (form) {
      var editor = editorOf(form);
      if (!editor || form.__drafts) {
        return;
      }
      form.__drafts = true;
      editor.__quill.on("text-change", function (delta, old, source) {
        if (source === "user") {
          scheduleSave(form);
        }
      });
      var subject = form.querySelector("input[name='subject']");
      if (subject) {
        subject.addEventListener("input", function () { scheduleSave(form); });
      }
      form.addEventListener("submit", function () {
        form.dataset.sending = "true";
        window.clearTimeout(form.__draftTimer);
      });
      restore(form);
    });
  }

  // After a reply is sent, focus goes back to the new reply box. The request's own element (the old form) leaves the
  // page with the swap, so its settle events never reach the document: the new thread's load event decides.
  var replySent = false;
  document.addEventListener("htmx:beforeRequest", function (event) {
    replySent = !!(event.detail.elt && event.detail.elt.id === "reply");
  });

  function focusNewReplyBox(content) {
    if (!replySent || !content.querySelector || !content.querySelector("#reply")) {
      return;
    }
    replySent = false;
    // On the next turn: the new reply box gets its editor from the htmx:load handlers, which may run after this one.
    window.setTimeout(function () {
      var editor = document.querySelector("#thread #reply .ql-editor");
      if (editor) {
        editor.focus();
      }
    }, 0);
  }

  document.addEventListener("DOMContentLoaded", function () {
    showShortcutHints(document);
    // After editor.js created the editors (its DOMContentLoaded listener was added first).
    initDrafts(document);
    if (window.htmx) {
      window.htmx.onLoad(function (content) {
        showShortcutHints(content);
        window.setTimeout(function () { initDrafts(content); }, 0);
        focusNewReplyBox(content);
      });
    }
  });
})();
