/*
 * The search box in the header: the reader's own language only, CJK without
 * spaces, accents optional, typing slips forgiven, safety pages first for
 * safety questions (see hooks/kb/search/ and site-data/search-rules.yml).
 *
 * This file is the box and its results; kb-search-text.js holds the text rules
 * and kb-search-index.js the index and the ranking, both loaded before it.
 *
 * Markup (overrides/partials/kb-search.html): a form [data-kb-search] with an
 * input, a [data-search-results] container holding the status, the list and
 * [data-search-fallback] (links to the troubleshooter and the cause list, shown
 * under every list and instead of an empty one), and a JSON script element
 * holding the interface strings of the page's language.
 */
(function () {
  "use strict";

  var kbSearch = window.kbSearch;
  var text = kbSearch.text;
  var openIndex = kbSearch.openIndex;

  /* ---------------------------------------------------------------------- */
  /* The search box                                                           */
  /* ---------------------------------------------------------------------- */

  var PAGE_SIZE = 10;
  var DEBOUNCE_MS = 60;

  /**
   * Join the site root (as written in the page, relative or absolute) and a site path.
   * @param {string} root
   * @param {string} path
   * @returns {string}
   */
  function joinRoot(root, path) {
    if (!root) return path;
    return root.replace(/\/+$/, "") + "/" + path;
  }

  /**
   * Fill an element with text, marking the words that match the query: Latin
   * words that start with a typed (or corrected) word, and the characters of
   * Chinese, Japanese or Korean pairs that the query also holds.
   * @param {Element} element
   * @param {string} value the text to show
   * @param {string} query
   * @param {string[]} words the Latin words that matched
   */
  function highlight(element, value, query, words) {
    var pairs = {};
    text.runs(query).forEach(function (run) {
      if (!run.cjk) return;
      var chars = Array.from(run.text);
      if (chars.length === 1) pairs[chars[0]] = true;
      for (var i = 0; i + 1 < chars.length; i++) pairs[chars[i] + chars[i + 1]] = true;
    });
    var chars = Array.from(value);
    var marked = chars.map(function () { return false; });
    // Walk the text word by word (letters and digits), as the text rules cut it.
    var WORD = /[\p{L}\p{N}]+/gu;
    var match;
    var offsets = [];
    var position = 0;
    chars.forEach(function (char) { offsets.push(position); position += char.length; });
    while ((match = WORD.exec(value)) !== null) {
      var first = offsets.indexOf(match.index);
      var piece = Array.from(match[0]);
      var latin = [];
      for (var i = 0; i <= piece.length; i++) {
        var cjk = i < piece.length && text.isCjk(piece[i]);
        if (i < piece.length && !cjk) { latin.push(i); continue; }
        if (latin.length) {
          var word = text.normalize(latin.map(function (j) { return piece[j]; }).join(""));
          var hit = words.some(function (typed) {
            return word === typed || (Array.from(typed).length >= 3 && word.startsWith(typed));
          });
          if (hit) latin.forEach(function (j) { marked[first + j] = true; });
          latin = [];
        }
        if (cjk) {
          var here = text.normalize(piece[i]);
          var next = i + 1 < piece.length ? text.normalize(piece[i + 1]) : "";
          if (next && pairs[here + next]) { marked[first + i] = true; marked[first + i + 1] = true; }
          if (pairs[here]) marked[first + i] = true;
        }
      }
    }
    element.textContent = "";
    var start = 0;
    for (var k = 1; k <= chars.length; k++) {
      if (k === chars.length || marked[k] !== marked[start]) {
        var part = chars.slice(start, k).join("");
        if (marked[start]) {
          var mark = document.createElement("mark");
          mark.className = "kb-search__mark";
          mark.textContent = part;
          element.appendChild(mark);
        } else {
          element.appendChild(document.createTextNode(part));
        }
        start = k;
      }
    }
  }

  /**
   * Attach the search behaviour to one search form.
   * @param {HTMLFormElement} form
   */
  function mount(form) {
    if (form.hasAttribute("data-kb-mounted")) return;
    form.setAttribute("data-kb-mounted", "");
    var input = form.querySelector("input[type=search]");
    var results = form.querySelector("[data-search-results]");
    var status = form.querySelector("[data-search-status]");
    var list = form.querySelector("[data-search-list]");
    var more = form.querySelector("[data-search-more]");
    var fallback = form.querySelector("[data-search-fallback]");
    var strings = JSON.parse(form.querySelector("script[data-search-strings]").textContent);
    var base = form.getAttribute("data-index");
    var root = form.getAttribute("data-root");
    var lang = document.documentElement.lang;
    var plural = new Intl.PluralRules(lang);
    var sequence = 0; // the last query started
    var rendered = 0; // the query whose results are on screen
    var timer = null;
    var ranked = [];
    var words = [];
    var shown = 0;
    var index = null;

    /** @returns {Promise<LanguageIndex>} */
    function getIndex() {
      if (!index) index = openIndex(base, lang).catch(function (error) { index = null; throw error; });
      return index;
    }

    /** @param {boolean} open */
    function setOpen(open) {
      results.hidden = !open;
      form.classList.toggle("kb-search--open", open);
    }

    /**
     * Render documents at the end of the list.
     * @param {{url: string, title: string, context: string, excerpt: string}[]} docs
     * @param {string} query the query they answer, for highlighting
     */
    function append(docs, query) {
      docs.forEach(function (doc) {
        var item = document.createElement("li");
        item.className = "kb-search__item";
        var link = document.createElement("a");
        link.className = "kb-search__link";
        link.href = joinRoot(root, doc.url);
        var title = document.createElement("span");
        title.className = "kb-search__title";
        highlight(title, doc.title, query, words);
        link.appendChild(title);
        if (doc.context) {
          var context = document.createElement("span");
          context.className = "kb-search__context";
          context.textContent = doc.context;
          link.appendChild(context);
        }
        if (doc.excerpt) {
          var excerpt = document.createElement("span");
          excerpt.className = "kb-search__excerpt";
          highlight(excerpt, doc.excerpt, query, words);
          link.appendChild(excerpt);
        }
        item.appendChild(link);
        list.appendChild(item);
      });
    }

    /**
     * Show the next page of results of the query on screen.
     * @returns {Promise<void>}
     */
    function showMore() {
      var shownQuery = rendered;
      var query = results.getAttribute("data-search-query") || "";
      var next = ranked.slice(shown, shown + PAGE_SIZE).map(function (r) { return r.doc; });
      return getIndex().then(function (idx) { return idx.documents(next); }).then(function (docs) {
        if (shownQuery !== rendered) return;
        append(docs, query);
        shown += docs.length;
        more.hidden = shown >= ranked.length;
      });
    }

    /**
     * Replace the list by the first results of a query, unless a newer query is already shown.
     * While the reader types, each query runs; the results of an older one
     * still show if they arrive first, so something appears early, and the
     * newest query's results replace them when ready.
     * @param {number} current sequence number of the query
     * @param {string} query
     * @param {{ranked: {doc: number}[], words: string[]}} found ranked documents and matched words
     * @param {any[]} docs the first page of them
     */
    function render(current, query, found, docs) {
      if (current < rendered) return;
      rendered = current;
      ranked = found.ranked;
      words = found.words;
      list.textContent = "";
      setOpen(true);
      status.textContent = ranked.length === 0 ? strings.none
        : (plural.select(ranked.length) === "one" ? strings.one : strings.other).replace("{count}", String(ranked.length));
      if (fallback) fallback.hidden = false;
      append(docs, query);
      shown = docs.length;
      more.hidden = shown >= ranked.length;
      // Which query the list shows, for tests and the benchmark to wait on.
      results.setAttribute("data-search-query", query);
    }

    /**
     * Run a query and show its first results.
     * @param {string} query
     * @returns {Promise<void>}
     */
    function run(query) {
      var current = ++sequence;
      if (!query.trim()) {
        rendered = current;
        ranked = [];
        list.textContent = "";
        status.textContent = "";
        more.hidden = true;
        results.removeAttribute("data-search-query");
        form.removeAttribute("aria-busy");
        setOpen(false);
        return Promise.resolve();
      }
      form.setAttribute("aria-busy", "true");
      return getIndex().then(function (idx) {
        return idx.rank(query).then(function (found) {
          if (current < rendered) return;
          var first = found.ranked.slice(0, PAGE_SIZE).map(function (r) { return r.doc; });
          return idx.documents(first).then(function (docs) { render(current, query, found, docs); });
        });
      }).catch(function (error) {
        if (current < rendered) return;
        rendered = current;
        ranked = [];
        list.textContent = "";
        more.hidden = true;
        setOpen(true);
        status.textContent = strings.unavailable;
        if (fallback) fallback.hidden = false;
        results.setAttribute("data-search-query", query);
        if (window.console) console.error(error);
      }).then(function () {
        if (rendered === sequence) form.removeAttribute("aria-busy");
      });
    }

    /** Search shortly after the reader stops typing. */
    function schedule() {
      clearTimeout(timer);
      timer = setTimeout(function () { run(input.value); }, DEBOUNCE_MS);
    }
    input.addEventListener("input", function (event) {
      // With an input method (Chinese, Japanese, Korean), wait for the
      // converted text rather than searching every intermediate syllable.
      if (!event.isComposing) schedule();
    });
    input.addEventListener("compositionend", schedule);
    input.addEventListener("focus", function () {
      getIndex().catch(function () { /* reported when a query runs */ });
      if (input.value.trim() && list.childElementCount) setOpen(true);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      var first = list.querySelector("a");
      if (first && !results.hidden) first.click();
      else run(input.value);
    });
    more.addEventListener("click", function () { showMore().then(focusNewResult); });

    /** After "more", move focus to the first newly shown result. */
    function focusNewResult() {
      var links = list.querySelectorAll("a");
      var target = links[Math.max(0, shown - PAGE_SIZE)] || links[0];
      if (target && shown > PAGE_SIZE) target.focus();
    }

    // Keyboard: arrows move between the box and the results, Escape closes.
    form.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      var position = links.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && links.length) {
        event.preventDefault();
        setOpen(true);
        links[Math.min(position + 1, links.length - 1)].focus();
      } else if (event.key === "ArrowUp" && position >= 0) {
        event.preventDefault();
        if (position === 0) input.focus(); else links[position - 1].focus();
      } else if (event.key === "Escape") {
        if (!results.hidden) {
          event.preventDefault();
          setOpen(false);
          input.focus();
        } else if (input.value) {
          event.preventDefault();
          input.value = "";
          run("");
        }
      }
    });
    document.addEventListener("click", function (event) {
      if (!form.contains(event.target)) setOpen(false);
    });
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        input.focus();
        input.select();
      }
    });

    // ?q=TEXT opens the search with TEXT, so a search can be linked.
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) {
      input.value = query;
      run(query);
    }
  }

  /** Mount every search form of the current document. */
  function mountAll() {
    document.querySelectorAll("form[data-kb-search]").forEach(mount);
  }

  kbSearch.highlight = highlight;

  // Material's instant navigation replaces the page without a reload: mount the
  // search form of each page it shows.
  window.kbOnEveryPage(mountAll);
})();
