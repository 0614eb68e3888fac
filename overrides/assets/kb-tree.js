/*
 * Decision tree enhancement.
 *
 * Every troubleshooter page already holds every step as a panel, with only the
 * current one visible, and every answer is a plain link to the page of the next
 * step. Without JavaScript that is the whole tree. This module makes the same
 * links show the next panel in place: no page load, the address still changes to
 * the step's own page (so reload, bookmarks and sharing land on the same step),
 * the browser's back and forward buttons move between steps, focus moves to the
 * new question and a polite live region announces it.
 *
 * From file:// the browser refuses to change the address to another file; there
 * the links simply load the next page, which works the same way.
 *
 * Tree pages sit at different folder depths (troubleshoot/, troubleshoot/q/,
 * troubleshoot/q/a/) and the theme writes relative links, so before the address
 * changes every link on the page is made absolute, and the language switcher is
 * pointed at the same step in each language.
 */
(function () {
  "use strict";

  var listeningToHistory = false;

  /**
   * An address without its fragment, so "a/#x" and "a/" name the same step.
   * @param {string} href
   * @returns {string}
   */
  function withoutHash(href) {
    var url = new URL(href, document.baseURI);
    url.hash = "";
    return url.href;
  }

  /**
   * Attach to one tree container, once.
   * @param {HTMLElement} root the element carrying data-module="decision-tree"
   */
  function enhance(root) {
    if (root.getAttribute("data-tree-enhanced") === "true") return;
    root.setAttribute("data-tree-enhanced", "true");

    /** @type {Map<string, HTMLElement>} step id → its panel */
    var panels = new Map();
    root.querySelectorAll("[data-step]").forEach(function (panel) {
      panels.set(panel.getAttribute("data-step"), panel);
    });

    /** @type {Map<string, string>} page address → step id, learnt from the links themselves */
    var stepsByAddress = new Map();
    root.querySelectorAll("a[data-step-link]").forEach(function (link) {
      stepsByAddress.set(withoutHash(link.href), link.getAttribute("data-step-link"));
    });
    var firstStep = root.getAttribute("data-current-step");
    var firstAddress = withoutHash(location.href);
    stepsByAddress.set(firstAddress, firstStep);

    /** @param {string} step @returns {string|undefined} the address of a step's page */
    function addressOf(step) {
      var found;
      stepsByAddress.forEach(function (id, address) {
        if (id === step && found === undefined) found = address;
      });
      return found;
    }

    // Relative links would resolve against the new address after pushState.
    document.querySelectorAll("a[href], link[href]").forEach(function (link) {
      if (link.getAttribute("href").charAt(0) !== "#") link.setAttribute("href", link.href);
    });

    // Each language's switcher link is "that language's tree root + the step's
    // path below the root", learnt from the page we started on.
    var treeRoot = addressOf(root.getAttribute("data-start-step"));
    var switchers = [];
    if (treeRoot && firstAddress.indexOf(treeRoot) === 0) {
      var firstPath = firstAddress.slice(treeRoot.length);
      document.querySelectorAll(".md-select a[hreflang]").forEach(function (link) {
        var alternate = withoutHash(link.href);
        if (alternate.slice(alternate.length - firstPath.length) === firstPath) {
          switchers.push({ link: link, root: alternate.slice(0, alternate.length - firstPath.length) });
        }
      });
    }

    var live = root.querySelector("[data-tree-live]");
    var pageTitleSuffix = document.title.indexOf(" - ") >= 0
      ? document.title.slice(document.title.indexOf(" - "))
      : "";

    /**
     * Show one step's panel and hide the others.
     * @param {string} step
     * @param {boolean} announce move focus to the question and announce it
     */
    function show(step, announce) {
      var target = panels.get(step);
      if (!target) return;
      panels.forEach(function (panel, id) {
        panel.hidden = id !== step;
      });
      root.setAttribute("data-current-step", step);
      var address = addressOf(step);
      if (treeRoot && address && address.indexOf(treeRoot) === 0) {
        switchers.forEach(function (switcher) {
          switcher.link.setAttribute("href", switcher.root + address.slice(treeRoot.length));
        });
      }
      var heading = target.querySelector(".kb-step__question");
      if (heading) {
        var text = heading.textContent.replace(/\s*¶\s*$/, "").trim();
        document.title = text + pageTitleSuffix;
        if (announce) {
          heading.focus();
          if (live) live.textContent = text;
        }
      }
    }

    root.addEventListener("click", function (event) {
      var link = event.target.closest("a[data-step-link]");
      if (!link || event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      var step = link.getAttribute("data-step-link");
      if (!panels.has(step)) return;
      try {
        history.pushState({ kbTreeStep: step }, "", link.href);
      } catch (error) {
        // file:// pages may not rewrite their address: let the link load the page.
        return;
      }
      event.preventDefault();
      show(step, true);
    });

    history.replaceState({ kbTreeStep: firstStep }, "", location.href);

    if (!listeningToHistory) {
      listeningToHistory = true;
      window.addEventListener("popstate", function (event) {
        var current = document.querySelector('[data-module="decision-tree"]');
        if (!current || !current.kbShow) return;
        var step = (event.state && event.state.kbTreeStep) || current.kbStepFor(location.href);
        if (step) current.kbShow(step, true);
      });
    }
    root.kbShow = show;
    root.kbStepFor = function (href) {
      return stepsByAddress.get(withoutHash(href));
    };
  }

  window.kbEnhanceModule("decision-tree", enhance);
})();
