// Keyboard shortcuts for the console's common actions, and due times in the moderator's own
// time zone (the page writes them in UTC; without this script they stay so). Every page works without this script;
// each shortcut only clicks or focuses a control that is on the page anyway, and the list is
// in the page ("Keyboard shortcuts", opened with "?"). Keys typed into a field are left alone,
// except Ctrl+Enter (or Cmd+Enter), which records the decision and claims the next case.
(function () {
  "use strict";
  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }
  function click(selector) {
    var element = document.querySelector(selector);
    if (element) { element.click(); return true; }
    return false;
  }
  function focus(selector) {
    var element = document.querySelector(selector);
    if (element) { element.focus(); return true; }
    return false;
  }
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      if (click("#decide-next")) { event.preventDefault(); }
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) { return; }
    var handled = false;
    if (event.key === "?") {
      var help = document.getElementById("shortcuts");
      if (help) { help.open = !help.open; if (help.open) { help.querySelector("summary").focus(); } handled = true; }
    } else if (event.key === "n") {
      handled = click("#claim-next");
    } else if (event.key === "q") {
      handled = click("#go-queue");
    } else if (event.key === "d") {
      handled = focus("#decision-form input, #decision-form textarea");
    } else if (event.key === "c") {
      handled = focus("#comment");
    } else if (event.key === "e") {
      var escalate = document.querySelector("[data-escalate]");
      if (escalate) { escalate.open = true; handled = focus("#escalation-reason"); }
    } else if (/^[1-9]$/.test(event.key)) {
      var presets = document.querySelectorAll("[data-presets] [data-preset]");
      var preset = presets[Number(event.key) - 1];
      if (preset) { preset.click(); handled = true; }
    }
    if (handled) { event.preventDefault(); }
  });
  // Due times: "30 Nov, 15:05 CET" in the browser's zone, the UTC text kept as the title.
  var format = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
    day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short"
  });
  Array.prototype.forEach.call(document.querySelectorAll("time[data-local-time]"), function (element) {
    var instant = new Date(element.getAttribute("datetime"));
    if (isNaN(instant.getTime())) { return; }
    element.title = element.textContent;
    element.textContent = format.format(instant);
  });
})();
