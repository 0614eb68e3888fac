/*
 * Puts the reader's colour scheme on the page before its first paint.
 * (This file is inlined in every page's head: its comments name elements
 * without angle brackets, which tools reading the page would take for tags.)
 *
 * Material renders the body element with the first palette of mkdocs.yml
 * (light) and switches to the one matching prefers-color-scheme only when its
 * bundle runs, which is deferred: on a slow connection a dark-mode reader saw the light page
 * for seconds on a first visit. This runs inline in the head, so it needs no
 * download, and makes the same choice the bundle will make: the palette the
 * reader picked with the toggle (Material keeps it in localStorage, read with
 * Material's own __md_get), otherwise the first palette whose media query
 * matches. The palettes come from mkdocs.yml, in data-kb-palettes.
 *
 * The body element does not exist yet while the head runs: its attributes are
 * set the moment the parser adds it (a MutationObserver, whose callback runs
 * before the browser paints). They go on the html element too, at once, where
 * Material's `color-scheme: dark` makes the browser's own canvas and scrollbars
 * dark.
 */
(function () {
  "use strict";

  var palettes = JSON.parse(document.currentScript.getAttribute("data-kb-palettes"));
  if (!palettes.length) return;

  /** The colours the reader chose with the toggle, or null (first visit, or storage off). */
  function savedColours() {
    try {
      var saved = window.__md_get("__palette");
      return saved && saved.color && saved.color.scheme ? saved.color : null;
    } catch (error) {
      return null;
    }
  }

  /** The first palette whose media query matches, as Material's bundle picks it. */
  function systemColours() {
    var matching = palettes.filter(function (palette) {
      return palette.media && window.matchMedia(palette.media).matches;
    });
    return matching.length ? matching[0] : palettes[0];
  }

  var saved = savedColours();
  // "(prefers-color-scheme)" is Material's "follow the system" toggle state.
  var colours = saved && saved.media !== "(prefers-color-scheme)" ? saved : systemColours();

  /** @param {Element} element */
  function paint(element) {
    ["scheme", "primary", "accent"].forEach(function (name) {
      if (colours[name]) element.setAttribute("data-md-color-" + name, colours[name]);
    });
  }

  paint(document.documentElement);
  if (document.body) {
    paint(document.body);
    return;
  }
  var observer = new MutationObserver(function () {
    if (document.body) {
      paint(document.body);
      observer.disconnect();
    }
  });
  observer.observe(document.documentElement, { childList: true });
})();
