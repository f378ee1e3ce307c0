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

  // What the person does with the help window, counted (never one by one) for the platform:
  // the lead line shown, a call, a link, a chat, or the window closed without any of them.
  // sendBeacon survives the page going away (a tel: link, a new tab).
  var eventKinds = { call: "call", sms: "chat", chat: "chat", link: "link", app: "link" };
  var acted = false;

  function countEvent(helplineId, event) {
    var form = document.querySelector("[data-support-events]");
    if (!form || !helplineId || !navigator.sendBeacon) return;
    var data = new URLSearchParams(new FormData(form));
    data.set("helplineId", helplineId);
    data.set("event", event);
    navigator.sendBeacon(form.getAttribute("action"), data);
  }

  function leadLine() {
    var line = document.querySelector("[data-helpline]");
    return line ? line.getAttribute("data-helpline") : null;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var closeButton = document.querySelector("[data-close-sheet]");
    if (framed && closeButton) {
      closeButton.hidden = false;
      closeButton.addEventListener("click", closeSheet);
    }

    if (document.querySelector("[data-support-events]")) {
      countEvent(leadLine(), "shown");
      document.addEventListener("click", function (event) {
        var action = event.target.closest ? event.target.closest("[data-helpline] [data-action]") : null;
        if (!action) return;
        var kind = eventKinds[action.getAttribute("data-action")];
        if (!kind) return;
        acted = true;
        countEvent(action.closest("[data-helpline]").getAttribute("data-helpline"), kind);
      });
    }

    var help = document.querySelector("[data-help-window]");
    var reopen = document.querySelector("[data-open-help]");
    if (help && typeof help.showModal === "function") {
      // Rendered open for readers without script; reopen it as a modal so focus is held
      // inside and Escape closes it.
      // One dialog, one close button: the sheet's header hides while the window is open.
      var showHelp = function () {
        document.body.classList.add("help-open");
        if (!help.open) help.showModal();
        var title = help.querySelector("#help-title");
        if (title) title.focus();
      };
      help.close();
      showHelp();
      tellHost("help-opened");
      help.addEventListener("close", function () {
        // The close() just above fires this too, once the dialog is already open again as
        // a modal: only a dialog that stays closed was closed by the person.
        if (help.open) return;
        document.body.classList.remove("help-open");
        if (!acted) countEvent(leadLine(), "dismissed");
        acted = false;
        if (reopen) reopen.hidden = false;
        var heading = document.querySelector("[data-autofocus]");
        if (heading) heading.focus();
      });
      if (reopen) reopen.addEventListener("click", showHelp);
    } else {
      var first = document.querySelector("[data-autofocus]");
      if (first) first.focus();
    }

    // The language switch keeps the step; on the details step it keeps the "aimed at me"
    // box as it is now, not as the page was rendered (what was typed stays out of URLs).
    var target = document.getElementById("isTarget");
    if (target) {
      Array.prototype.forEach.call(document.querySelectorAll("[data-lang-switch] a"), function (link) {
        link.addEventListener("click", function () {
          var url = new URL(link.href);
          if (target.checked) url.searchParams.set("isTarget", "true"); else url.searchParams.delete("isTarget");
          link.href = url.toString();
        });
      });
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
