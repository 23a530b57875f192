// Searchable pickers (Tom Select): companies (favourites first) and eligible participants.
(function () {
  "use strict";

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c];
    });
  }

  function getJson(url) {
    return fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" }).then(function (r) {
      if (!r.ok) { throw new Error(r.status); }
      return r.json();
    });
  }

  // preloadOnFocus: list the favourites first as soon as the field is focused, for pickers whose page
  // renders no choice in advance.
  function companyPicker(select, preloadOnFocus) {
    return new TomSelect(window.MessagesApp.hideReplacedSelect(select), {
      preload: preloadOnFocus ? "focus" : false,
      valueField: "id",
      labelField: "name",
      searchField: ["name", "externalId"],
      maxOptions: 100,
      placeholder: select.dataset.placeholder,
      closeAfterSelect: true,
      shouldLoad: function (query) { return preloadOnFocus || query.length > 0; },
      // No debounce: a delayed search that fires after the person picked an option would reopen the
      // dropdown and steal the focus from the field they moved on to.
      loadThrottle: null,
      refreshThrottle: 0,
      load: function (query, callback) {
        getJson(select.dataset.source + "?q=" + encodeURIComponent(query)).then(callback).catch(function () { callback(); });
      },
      render: {
        option: function (item) {
          var star = item.favourite === true || item.favourite === "true" ? "<i class=\"bi bi-star-fill text-warning me-1\" aria-hidden=\"true\"></i>" : "";
          return "<div>" + star + escapeHtml(item.name) + (item.externalId ? " <small class=\"text-secondary\">" + escapeHtml(item.externalId) + "</small>" : "") + "</div>";
        }
      },
      onInitialize: function () {
        var self = this;
        Array.prototype.forEach.call(select.options, function (option) {
          if (option.value && self.options[option.value]) {
            self.options[option.value].favourite = option.dataset.favourite;
          }
        });
      }
    });
  }

  function personLabel(select, item) {
    var client = item.kind === "CLIENT";
    var label = client ? (select.dataset.labelClient || "Client") : (select.dataset.labelCollaborator || "Collaborateur");
    return "<div><i class=\"bi " + (client ? "bi-person" : "bi-briefcase") + " me-1\" aria-hidden=\"true\"></i>" +
      escapeHtml(item.name) + " <small class=\"text-secondary\">" + escapeHtml(label) + "</small></div>";
  }

  function peoplePicker(select, sourceUrl) {
    var picker = new TomSelect(window.MessagesApp.hideReplacedSelect(select), {
      valueField: "id",
      labelField: "name",
      searchField: ["name"],
      plugins: ["remove_button"],
      maxOptions: 50,
      closeAfterSelect: true,
      placeholder: select.dataset.placeholder,
      shouldLoad: function (query) { return query.length > 0; },
      // No debounce: a delayed search that fires after the person picked an option would reopen the
      // dropdown and steal the focus from the field they moved on to.
      loadThrottle: null,
      refreshThrottle: 0,
      load: function (query, callback) {
        var url = sourceUrl();
        if (!url) { callback(); return; }
        getJson(url + (url.indexOf("?") >= 0 ? "&" : "?") + "q=" + encodeURIComponent(query)).then(callback).catch(function () { callback(); });
      },
      render: {
        option: function (item) { return personLabel(select, item); },
        item: function (item) { return "<div>" + escapeHtml(item.name) + "</div>"; }
      },
      onInitialize: function () {
        var self = this;
        Array.prototype.forEach.call(select.options, function (option) {
          if (self.options[option.value]) { self.options[option.value].kind = option.dataset.kind; }
        });
      }
    });
    return picker;
  }

  function initWizard(form) {
    var companySelect = form.querySelector("[data-company-picker]");
    var peopleSelect = form.querySelector("[data-wizard-people]");
    var companyField = form.querySelector("#company-field");
    var company = companySelect ? companyPicker(companySelect, false) : null;

    function currentType() {
      var checked = form.querySelector("input[name=type]:checked");
      return checked ? checked : null;
    }

    function peopleSource() {
      var type = currentType();
      if (!type) { return null; }
      var needsCompany = type.dataset.hasCompany === "true";
      var companyId = company ? company.getValue() : "";
      if (needsCompany && !companyId) { return null; }
      return peopleSelect.dataset.source + "?type=" + encodeURIComponent(type.value) +
        (needsCompany ? "&companyId=" + encodeURIComponent(companyId) : "");
    }

    var people = peoplePicker(peopleSelect, peopleSource);

    function refreshPeople() {
      var url = peopleSource();
      var selected = people.getValue();
      if (!url) {
        people.clear(true);
        people.clearOptions();
        return;
      }
      getJson(url + "&q=").then(function (eligible) {
        var ids = eligible.map(function (p) { return p.id; });
        people.clearOptions();
        people.addOptions(eligible);
        people.setValue(selected.filter(function (id) { return ids.indexOf(id) >= 0; }), true);
        people.refreshOptions(false);
      });
    }

    var initial = currentType();
    if (initial) {
      companyField.classList.toggle("d-none", initial.dataset.hasCompany !== "true");
    }
    form.querySelectorAll("input[name=type]").forEach(function (radio) {
      radio.addEventListener("change", function () {
        var needsCompany = radio.dataset.hasCompany === "true";
        companyField.classList.toggle("d-none", !needsCompany);
        refreshPeople();
      });
    });
    if (company) {
      company.on("change", refreshPeople);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-wizard]").forEach(initWizard);
    document.querySelectorAll("select[data-company-filter]").forEach(function (select) {
      companyPicker(select, true);
    });
    initPeoplePickers(document);
    if (window.htmx) {
      window.htmx.onLoad(initPeoplePickers); // a conversation opened beside the inbox (split view)
    }
  });

  function initPeoplePickers(root) {
    root.querySelectorAll("[data-people-picker]:not([data-wizard-people])").forEach(function (select) {
      if (!select.tomselect) {
        peoplePicker(select, function () { return select.dataset.source; });
      }
    });
  }
})();
