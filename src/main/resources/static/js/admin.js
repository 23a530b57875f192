// Administration pages: searchable pickers of people and companies, and "copy" buttons for invitation links.
(function () {
  "use strict";

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c];
    });
  }

  // <select data-admin-picker data-source="/admin/…/choix"> loads {id, name, detail} options as one types;
  // data-single makes it a single choice (filters), otherwise several can be picked.
  function picker(select) {
    var single = select.hasAttribute("data-single");
    return new TomSelect(window.MessagesApp.hideReplacedSelect(select), {
      valueField: "id",
      labelField: "name",
      searchField: ["name", "detail"],
      plugins: single ? [] : ["remove_button"],
      maxItems: single ? 1 : null,
      maxOptions: 25,
      closeAfterSelect: true,
      allowEmptyOption: single,
      placeholder: select.dataset.placeholder,
      shouldLoad: function (query) { return query.length > 0; },
      loadThrottle: null,
      refreshThrottle: 0,
      load: function (query, callback) {
        var url = select.dataset.source;
        fetch(url + (url.indexOf("?") >= 0 ? "&" : "?") + "q=" + encodeURIComponent(query),
          { headers: { "Accept": "application/json" }, credentials: "same-origin" })
          .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
          .then(callback)
          .catch(function () { callback(); });
      },
      render: {
        option: function (item) {
          return "<div>" + escapeHtml(item.name) +
            (item.detail ? " <small class=\"text-secondary\">" + escapeHtml(item.detail) + "</small>" : "") + "</div>";
        },
        item: function (item) { return "<div>" + escapeHtml(item.name) + "</div>"; }
      }
    });
  }

  function copyButtons() {
    document.querySelectorAll("[data-copy-target]").forEach(function (button) {
      button.addEventListener("click", function () {
        var input = document.getElementById(button.dataset.copyTarget);
        if (!input) { return; }
        input.select();
        var done = function () {
          button.classList.add("btn-success");
          button.setAttribute("title", button.dataset.copied || "");
        };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(input.value).then(done, function () { document.execCommand("copy"); done(); });
        } else {
          document.execCommand("copy");
          done();
        }
      });
    });
  }

  // The companies of a new person only make sense for a client.
  function inviteForm() {
    var block = document.querySelector("[data-client-only]");
    var choices = document.querySelectorAll("[data-kind-choice]");
    if (!block || choices.length === 0) { return; }
    function refresh() {
      var checked = document.querySelector("[data-kind-choice]:checked");
      block.hidden = !checked || checked.value !== "CLIENT";
    }
    choices.forEach(function (choice) { choice.addEventListener("change", refresh); });
    refresh();
  }

  function init() {
    document.querySelectorAll("select[data-admin-picker]").forEach(picker);
    copyButtons();
    inviteForm();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
