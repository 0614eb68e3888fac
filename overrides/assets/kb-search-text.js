/*
 * Search text rules: how text becomes search terms, in the browser.
 *
 * They mirror hooks/kb/search/text.py exactly (tests/test_search_text.py runs
 * both on the same strings), so a typed word meets the indexed one. Also here:
 * the comparisons of typed words with listed words that the query rules and
 * typo tolerance use. Exposed as window.kbSearch.text for kb-search-index.js
 * and kb-search.js, loaded after this file.
 */
(function () {
  "use strict";

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

  /**
   * Optimal string alignment distance, capped: one edit is a letter added,
   * dropped, changed, or two neighbours swapped (the usual slips on a phone).
   * @param {string} a
   * @param {string} b
   * @param {number} limit distances above it are reported as limit + 1
   * @returns {number}
   */
  function editDistance(a, b, limit) {
    var x = Array.from(a), y = Array.from(b);
    if (Math.abs(x.length - y.length) > limit) return limit + 1;
    var before = null, previous = [], current;
    for (var j = 0; j <= y.length; j++) previous.push(j);
    for (var i = 1; i <= x.length; i++) {
      current = [i];
      var best = i;
      for (j = 1; j <= y.length; j++) {
        var cost = x[i - 1] === y[j - 1] ? 0 : 1;
        var value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) {
          value = Math.min(value, before[j - 2] + 1);
        }
        current.push(value);
        if (value < best) best = value;
      }
      if (best > limit) return limit + 1;
      before = previous;
      previous = current;
    }
    return Math.min(previous[y.length], limit + 1);
  }

  // A listed word also matches typed words that start with it from this length
  // ("scam" → scammer), and, from TYPO_MIN letters, a typed word one edit away.
  // Six, not the five of the search itself: a rule fires on one word, and among
  // five-letter words one edit joins too many others (falla/falso, comes/codes).
  var PREFIX_FROM = 3;
  var TYPO_MIN = 6;

  /**
   * Whether one run of a listed phrase matches one typed run.
   * @param {{text: string, cjk: boolean}} listed
   * @param {{text: string, cjk: boolean}} typed
   * @param {boolean} last whether it is the last run of the phrase (may be a prefix)
   * @param {boolean} alone whether the phrase is this one run (may be mistyped)
   * @param {Object<string, boolean>} known typed words the index has: those are words, not slips
   *   ("envoyé" is not a mistyped "envoyer")
   * @returns {boolean}
   */
  function runMatches(listed, typed, last, alone, known) {
    if (listed.cjk) return typed.cjk && typed.text.indexOf(listed.text) >= 0;
    if (typed.cjk) return false;
    if (typed.text === listed.text) return true;
    var length = Array.from(listed.text).length;
    if (last && length >= PREFIX_FROM && typed.text.startsWith(listed.text)) return true;
    return alone && !known[typed.text] && length >= TYPO_MIN && editDistance(typed.text, listed.text, 1) <= 1;
  }

  /**
   * Whether a typed query names a listed word or phrase. Chinese, Japanese and
   * Korean phrases are looked for inside the typed text with its spaces left
   * out, as readers often leave them out; Latin words one by one, in order.
   * @param {string} phrase normalised, runs joined by one space
   * @param {{text: string, cjk: boolean}[]} typed the query's runs
   * @param {Object<string, boolean>} [known] typed words the index has (never taken for slips)
   * @returns {boolean}
   */
  function namesPhrase(phrase, typed, known) {
    known = known || {};
    var listed = runs(phrase);
    if (!listed.length) return false;
    if (listed.every(function (run) { return run.cjk; })) {
      var joined = listed.map(function (run) { return run.text; }).join("");
      var cjkText = typed.filter(function (run) { return run.cjk; }).map(function (run) { return run.text; }).join("");
      return cjkText.indexOf(joined) >= 0;
    }
    for (var start = 0; start + listed.length <= typed.length; start++) {
      var all = true;
      for (var i = 0; i < listed.length && all; i++) {
        all = runMatches(listed[i], typed[start + i], i === listed.length - 1, listed.length === 1, known);
      }
      if (all) return true;
    }
    return false;
  }

  var kbSearch = (window.kbSearch = window.kbSearch || {});
  kbSearch.text = {
    normalize: normalize, runs: runs, terms: terms, isCjk: isCjk, cjkTerms: cjkTerms,
    editDistance: editDistance, namesPhrase: namesPhrase, MIN_WORD_LENGTH: MIN_WORD_LENGTH, DIGITS: DIGITS
  };
  kbSearch.normalize = normalize;
  kbSearch.terms = terms;
})();
