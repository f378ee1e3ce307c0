// The sheet's small enhancements. Everything works without this file: it only moves
// focus, opens the help window as a modal dialog, and talks to relais.js when framed.
(function () {
  "use strict";
  var framed = window.parent !== window;

  function tellHost(type) {
    // The host page checks the message's origin against the sheet's; nothing secret is sent.
    if (framed) window.parent.postMessage({ relais: type }, "*");
  }

  function closeSheet() { tellHost("close"); }

  document.addEventListener("DOMContentLoaded", function () {
    var closeButton = document.querySelector("[data-close-sheet]");
    if (framed && closeButton) {
      closeButton.hidden = false;
      closeButton.addEventListener("click", closeSheet);
    }

    var help = document.querySelector("[data-help-window]");
    var reopen = document.querySelector("[data-open-help]");
    if (help && typeof help.showModal === "function") {
      // Rendered open for readers without script; reopen it as a modal so focus is held
      // inside and Escape closes it.
      help.close();
      help.showModal();
      var title = help.querySelector("#help-title");
      if (title) title.focus();
      tellHost("help-opened");
      help.addEventListener("close", function () {
        if (reopen) reopen.hidden = false;
        var heading = document.querySelector("[data-autofocus]");
        if (heading) heading.focus();
      });
      if (reopen) reopen.addEventListener("click", function () { help.showModal(); help.querySelector("#help-title").focus(); });
    } else {
      var first = document.querySelector("[data-autofocus]");
      if (first) first.focus();
    }

    // One report per form, even with a double click; the server's idempotency key makes
    // a second POST harmless anyway.
    var form = document.querySelector("[data-report-form]");
    if (form) {
      form.addEventListener("submit", function () {
        var button = form.querySelector("[data-submit]");
        if (button) setTimeout(function () { button.disabled = true; }, 0);
      });
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    // An open modal dialog closes itself first; the next Escape closes the sheet.
    if (document.querySelector("dialog[open]:modal")) return;
    closeSheet();
  });
})();
