/*
 * Site search in the header: the reader's own language only, CJK without
 * spaces, accents optional, ranked by relevance (see hooks/kb/search/).
 *
 * The index is a set of small script files per language, written after the
 * build by hooks/kb/search/index.py. Each file stores its data in
 * `self.kbSearchData[key]`, so it is loaded with <script src> and works from
 * file:// as well as over http (fetch() is blocked on file:// pages). A query
 * loads the language's manifest, then only the term shards its words fall in,
 * then the document chunks of the results it shows.
 *
 * The text rules (normalize, terms) mirror hooks/kb/search/text.py exactly;
 * tests/test_search_text.py compares both on the same strings.
 *
 * Markup (overrides/partials/kb-search.html): a form [data-kb-search] with an
 * input, a [data-search-results] container, and a JSON script element holding
 * the interface strings of the page's language.
 */
(function () {
  "use strict";

  /* ---------------------------------------------------------------------- */
  /* Text rules (keep in sync with hooks/kb/search/text.py)                  */
  /* ---------------------------------------------------------------------- */

  var LATIN_SPECIAL = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "ı": "i" };
  var CJK_RANGES = [
    [0x1100, 0x11ff], [0x3005, 0x3007], [0x3040, 0x30ff], [0x3130, 0x318f], [0x31f0, 0x31ff],
    [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa960, 0xa97f], [0xac00, 0xd7af], [0xd7b0, 0xd7ff],
    [0xf900, 0xfaff], [0x20000, 0x3ffff]
  ];
  var MIN_WORD_LENGTH = 2;
  // Letters and digits (Python's \w without the underscore).
  var WORD_CHAR = /[\p{L}\p{N}]/u;
  var DIGITS = /^\p{Nd}+$/u;
  var COMBINING = /[\u0300-\u036f]/g;

  /**
   * Whether a character is Chinese, Japanese or Korean script.
   * @param {string} char one code point
   * @returns {boolean}
   */
  function isCjk(char) {
    var code = char.codePointAt(0);
    for (var i = 0; i < CJK_RANGES.length; i++) {
      if (code >= CJK_RANGES[i][0] && code <= CJK_RANGES[i][1]) return true;
    }
    return false;
  }

  /**
   * Remove the accent of a Latin letter; other scripts are returned unchanged.
   * @param {string} char one code point, already lower case
   * @returns {string}
   */
  function foldChar(char) {
    if (Object.prototype.hasOwnProperty.call(LATIN_SPECIAL, char)) return LATIN_SPECIAL[char];
    var code = char.codePointAt(0);
    if ((code >= 0x00c0 && code <= 0x024f) || (code >= 0x1e00 && code <= 0x1eff)) {
      return char.normalize("NFD").replace(COMBINING, "");
    }
    return char;
  }

  /**
   * NFKC, lower case, Latin accents removed.
   * @param {string} text
   * @returns {string}
   */
  function normalize(text) {
    var out = "";
    for (var char of text.normalize("NFKC").toLowerCase()) out += foldChar(char);
    return out;
  }

  /**
   * Words and CJK runs of a text, normalised.
   * @param {string} text
   * @returns {{text: string, cjk: boolean}[]}
   */
  function runs(text) {
    var found = [];
    var current = "";
    var currentCjk = false;
    for (var char of normalize(text)) {
      if (!WORD_CHAR.test(char)) {
        if (current) found.push({ text: current, cjk: currentCjk });
        current = "";
        continue;
      }
      var kind = isCjk(char);
      if (current && kind !== currentCjk) {
        found.push({ text: current, cjk: currentCjk });
        current = "";
      }
      current += char;
      currentCjk = kind;
    }
    if (current) found.push({ text: current, cjk: currentCjk });
    return found;
  }

  /**
   * Bigrams of a CJK run followed by its single characters.
   * @param {string} run
   * @returns {string[]}
   */
  function cjkTerms(run) {
    var chars = Array.from(run);
    if (chars.length === 1) return chars;
    var found = [];
    for (var i = 0; i < chars.length - 1; i++) found.push(chars[i] + chars[i + 1]);
    return found.concat(chars);
  }

  /**
   * Every term of a text, as the indexer cuts it.
   * @param {string} text
   * @returns {string[]}
   */
  function terms(text) {
    var found = [];
    runs(text).forEach(function (run) {
      if (run.cjk) found = found.concat(cjkTerms(run.text));
      else if (Array.from(run.text).length >= MIN_WORD_LENGTH || DIGITS.test(run.text)) found.push(run.text);
    });
    return found;
  }

  /* ---------------------------------------------------------------------- */
  /* Query plan: what to look up for each word the reader typed              */
  /* ---------------------------------------------------------------------- */

  // A word also finds longer words that start with it ("verif" → verification),
  // and a longer word also finds words sharing its stem ("expired" → expiry).
  var PREFIX_MIN = 3;
  var PREFIX_WEIGHT = 0.8;
  var STEM_MIN = 6;
  var STEM_WEIGHT = 0.55;
  // A CJK character on its own says little next to the pairs around it.
  var CJK_SINGLE_WEIGHT = 0.2;
  var CJK_SINGLES_UP_TO = 4;
  // Results scoring under this share of the best one are left out.
  var MIN_RELATIVE_SCORE = 0.1;

  /**
   * @typedef {{kind: "exact"|"prefix", term: string, weight: number}} Lookup
   * @typedef {{lookups: Lookup[], counts: boolean, sum: (boolean|undefined)}} QueryUnit
   *   `counts`: whether the unit takes part in the "how many words matched" bonus;
   *   `sum`: the unit's lookups add up (the pairs of a CJK run) instead of the best one counting.
   */

  /**
   * Turn a query into units: one per word (scored by its best lookup) and one
   * per CJK run (scored by the sum of its pairs and characters).
   * @param {string} query
   * @param {string[]} [stopwords] words the index leaves out (its manifest lists them)
   * @returns {QueryUnit[]}
   */
  function plan(query, stopwords) {
    var stop = {};
    (stopwords || []).forEach(function (word) { stop[word] = true; });
    var units = [];
    var seen = {};
    /** @param {QueryUnit} unit added unless the same lookups are already planned */
    function add(unit) {
      var key = unit.lookups.map(function (l) { return l.kind + ":" + l.term; }).join("|");
      if (!seen[key]) { seen[key] = true; units.push(unit); }
    }
    runs(query).forEach(function (run) {
      var chars = Array.from(run.text);
      if (run.cjk) {
        if (chars.length === 1) {
          add({ lookups: [{ kind: "exact", term: run.text, weight: 1 }], counts: true });
          return;
        }
        // One unit for the whole run, its pairs adding up to weight 1 and its
        // single characters to CJK_SINGLE_WEIGHT: a long word (고객센터, three
        // pairs) weighs as much as a short one (가짜).
        var lookups = [];
        for (var i = 0; i < chars.length - 1; i++) {
          lookups.push({ kind: "exact", term: chars[i] + chars[i + 1], weight: 1 / (chars.length - 1) });
        }
        // Single characters help short runs only; in longer ones the pairs
        // decide, and every extra lookup may cost one more index file.
        if (chars.length <= CJK_SINGLES_UP_TO) {
          chars.forEach(function (char) {
            lookups.push({ kind: "exact", term: char, weight: CJK_SINGLE_WEIGHT / chars.length });
          });
        }
        add({ lookups: lookups, counts: true, sum: true });
        return;
      }
      if (chars.length < MIN_WORD_LENGTH && !DIGITS.test(run.text)) return;
      if (stop[run.text] === true) return;
      var word = [{ kind: "exact", term: run.text, weight: 1 }];
      if (chars.length >= PREFIX_MIN) word.push({ kind: "prefix", term: run.text, weight: PREFIX_WEIGHT });
      if (chars.length >= STEM_MIN) {
        var stem = chars.slice(0, Math.max(5, chars.length - 3)).join("");
        word.push({ kind: "prefix", term: stem, weight: STEM_WEIGHT });
      }
      add({ lookups: word, counts: true });
    });
    return units;
  }

  /* ---------------------------------------------------------------------- */
  /* Index files                                                              */
  /* ---------------------------------------------------------------------- */

  var MAX_PREFIX_SHARDS = 3;
  var scripts = {};

  /**
   * Load one index file through <script src> and resolve with its data.
   * @param {string} base URL of the index folder (assets/kb-search)
   * @param {string} key "<lang>/<name>", the file is <base>/<key>.js
   * @returns {Promise<any>}
   */
  function loadData(base, key) {
    if (!scripts[key]) {
      scripts[key] = new Promise(function (resolve, reject) {
        var store = (self.kbSearchData = self.kbSearchData || {});
        if (store[key]) { resolve(store[key]); return; }
        var script = document.createElement("script");
        script.src = base + "/" + key + ".js";
        script.async = true;
        script.onload = function () {
          script.remove();
          if (store[key]) resolve(store[key]);
          else reject(new Error("search index file without data: " + key));
        };
        script.onerror = function () {
          script.remove();
          delete scripts[key];
          reject(new Error("search index file not loaded: " + key));
        };
        document.head.appendChild(script);
      });
    }
    return scripts[key];
  }

  /**
   * One language's index: finds shards for terms and decodes postings.
   * @param {string} base URL of the index folder
   * @param {string} lang
   * @param {any} manifest
   * @constructor
   */
  function LanguageIndex(base, lang, manifest) {
    this.base = base;
    this.lang = lang;
    this.manifest = manifest;
    this.alphabet = {};
    for (var i = 0; i < manifest.alphabet.length; i++) this.alphabet[manifest.alphabet[i]] = i;
  }

  /**
   * Index of the last shard whose first term is <= term (-1 if none).
   * @param {string} term
   * @returns {number}
   */
  LanguageIndex.prototype.shardOf = function (term) {
    var shards = this.manifest.shards;
    var low = 0, high = shards.length - 1, found = -1;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (shards[middle][0] <= term) { found = middle; low = middle + 1; } else high = middle - 1;
    }
    return found;
  };

  /**
   * The shard numbers a lookup needs.
   * @param {Lookup} lookup
   * @returns {number[]}
   */
  LanguageIndex.prototype.shardsFor = function (lookup) {
    var first = Math.max(0, this.shardOf(lookup.term));
    var found = [first];
    if (lookup.kind === "prefix") {
      var shards = this.manifest.shards;
      for (var i = first + 1; i < shards.length && found.length < MAX_PREFIX_SHARDS; i++) {
        if (!shards[i][0].startsWith(lookup.term)) break;
        found.push(i);
      }
    }
    return found;
  };

  /**
   * Load shards by number.
   * @param {number[]} numbers
   * @returns {Promise<Object<number, {t: string[], p: string[]}>>}
   */
  LanguageIndex.prototype.loadShards = function (numbers) {
    var self_ = this;
    var loaded = {};
    return Promise.all(numbers.map(function (n) {
      return loadData(self_.base, self_.lang + "/" + self_.manifest.shards[n][1]).then(function (data) {
        loaded[n] = data;
      });
    })).then(function () { return loaded; });
  };

  /**
   * Decode a postings string into document ids and impacts.
   * @param {string} text
   * @returns {{docs: number[], impacts: number[]}}
   */
  LanguageIndex.prototype.decode = function (text) {
    var docs = [], impacts = [], doc = 0, value = 0;
    var a = this.alphabet, scale = this.manifest.scale;
    for (var i = 0; i < text.length;) {
      var digit = a[text[i++]];
      value = value * 32 + (digit >= 32 ? digit - 32 : digit);
      if (digit >= 32) continue;
      doc += value;
      value = 0;
      docs.push(doc);
      impacts.push((a[text[i]] * 64 + a[text[i + 1]]) * scale);
      i += 2;
    }
    return { docs: docs, impacts: impacts };
  };

  /**
   * The postings strings a lookup matches in loaded shards.
   * @param {Lookup} lookup
   * @param {Object<number, {t: string[], p: string[]}>} shards
   * @returns {string[]}
   */
  LanguageIndex.prototype.match = function (lookup, shards) {
    var found = [];
    var numbers = this.shardsFor(lookup);
    for (var s = 0; s < numbers.length; s++) {
      var shard = shards[numbers[s]];
      if (!shard) continue;
      var terms_ = shard.t;
      var low = 0, high = terms_.length;
      while (low < high) {
        var middle = (low + high) >> 1;
        if (terms_[middle] < lookup.term) low = middle + 1; else high = middle;
      }
      if (lookup.kind === "exact") {
        if (terms_[low] === lookup.term) found.push(shard.p[low]);
        return found;
      }
      for (var i = low; i < terms_.length && terms_[i].startsWith(lookup.term); i++) {
        if (terms_[i] !== lookup.term) found.push(shard.p[i]);
      }
    }
    return found;
  };

  /**
   * Rank documents for a query: each unit scores its best lookup per document;
   * units add up, and documents matching more of the reader's words come first.
   * @param {string} query
   * @returns {Promise<{doc: number, score: number}[]>}
   */
  LanguageIndex.prototype.rank = function (query) {
    var self_ = this;
    var units = plan(query, this.manifest.stopwords);
    var numbers = {};
    units.forEach(function (unit) {
      unit.lookups.forEach(function (lookup) {
        self_.shardsFor(lookup).forEach(function (n) { numbers[n] = true; });
      });
    });
    return this.loadShards(Object.keys(numbers).map(Number)).then(function (shards) {
      var scores = {}, matched = {};
      var counted = units.filter(function (u) { return u.counts; }).length || 1;
      units.forEach(function (unit) {
        var best = {};
        unit.lookups.forEach(function (lookup) {
          var own = {};
          self_.match(lookup, shards).forEach(function (postings) {
            var decoded = self_.decode(postings);
            for (var i = 0; i < decoded.docs.length; i++) {
              var value = decoded.impacts[i] * lookup.weight;
              var doc = decoded.docs[i];
              if (!(own[doc] >= value)) own[doc] = value;
            }
          });
          Object.keys(own).forEach(function (doc) {
            if (unit.sum) best[doc] = (best[doc] || 0) + own[doc];
            else if (!(best[doc] >= own[doc])) best[doc] = own[doc];
          });
        });
        Object.keys(best).forEach(function (doc) {
          scores[doc] = (scores[doc] || 0) + best[doc];
          if (unit.counts) matched[doc] = (matched[doc] || 0) + 1;
        });
      });
      var ranked = Object.keys(scores).map(function (doc) {
        var coverage = (matched[doc] || 0) / counted;
        return { doc: Number(doc), score: scores[doc] * (0.5 + 0.5 * coverage) };
      }).sort(function (x, y) { return y.score - x.score || x.doc - y.doc; });
      // Pages that only brush against the query (a common word, one CJK
      // character) are not worth listing under the ones that answer it.
      var floor = ranked.length ? ranked[0].score * MIN_RELATIVE_SCORE : 0;
      return ranked.filter(function (r) { return r.score >= floor; });
    });
  };

  /**
   * Link, title, context and excerpt of documents, loading their chunks.
   * @param {number[]} ids
   * @returns {Promise<{url: string, title: string, context: string, excerpt: string}[]>}
   */
  LanguageIndex.prototype.documents = function (ids) {
    var self_ = this;
    var size = this.manifest.chunkSize;
    var chunks = {};
    ids.forEach(function (id) { chunks[Math.floor(id / size)] = true; });
    var loaded = {};
    return Promise.all(Object.keys(chunks).map(function (c) {
      return loadData(self_.base, self_.lang + "/" + self_.manifest.chunks[c]).then(function (data) {
        loaded[c] = data.d;
      });
    })).then(function () {
      return ids.map(function (id) {
        var row = loaded[Math.floor(id / size)][id % size];
        return { url: row[0], title: row[1], context: row[2], excerpt: row[3] };
      });
    });
  };

  var indexes = {};

  /**
   * The index of a language, loading its manifest once.
   * @param {string} base
   * @param {string} lang
   * @returns {Promise<LanguageIndex>}
   */
  function openIndex(base, lang) {
    var key = base + "|" + lang;
    if (!indexes[key]) {
      indexes[key] = loadData(base, lang + "/manifest").then(function (manifest) {
        return new LanguageIndex(base, lang, manifest);
      }, function (error) {
        delete indexes[key];
        throw error;
      });
    }
    return indexes[key];
  }

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
    var strings = JSON.parse(form.querySelector("script[data-search-strings]").textContent);
    var base = form.getAttribute("data-index");
    var root = form.getAttribute("data-root");
    var lang = document.documentElement.lang;
    var plural = new Intl.PluralRules(lang);
    var sequence = 0; // the last query started
    var rendered = 0; // the query whose results are on screen
    var timer = null;
    var ranked = [];
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
      input.setAttribute("aria-expanded", open ? "true" : "false");
      form.classList.toggle("kb-search--open", open);
    }

    /**
     * Render documents at the end of the list.
     * @param {{url: string, title: string, context: string, excerpt: string}[]} docs
     */
    function append(docs) {
      docs.forEach(function (doc) {
        var item = document.createElement("li");
        item.className = "kb-search__item";
        var link = document.createElement("a");
        link.className = "kb-search__link";
        link.href = joinRoot(root, doc.url);
        var title = document.createElement("span");
        title.className = "kb-search__title";
        title.textContent = doc.title;
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
          excerpt.textContent = doc.excerpt;
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
      var next = ranked.slice(shown, shown + PAGE_SIZE).map(function (r) { return r.doc; });
      return getIndex().then(function (idx) { return idx.documents(next); }).then(function (docs) {
        if (shownQuery !== rendered) return;
        append(docs);
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
     * @param {{doc: number}[]} found ranked documents
     * @param {any[]} docs the first page of them
     */
    function render(current, query, found, docs) {
      if (current < rendered) return;
      rendered = current;
      ranked = found;
      list.textContent = "";
      setOpen(true);
      status.textContent = found.length === 0 ? strings.none
        : (plural.select(found.length) === "one" ? strings.one : strings.other).replace("{count}", String(found.length));
      append(docs);
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
          var first = found.slice(0, PAGE_SIZE).map(function (r) { return r.doc; });
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

  window.kbSearch = { normalize: normalize, terms: terms, plan: plan, openIndex: openIndex };

  // Material's instant navigation replaces the page without a reload: mount the
  // search form of each page it shows.
  window.kbOnEveryPage(mountAll);
})();
