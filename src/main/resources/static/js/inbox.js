// The inbox's keyboard shortcuts and selection. Every action also has a button: the keyboard is a shortcut, never the
// only way. Shortcuts never fire while the person types in a field.
(function () {
  "use strict";

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll("#inbox-rows [data-testid='inbox-row']"));
  }

  function currentIndex() {
    var item = document.activeElement && document.activeElement.closest("li[data-conversation]");
    return item ? rows().indexOf(item.querySelector("[data-testid='inbox-row']")) : -1;
  }

  function focusRow(index) {
    var all = rows();
    if (all.length === 0) {
      return;
    }
    var row = all[Math.max(0, Math.min(all.length - 1, index))];
    row.focus();
    row.scrollIntoView({ block: "nearest" });
  }

  function currentItem() {
    var all = rows();
    var index = currentIndex();
    return index >= 0 ? all[index].closest("li[data-conversation]") : null;
  }

  function press(selector) {
    var item = currentItem();
    var button = item && item.querySelector(selector);
    if (button) {
      button.click();
    }
  }

  function showShortcuts() {
    var modal = document.getElementById("shortcuts");
    if (modal && window.bootstrap) {
      window.bootstrap.Modal.getOrCreateInstance(modal).show();
    }
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) {
      return;
    }
    if (document.querySelector(".modal.show") && event.key !== "?") {
      return;
    }
    switch (event.key) {
      case "/":
        var field = document.querySelector("[data-search-field]");
        if (!field) {
          return;
        }
        if (field.offsetParent === null) {
          var toggler = document.querySelector(".navbar-toggler");
          if (toggler) {
            toggler.click();
          }
        }
        field.focus();
        field.select();
        break;
      case "j":
        focusRow(currentIndex() + 1);
        break;
      case "k":
        focusRow(currentIndex() < 0 ? 0 : currentIndex() - 1);
        break;
      case "e":
        press("[data-row-action='done']");
        break;
      case "u":
        press("[data-row-action='unread']");
        break;
      case "x":
        var item = currentItem();
        var box = item && item.querySelector("[data-row-select]");
        if (box) {
          box.checked = !box.checked;
        }
        break;
      case "?":
        showShortcuts();
        break;
      default:
        return;
    }
    event.preventDefault();
  });

  // "Tout sélectionner" selects every row of the page, the rows loaded with "Plus anciens" included.
  document.addEventListener("change", function (event) {
    if (event.target.matches("[data-select-all]")) {
      document.querySelectorAll("[data-row-select]").forEach(function (box) {
        box.checked = event.target.checked;
      });
    }
  });
})();
