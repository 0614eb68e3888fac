/*
 * Runs the enhancements of kb-search.js, kb-tree.js, kb-checklist.js and
 * kb-support-request.js on every page a reader sees that loads them (the last
 * three only load where their block is: mkdocs.yml, extra.kb_module_scripts).
 * It is listed first in extra_javascript and loads on every page, so that those
 * files, loaded after it in order, can rely on it.
 */
(function () {
  "use strict";

  /**
   * Call callback now and on each page Material shows later. Material announces
   * every page, also after instant navigation, on document$; without its bundle,
   * the DOM event does.
   * @param {function(): void} callback
   */
  function onEveryPage(callback) {
    if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
      window.document$.subscribe(callback);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", callback);
    } else {
      callback();
    }
  }

  /**
   * Call enhance(element) for every element marked data-module="NAME" on every page.
   * @param {string} name the data-module value
   * @param {function(Element): void} enhance
   */
  function enhanceModule(name, enhance) {
    onEveryPage(function () {
      document.querySelectorAll('[data-module="' + name + '"]').forEach(enhance);
    });
  }

  window.kbOnEveryPage = onEveryPage;
  window.kbEnhanceModule = enhanceModule;
})();
