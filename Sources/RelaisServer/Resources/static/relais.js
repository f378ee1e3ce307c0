// Relais embed: <script src="https://relais.example/embed/relais.js" defer></script>
// Any link with data-relais-report (a Relais /embed/report URL) or data-relais-help (an
// /embed/help URL: help without reporting) then opens in a dialog over the page instead of
// navigating. Without this script the link still works: it opens the sheet as a page. The
// dialog is named after the link's own text, so it speaks the host page's language.
(function () {
  "use strict";
  if (window.RelaisEmbed) return;
  var script = document.currentScript;
  var relaisOrigin = script ? new URL(script.src, location.href).origin : location.origin;
  var dialog = null, frame = null, opener = null;

  function build() {
    dialog = document.createElement("dialog");
    dialog.className = "relais-dialog";
    // Inline style properties, not a <style> element: works under a strict host CSP.
    var s = dialog.style;
    s.padding = "0"; s.border = "0"; s.borderRadius = "12px"; s.overflow = "hidden";
    s.width = "min(480px, 100vw)"; s.maxWidth = "100vw"; s.height = "min(720px, 100vh)"; s.maxHeight = "100vh";
    frame = document.createElement("iframe");
    var f = frame.style;
    f.border = "0"; f.width = "100%"; f.height = "100%"; f.display = "block";
    dialog.appendChild(frame);
    dialog.addEventListener("close", function () {
      frame.src = "about:blank";
      if (opener && typeof opener.focus === "function") opener.focus();
      opener = null;
    });
    // Each page of the sheet takes the focus when it loads, so keyboard users start there.
    frame.addEventListener("load", function () { if (dialog.open) frame.focus(); });
    document.body.appendChild(dialog);
  }

  function open(url, from, label) {
    if (!dialog) build();
    opener = from || document.activeElement;
    var name = label || (from && from.textContent ? from.textContent.trim() : "") || "Relais";
    dialog.setAttribute("aria-label", name);
    frame.title = name;
    frame.src = url;
    dialog.showModal();
    frame.focus();
  }

  function close() { if (dialog && dialog.open) dialog.close(); }

  window.addEventListener("message", function (event) {
    if (event.origin !== relaisOrigin || !frame || event.source !== frame.contentWindow) return;
    if (event.data && event.data.relais === "close") close();
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-relais-report], a[data-relais-help]") : null;
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    open(link.href, link, link.getAttribute("data-relais-label"));
  });

  window.RelaisEmbed = { open: open, close: close };
})();
