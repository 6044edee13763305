/* Presenter mode (/present): keys, full screen and auto-advance.
 *
 * Dash loads every script in assets/ on every page, so nothing here acts unless the page holds
 * #present-root. Moving between slides clicks the page's own dcc.Links (#present-next,
 * #present-prev, #present-first): Dash's router then renders the slide from the new URL and
 * the browser keeps a history entry, exactly as a mouse click would.
 * Clickers send Right/Left arrows, Page Down/Up and space; Home goes to the first slide, F
 * toggles full screen, Escape follows #present-exit back to the overview view presenter mode
 * came from (in full screen the browser takes the first Escape to leave full screen). Keys typed into a form field, or with Ctrl/Alt/Cmd (Alt+Left is the
 * browser's Back), are left alone.
 */
(function () {
  "use strict";

  var FORWARD = { ArrowRight: true, PageDown: true, " ": true, Spacebar: true };
  var BACK = { ArrowLeft: true, PageUp: true };

  function root() {
    return document.getElementById("present-root");
  }

  /* Follow a slide link; a disabled one is a <span>, not a link, and does nothing. */
  function follow(id) {
    var link = document.getElementById(id);
    if (link && link.tagName === "A") {
      link.click();
      return true;
    }
    return false;
  }

  function typing(target) {
    if (!target || !target.tagName) {
      return false;
    }
    var tag = target.tagName;
    return tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA" || target.isContentEditable;
  }

  function toggleFullscreen() {
    var ignore = function () {}; /* refused (e.g. no user gesture): nothing to undo */
    if (document.fullscreenElement) {
      if (document.exitFullscreen) {
        document.exitFullscreen().catch(ignore);
      }
    } else if (document.documentElement.requestFullscreen) {
      document.documentElement.requestFullscreen().catch(ignore);
    }
  }

  document.addEventListener("keydown", function (event) {
    if (!root() || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    if (typing(event.target)) {
      return;
    }
    var key = event.key;
    if (key === " " && event.shiftKey) {
      follow("present-prev");
    } else if (FORWARD[key]) {
      follow("present-next");
    } else if (BACK[key]) {
      follow("present-prev");
    } else if (key === "Home") {
      follow("present-first");
    } else if (key === "f" || key === "F") {
      toggleFullscreen();
    } else if (key === "Escape" || key === "Esc") {
      follow("present-exit");
    } else {
      return;
    }
    /* Handled: no page scroll, and no second action by a focused control. */
    event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest && event.target.closest("#present-fullscreen");
    if (button) {
      toggleFullscreen();
      button.blur(); /* a clicker's space must turn the page, not press this button again */
    }
  });

  document.addEventListener("fullscreenchange", function () {
    var button = document.getElementById("present-fullscreen");
    if (button) {
      button.setAttribute("aria-pressed", document.fullscreenElement ? "true" : "false");
    }
  });

  /* After a slide change, move focus to the new slide's title (unless the user is in a
     control), so a screen reader announces the slide and keys keep working. Also drives
     auto-advance: ?auto=N puts N on #present-root's data-auto. */
  var shown = { search: null, since: 0 };
  window.setInterval(function () {
    var slide = root();
    if (!slide) {
      shown.search = null;
      return;
    }
    var now = Date.now();
    if (location.search !== shown.search || slide.getAttribute("data-seen") !== "1") {
      var first = shown.search === null;
      shown.search = location.search;
      shown.since = now;
      slide.setAttribute("data-seen", "1");
      var active = document.activeElement;
      if (!first && (!active || active === document.body)) {
        var title = slide.querySelector("h1");
        if (title) {
          title.focus({ preventScroll: true });
        }
      }
      return;
    }
    var seconds = parseInt(slide.getAttribute("data-auto"), 10);
    if (seconds > 0 && now - shown.since >= seconds * 1000) {
      shown.since = now;
      if (!follow("present-next")) {
        follow("present-first"); /* after the last slide, start again */
      }
    }
  }, 250);
})();
