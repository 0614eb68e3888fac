/*
 * Search index: loads one language's index files and ranks its documents for a query.
 *
 * The index is a set of small script files per language, written after the
 * build by hooks/kb/search/index.py (keep FORMAT_VERSION equal to its own).
 * Each file stores its data in `self.kbSearchData[key]`, so it is loaded with
 * <script src> and works from file:// as well as over http (fetch() is blocked
 * on file:// pages). A query loads the language's manifest, then only the term
 * shards its words fall in, then the document chunks of the results it shows;
 * the word list for typo tolerance only when a word finds nothing.
 *
 * Relies on kb-search-text.js (window.kbSearch.text); exposes
 * window.kbSearch.openIndex and .plan for kb-search.js.
 */
(function () {
  "use strict";

  var FORMAT_VERSION = 2;
  var text = window.kbSearch.text;
  var runs = text.runs, isCjk = text.isCjk, MIN_WORD_LENGTH = text.MIN_WORD_LENGTH, DIGITS = text.DIGITS;

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
   * @param {string[]} [ignored] words and phrases to drop from queries (the manifest's `ignore`)
   * @returns {QueryUnit[]}
   */
  function plan(query, stopwords, ignored) {
    // A query of ignored words only ("Binance") is searched as typed rather than as nothing.
    var kept = planWithout(query, stopwords, ignored || []);
    return kept.length || !(ignored && ignored.length) ? kept : planWithout(query, stopwords, []);
  }

  /**
   * plan() for a given list of ignored words.
   * @param {string} query
   * @param {string[]} stopwords
   * @param {string[]} ignored
   * @returns {QueryUnit[]}
   */
  function planWithout(query, stopwords, ignored) {
    var stop = {};
    (stopwords || []).forEach(function (word) { stop[word] = true; });
    (ignored || []).forEach(function (word) { if (word.indexOf(" ") < 0) stop[word] = true; });
    var units = [];
    var seen = {};
    /** @param {QueryUnit} unit added unless the same lookups are already planned */
    function add(unit) {
      var key = unit.lookups.map(function (l) { return l.kind + ":" + l.term; }).join("|");
      if (!seen[key]) { seen[key] = true; units.push(unit); }
    }
    withoutIgnored(runs(query), ignored || []).forEach(function (run) {
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
      add({ lookups: word, counts: true, word: run.text });
    });
    return units;
  }

  /**
   * The runs of a query with ignored CJK words cut out of them (バイナンス本人確認
   * → 本人確認); ignored Latin words are dropped with the stopwords.
   * @param {{text: string, cjk: boolean}[]} found
   * @param {string[]} ignored
   * @returns {{text: string, cjk: boolean}[]}
   */
  function withoutIgnored(found, ignored) {
    var cjkWords = ignored.filter(function (word) { return isCjk(Array.from(word)[0]); });
    if (!cjkWords.length) return found;
    var out = [];
    found.forEach(function (run) {
      if (!run.cjk) { out.push(run); return; }
      var pieces = [run.text];
      cjkWords.forEach(function (word) {
        pieces = [].concat.apply([], pieces.map(function (piece) { return piece.split(word); }));
      });
      pieces.forEach(function (piece) { if (piece) out.push({ text: piece, cjk: true }); });
    });
    return out;
  }

  /**
   * The pages that query rules put first for a query, in order (see
   * site-data/search-rules.yml): a rule fires when the query names at least
   * one word of each of its conditions.
   * @param {string} query
   * @param {{all: string[][], first: number[]}[]} rules
   * @param {Object<string, boolean>} [known] typed words the index has (see text.namesPhrase)
   * @returns {number[]} document ids
   */
  function pinnedFor(query, rules, known) {
    var typed = runs(query);
    var pinned = [];
    (rules || []).forEach(function (rule) {
      var fires = rule.all.length > 0 && rule.all.every(function (condition) {
        return condition.some(function (phrase) { return text.namesPhrase(phrase, typed, known); });
      });
      if (fires) rule.first.forEach(function (doc) { if (pinned.indexOf(doc) < 0) pinned.push(doc); });
    });
    return pinned;
  }

  /* ---------------------------------------------------------------------- */
  /* Index files                                                              */
  /* ---------------------------------------------------------------------- */

  var MAX_PREFIX_SHARDS = 3;
  // Typo tolerance: at most this many corrections per word, each counting a
  // little less than the word as typed would have.
  var MAX_CORRECTIONS = 4;
  var TYPO_WEIGHT = 0.75;
  var TYPO_MIN = 5;
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
   * The shard numbers of every lookup of some units.
   * @param {QueryUnit[]} units
   * @returns {number[]}
   */
  LanguageIndex.prototype.shardsOfUnits = function (units) {
    var self_ = this;
    var numbers = {};
    units.forEach(function (unit) {
      unit.lookups.forEach(function (lookup) {
        self_.shardsFor(lookup).forEach(function (n) { numbers[n] = true; });
      });
    });
    return Object.keys(numbers).map(Number);
  };

  /**
   * Words of the index one edit away from a typed word that found nothing.
   * @param {string} word
   * @returns {Promise<string[]>}
   */
  LanguageIndex.prototype.corrections = function (word) {
    var self_ = this;
    if (!this.manifest.words) return Promise.resolve([]);
    return loadData(this.base, this.lang + "/" + this.manifest.words).then(function (data) {
      var found = [];
      for (var i = 0; i < data.w.length && found.length < MAX_CORRECTIONS; i++) {
        if (text.editDistance(word, data.w[i], 1) <= 1) found.push(data.w[i]);
      }
      return found;
    }, function () { return []; });
  };

  /**
   * Rank documents for a query: each unit scores its best lookup per document;
   * units add up, and documents matching more of the reader's words come first.
   * A Latin word of TYPO_MIN letters or more that finds nothing is looked up
   * again as the index words one edit away. Pages that a query rule puts
   * first lead the list.
   * @param {string} query
   * @returns {Promise<{ranked: {doc: number, score: number}[], words: string[]}>}
   *   `words`: the Latin words that matched, typed or corrected, for highlighting
   */
  LanguageIndex.prototype.rank = function (query) {
    var self_ = this;
    var units = plan(query, this.manifest.stopwords, this.manifest.ignore);
    var loaded = {};
    function load(numbers) {
      return self_.loadShards(numbers.filter(function (n) { return !loaded[n]; })).then(function (shards) {
        Object.keys(shards).forEach(function (n) { loaded[n] = shards[n]; });
        return loaded;
      });
    }
    // Typed words the index has as they are, and the stopwords: real words, never slips.
    var known = {};
    (this.manifest.stopwords || []).forEach(function (word) { known[word] = true; });
    return load(this.shardsOfUnits(units)).then(function (shards) {
      units.forEach(function (unit) {
        if (unit.word && self_.match(unit.lookups[0], shards).length > 0) known[unit.word] = true;
      });
      var missing = units.filter(function (unit) {
        return unit.word && Array.from(unit.word).length >= TYPO_MIN && !unit.lookups.some(function (lookup) {
          return self_.match(lookup, shards).length > 0;
        });
      });
      if (!missing.length) return shards;
      return Promise.all(missing.map(function (unit) {
        return self_.corrections(unit.word).then(function (words) {
          unit.corrected = words;
          unit.lookups = unit.lookups.concat(words.map(function (word) {
            return { kind: "exact", term: word, weight: TYPO_WEIGHT };
          }));
        });
      })).then(function () { return load(self_.shardsOfUnits(missing)); });
    }).then(function (shards) {
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
      ranked = ranked.filter(function (r) { return r.score >= floor; });
      var pinned = pinnedFor(query, self_.manifest.rules, known);
      if (pinned.length) {
        var top = ranked.length ? ranked[0].score : 1;
        ranked = pinned.map(function (doc, i) { return { doc: doc, score: top * (2 + pinned.length - i), pinned: true }; })
          .concat(ranked.filter(function (r) { return pinned.indexOf(r.doc) < 0; }));
      }
      var words = [];
      units.forEach(function (unit) {
        if (unit.word) words.push(unit.word);
        (unit.corrected || []).forEach(function (word) { words.push(word); });
      });
      return { ranked: ranked, words: words };
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
        // An index written by another version of the indexer would be misread.
        if (manifest.version !== FORMAT_VERSION) {
          throw new Error("search index format " + manifest.version + ", this page reads " + FORMAT_VERSION);
        }
        return new LanguageIndex(base, lang, manifest);
      }, function (error) {
        delete indexes[key];
        throw error;
      });
    }
    return indexes[key];
  }

  window.kbSearch.plan = plan;
  window.kbSearch.pinnedFor = pinnedFor;
  window.kbSearch.openIndex = openIndex;
  window.kbSearch.FORMAT_VERSION = FORMAT_VERSION;
})();
