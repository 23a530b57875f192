// Colour mode (Bootstrap 5.3): the system's by default, or the one chosen on the profile page, kept on this device.
// Loaded without defer, before the page is painted, so that a dark page never flashes light.
(function () {
  "use strict";
  var KEY = "messages.theme";

  function stored() {
    try {
      return window.localStorage.getItem(KEY) || "auto";
    } catch (e) {
      return "auto";
    }
  }

  function apply(choice) {
    var dark = choice === "dark" || (choice === "auto" && window.matchMedia("(prefers-color-scheme: dark)").matches);
    document.documentElement.setAttribute("data-bs-theme", dark ? "dark" : "light");
  }

  apply(stored());
  window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", function () { apply(stored()); });

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[name='theme'][data-theme-choice]").forEach(function (input) {
      input.checked = input.value === stored();
      input.addEventListener("change", function () {
        try {
          window.localStorage.setItem(KEY, input.value);
        } catch (e) { /* private mode: applies to this page only */ }
        apply(input.value);
      });
    });
  });
})();
