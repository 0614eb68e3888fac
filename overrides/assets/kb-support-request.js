/*
 * Support-request builder.
 *
 * The page holds a list of labelled fields and, as JSON in the builder's
 * data-support-words attribute (made from site-data), the words of the
 * message in the page's language and in English (for support agents). This
 * module writes both messages as the reader types, offers a copy button for
 * each, and, when a value looks like a verification code, a password, a
 * secret key or a recovery phrase, warns next to the field and next to each
 * copy button and puts a placeholder in its place in both messages, so what
 * is copied never holds it (the field itself is left as typed, for the
 * reader to fix). The rules that spot a secret are all in the first part of
 * this file; the words they need and the placeholders come from site-data.
 *
 * Privacy is the point of this page, so: nothing typed is sent anywhere (no
 * request of any kind), nothing is written to local or session storage or to
 * cookies, and the only thing that reaches the address bar is the chosen
 * situation (?cause=<id>, through history.replaceState, so it adds no history
 * entry). There is no <form> and no field has a name, so nothing can be
 * submitted by accident, and every field has autocomplete off so the browser
 * does not keep or restore what was typed.
 */
(function () {
  "use strict";

  // -- Spotting secrets ----------------------------------------------------
  // Every rule is here; the words they need come from site-data
  // (support-request.yml, secrets). Each rule returns the places it finds
  // (kind, start, end), so the messages can show a placeholder in their stead.

  // Kinds of secret, the strongest first: where two findings overlap, the
  // first kind names the placeholder.
  var KINDS = ["seed", "password", "key", "code"];
  // A character that makes a digit or letter part of a longer word or token.
  // Chinese, Japanese and Korean characters are not, as they are written
  // against numbers: "验证码482913" holds a code.
  var WORD_CHAR = /[A-Za-z0-9_\u00c0-\u024f]/;
  var CJK_CHAR = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]/g;
  // What a reader is asked for and must never be flagged: addresses, dates, times.
  var PROTECTED = [
    /(?:https?:\/\/|www\.)\S+/gi,
    /[^\s@]+@[^\s@]+\.[^\s@]+/g,
    /\d{4}[-\/.]\d{1,2}[-\/.]\d{1,2}(?!\d)/g,
    /\d{1,2}[-\/.]\d{1,2}[-\/.](?:\d{4}|\d{2})(?!\d)/g,
    /\d{1,2}:\d{2}(?::\d{2})?(?!\d)/g
  ];
  // A phone number written with its country code ("+34 612 345 678"); in a
  // field that asks for a number (UID, phone), any long number.
  var PHONE = /\+\d[\d \u00a0().\-]*\d/g;
  var LONG_NUMBER = /\(?\d[\d \u00a0().\-]*\d/g;
  // The fewest digits in a number that a number field asks for (UIDs have 8 or more).
  var FIELD_NUMBER_DIGITS = 7;
  // Verification codes: SMS and email codes have 4 to 8 digits, authenticator codes 6.
  var CODE_DIGITS = { min: 4, max: 8 };
  var YEAR = /^(19|20)\d\d$/;
  // Round numbers (1000 ms, 5000 USDT) are limits and amounts; a code ends in 000 once in a thousand.
  var ROUND = /000$/;
  // Runs of characters that API keys, private keys and tokens are made of.
  var KEY_TOKEN = /[A-Za-z0-9+\/=_\-]+/g;
  // A 2FA setup key (base32), often shown in groups of four: "JBSW Y3DP EHPK 3PXP".
  var BASE32_KEY = /[A-Z2-7]{4}(?:[ \u00a0]?[A-Z2-7]{4}){3,}/g;
  // What wraps a word in a sentence (quotes, brackets, code marks, bold, the punctuation after
  // it; not "!", which ends many passwords), and what ordinary words, numbers, ranges ("30~40cm")
  // and dates are joined with.
  var WRAPPING = /^(?:[("'`\u201c\u2018\u00ab\[]|\*\*)+|(?:[)"'`\u201d\u2019\u00bb\].,;:?]|\*\*)+$/g;
  var JOINING = /[\-\/.,:;+()#'"!?_~\uff5e]/;
  // How recovery phrases are numbered when written out: "1." "2)".
  var NUMBERING = /^\d{1,2}[.)]?$/;
  var SEED_RUN = 12;
  var SEED_AFTER_NAME = { words: 6, cjkChars: 12 };

  /**
   * Escape a string for use inside a regular expression.
   * @param {string} text
   * @returns {string}
   */
  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  /**
   * Every match of a global pattern, with where it starts and ends.
   * @param {RegExp} pattern a pattern with the g flag
   * @param {string} text
   * @returns {{start: number, end: number, text: string}[]}
   */
  function matchesOf(pattern, text) {
    var found = [];
    var match;
    pattern.lastIndex = 0;
    while ((match = pattern.exec(text)) !== null) {
      if (!match[0]) { pattern.lastIndex += 1; continue; }
      found.push({ start: match.index, end: match.index + match[0].length, text: match[0] });
    }
    return found;
  }

  /**
   * The text with the parts that must never be flagged blanked out (same length, so places agree).
   * @param {string} value
   * @param {boolean} numberField whether the field asks for a long number
   * @returns {string}
   */
  function maskProtected(value, numberField) {
    var chars = value.split("");
    var blank = function (range) {
      for (var i = range.start; i < range.end; i += 1) {
        if (!/\s/.test(chars[i])) chars[i] = "\u0001";
      }
    };
    PROTECTED.forEach(function (pattern) { matchesOf(pattern, value).forEach(blank); });
    (numberField ? [PHONE, LONG_NUMBER] : [PHONE]).forEach(function (pattern) {
      matchesOf(pattern, value).forEach(function (range) {
        if (range.text.replace(/\D/g, "").length >= FIELD_NUMBER_DIGITS) blank(range);
      });
    });
    return chars.join("");
  }

  /**
   * Whether the characters on either side of a place glue it to a longer word
   * or number (letters, digits, or a decimal point between digits).
   * @param {string} text
   * @param {number} start
   * @param {number} end
   * @returns {boolean}
   */
  function glued(text, start, end) {
    var before = text.charAt(start - 1);
    var after = text.charAt(end);
    if (WORD_CHAR.test(before) || WORD_CHAR.test(after)) return true;
    return (/[.,]/.test(before) && /\d/.test(text.charAt(start - 2))) ||
           (/[.,]/.test(after) && /\d/.test(text.charAt(end + 1)));
  }

  /**
   * Verification codes: 4 to 8 digits standing alone, also written in groups
   * ("482 913", "48 29 13", "482-913"); not years, dates, times, phone numbers
   * with a country code, decimals, or digits inside a word ("ABC123456").
   * @param {string} masked the value with protected parts blanked out
   * @param {boolean} numberField
   * @returns {{kind: string, start: number, end: number}[]}
   */
  function findCodes(masked, numberField) {
    var runs = matchesOf(/\d+/g, masked).filter(function (run) {
      // A minus sign before it ("-1021") makes it an error code of the API, not a code sent to a
      // reader; a dash after a letter does not ("G-482913" is how some SMS codes look).
      var negative = masked.charAt(run.start - 1) === "-" && !WORD_CHAR.test(masked.charAt(run.start - 2));
      return !glued(masked, run.start, run.end) && !negative;
    });
    var groups = [];
    runs.forEach(function (run) {
      var last = groups.length ? groups[groups.length - 1] : null;
      var previous = last ? last[last.length - 1] : null;
      var between = previous ? masked.slice(previous.end, run.start) : "";
      var bySpace = /^[ \u00a0]$/.test(between) && previous.text.length >= 2 && previous.text.length <= 4 &&
                    run.text.length >= 2 && run.text.length <= 4;
      var byDash = between === "-" && previous.text.length === 3 && run.text.length === 3;
      if (previous && (bySpace || byDash)) {
        last.push(run);
      } else {
        groups.push([run]);
      }
    });
    var found = [];
    groups.forEach(function (group) {
      var digits = group.map(function (run) { return run.text; }).join("");
      if (digits.length < CODE_DIGITS.min || digits.length > CODE_DIGITS.max) return;
      if (numberField && digits.length >= FIELD_NUMBER_DIGITS) return;
      if (group.every(function (run) { return YEAR.test(run.text); })) return;
      if (group.length === 1 && ROUND.test(digits)) return;
      found.push({ kind: "code", start: group[0].start, end: group[group.length - 1].end });
    });
    return found;
  }

  /**
   * Secret keys: long runs of letters and digits (API keys, private keys,
   * tokens), and 2FA setup keys in base32, grouped or not.
   * @param {string} masked
   * @returns {{kind: string, start: number, end: number}[]}
   */
  function findKeys(masked) {
    var found = [];
    matchesOf(KEY_TOKEN, masked).forEach(function (token) {
      var letters = (token.text.match(/[A-Za-z]/g) || []).length;
      var digits = (token.text.match(/[0-9]/g) || []).length;
      // Random strings switch between letters and digits often; words with a number do not.
      var switches = (token.text.match(/[A-Za-z](?=[0-9])|[0-9](?=[A-Za-z])/g) || []).length;
      if ((token.text.length >= 32 && letters && digits) ||
          (token.text.length >= 20 && letters >= 3 && digits >= 3 && switches >= 4)) {
        found.push({ kind: "key", start: token.start, end: token.end });
      }
    });
    matchesOf(BASE32_KEY, masked).forEach(function (key) {
      if (glued(masked, key.start, key.end)) return;
      if (/[2-7]/.test(key.text) && (key.text.match(/[A-Z]/g) || []).length >= 8) {
        found.push({ kind: "key", start: key.start, end: key.end });
      }
    });
    return found;
  }

  /**
   * Passwords written without a label: one word of 8 or more characters
   * mixing letters, digits and symbols ("Tr0ub4dor&3x"), but not a date,
   * an address or words and numbers joined by punctuation ("20-Nov-2026", "2FA/SMS").
   * @param {string} masked
   * @returns {{kind: string, start: number, end: number}[]}
   */
  function findPasswordWords(masked) {
    var found = [];
    matchesOf(/\S+/g, masked).forEach(function (token) {
      if (token.text.indexOf("\u0001") >= 0) return;
      var word = token.text.replace(WRAPPING, "");
      if (word.length < 8 || !/^[\x21-\x7e]+$/.test(word)) return;
      if (!/[A-Za-z]/.test(word) || !/[0-9]/.test(word) || !/[^A-Za-z0-9]/.test(word)) return;
      var parts = word.split(JOINING);
      var mixedPart = parts.some(function (part) {
        return part.length >= 6 && /[A-Za-z]/.test(part) && /[0-9]/.test(part);
      });
      var rareSymbol = parts.some(function (part) { return /[^A-Za-z0-9]/.test(part); });
      if (mixedPart || rareSymbol) {
        var start = token.start + token.text.indexOf(word);
        found.push({ kind: "password", start: start, end: start + word.length });
      }
    });
    return found;
  }

  /**
   * What follows a name and a colon or equals sign ("password: …",
   * "助记词：…"): the rest of the line, or of the value when the line ends there.
   * @param {string} value
   * @param {RegExp|null} names a global pattern from namePattern()
   * @returns {{start: number, end: number, text: string}[]}
   */
  function afterNames(value, names) {
    if (!names) return [];
    return matchesOf(names, value).map(function (match) {
      var start = match.end;
      while (/[ \t\u00a0\u3000]/.test(value.charAt(start))) start += 1;
      var lineEnd = value.indexOf("\n", start);
      var end = lineEnd < 0 ? value.length : lineEnd;
      if (!value.slice(start, end).trim()) end = value.length;
      while (end > start && /\s/.test(value.charAt(end - 1))) end -= 1;
      while (start < end && /\s/.test(value.charAt(start))) start += 1;
      return { start: start, end: end, text: value.slice(start, end) };
    }).filter(function (rest) { return rest.end > rest.start; });
  }

  /**
   * Recovery phrases: twelve or more words of the seed word list in a row
   * (numbering such as "1." allowed between them), or, after a recovery-phrase
   * name and a colon, six words or more (twelve Chinese, Japanese or Korean characters).
   * @param {string} value
   * @param {object} rules from prepareRules()
   * @returns {{kind: string, start: number, end: number}[]}
   */
  function findSeeds(value, rules) {
    var found = [];
    var run = [];
    var close = function () {
      if (run.length >= SEED_RUN) found.push({ kind: "seed", start: run[0].start, end: run[run.length - 1].end });
      run = [];
    };
    matchesOf(/\S+/g, value).forEach(function (token) {
      if (NUMBERING.test(token.text)) return;
      var bare = token.text.replace(/[,.;:]+$/, "");
      var word = bare.replace(/^\d{1,2}[.)]/, "").toLowerCase();
      if (rules.seedWords[word] === true) {
        // The punctuation after the last word stays in the message.
        run.push({ start: token.start, end: token.start + bare.length });
      } else {
        close();
      }
    });
    close();
    afterNames(value, rules.seedNames).forEach(function (rest) {
      var words = rest.text.split(/\s+/).filter(function (word) { return /[^\d\W]|[^\x00-\x7f]/.test(word); });
      var cjk = (rest.text.match(CJK_CHAR) || []).length;
      if (words.length >= SEED_AFTER_NAME.words || cjk >= SEED_AFTER_NAME.cjkChars) {
        found.push({ kind: "seed", start: rest.start, end: rest.end });
      }
    });
    return found;
  }

  /**
   * A pattern for one of the names followed by ":" or "=" (also full-width "：" and "＝");
   * a space in a name also matches no space.
   * @param {string[]} names
   * @returns {RegExp|null}
   */
  function namePattern(names) {
    if (!names || !names.length) return null;
    var alternatives = names.map(function (name) {
      return name.split(/\s+/).map(escapeRegExp).join("\\s*");
    });
    return new RegExp("(?:^|[^A-Za-z\\u00c0-\\u024f])(?:" + alternatives.join("|") + ")\\s*[:=\\uff1a\\uff1d]", "gi");
  }

  /**
   * The words of site-data made ready for the rules.
   * @param {object} secrets number_fields, password_words, seed_phrase_words, seed_words
   * @returns {object}
   */
  function prepareRules(secrets) {
    var seedWords = Object.create(null);
    (secrets.seed_words || "").split(" ").forEach(function (word) { if (word) seedWords[word] = true; });
    var numberFields = Object.create(null);
    (secrets.number_fields || []).forEach(function (id) { numberFields[id] = true; });
    return {
      passwordNames: namePattern(secrets.password_words),
      seedNames: namePattern(secrets.seed_phrase_words),
      seedWords: seedWords,
      numberFields: numberFields
    };
  }

  /**
   * Where a value holds secrets, overlapping findings merged, in order.
   * @param {string} value what the reader typed
   * @param {string} fieldId
   * @param {object} rules from prepareRules()
   * @returns {{kind: string, start: number, end: number}[]}
   */
  function findSecrets(value, fieldId, rules) {
    var numberField = rules.numberFields[fieldId] === true;
    // Chinese and Japanese keyboards often type full-width digits and letters ("４８２９１３"):
    // the rules read them as their ASCII twins. One character each way, so places agree.
    value = value.replace(/[\uff01-\uff5e]/g, function (wide) {
      return String.fromCharCode(wide.charCodeAt(0) - 0xfee0);
    }).replace(/\u3000/g, " ");
    var masked = maskProtected(value, numberField);
    var found = [].concat(
      findSeeds(value, rules),
      afterNames(value, rules.passwordNames).map(function (rest) {
        return { kind: "password", start: rest.start, end: rest.end };
      }),
      findKeys(masked),
      findPasswordWords(masked),
      findCodes(masked, numberField));
    found.sort(function (a, b) { return a.start - b.start || b.end - a.end; });
    var merged = [];
    found.forEach(function (finding) {
      var last = merged[merged.length - 1];
      if (last && finding.start < last.end) {
        last.end = Math.max(last.end, finding.end);
        if (KINDS.indexOf(finding.kind) < KINDS.indexOf(last.kind)) last.kind = finding.kind;
      } else {
        merged.push({ kind: finding.kind, start: finding.start, end: finding.end });
      }
    });
    return merged;
  }

  /**
   * The value with each secret replaced by the placeholder of its kind.
   * @param {string} value
   * @param {{kind: string, start: number, end: number}[]} findings from findSecrets()
   * @param {Object<string, string>} placeholders by kind, in the message's language
   * @returns {string}
   */
  function redact(value, findings, placeholders) {
    var out = "";
    var at = 0;
    findings.forEach(function (finding) {
      out += value.slice(at, finding.start) + placeholders[finding.kind];
      at = finding.end;
    });
    return out + value.slice(at);
  }

  // -- The messages --------------------------------------------------------

  /**
   * Write one message from its words and the reader's entries.
   * @param {object} words greeting, opening, situation, separator, closing, fields, causes, removed
   * @param {string} causeId the chosen situation, or "" for none
   * @param {{id: string, value: string, findings: object[]}[]} entries the fields in page order,
   *   with the secrets found in each
   * @returns {string}
   */
  function composeMessage(words, causeId, entries) {
    var lines = [words.greeting, "", words.opening, ""];
    if (causeId && words.causes[causeId]) {
      lines.push(words.situation + words.separator + words.causes[causeId]);
    }
    entries.forEach(function (entry) {
      // The placeholders go in before anything else, so no later step can bring a secret back.
      var value = redact(entry.value, entry.findings, words.removed).trim();
      if (!value) return;
      var label = words.fields[entry.id];
      if (value.indexOf("\n") >= 0) {
        // Several lines: the label on its own line, the lines below it.
        lines.push(label + words.separator.replace(/\s+$/, ""));
        value.split("\n").forEach(function (line) { lines.push("  " + line.trim()); });
      } else {
        lines.push(label + words.separator + value);
      }
    });
    lines.push("", words.closing);
    return lines.join("\n");
  }

  /**
   * Copy a message: the asynchronous clipboard first, then the older
   * select-and-copy command; when both fail the text is left selected.
   * @param {HTMLTextAreaElement} area the message
   * @returns {Promise<boolean>} whether the text reached the clipboard
   */
  function copyText(area) {
    /** @returns {boolean} whether selecting the text and the older copy command worked */
    function fallback() {
      area.focus();
      area.select();
      try {
        return document.execCommand("copy");
      } catch (error) {
        return false;
      }
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(area.value).then(
        function () { return true; },
        function () { return fallback(); });
    }
    return Promise.resolve(fallback());
  }

  /**
   * The page address with the chosen situation as its only addition.
   * @param {string} causeId
   * @returns {string}
   */
  function addressWithCause(causeId) {
    var url = new URL(location.href);
    if (causeId) {
      url.searchParams.set("cause", causeId);
    } else {
      url.searchParams.delete("cause");
    }
    return url.pathname + url.search + url.hash;
  }

  /**
   * Attach to one builder, once.
   * @param {HTMLElement} root the element carrying data-module="support-request"
   */
  function enhance(root) {
    if (root.getAttribute("data-support-enhanced") === "true") return;
    var data;
    try {
      data = JSON.parse(root.getAttribute("data-support-words") || "");
    } catch (error) {
      return;
    }
    root.setAttribute("data-support-enhanced", "true");

    var select = root.querySelector("[data-support-cause]");
    /** @type {(HTMLInputElement|HTMLTextAreaElement)[]} */
    var fields = Array.prototype.slice.call(root.querySelectorAll("[data-support-field]"));
    var outputs = {
      local: root.querySelector('[data-support-message="local"]'),
      agent: root.querySelector('[data-support-message="agent"]')
    };
    var rules = prepareRules(data.secrets || {});
    var warningLabels = { code: data.labels.warning_code, password: data.labels.warning_password,
                          key: data.labels.warning_key, seed: data.labels.warning_seed };
    var notices = Array.prototype.slice.call(root.querySelectorAll("[data-support-removed]"));

    /** @returns {string} the chosen cause id, "" when none */
    function chosenCause() {
      return select && select.value ? select.value : "";
    }

    /** Rewrite both messages, the warnings and the notices from the current entries. */
    function render() {
      var entries = fields.map(function (field) {
        var id = field.getAttribute("data-support-field");
        return { id: id, value: field.value, findings: findSecrets(field.value, id, rules) };
      });
      if (outputs.local) outputs.local.value = composeMessage(data.local, chosenCause(), entries);
      if (outputs.agent) outputs.agent.value = composeMessage(data.agent, chosenCause(), entries);
      fields.forEach(function (field, index) { showWarning(field, entries[index].findings); });
      showNotices(entries.filter(function (entry) { return entry.findings.length; }));
      // "Copied" would now describe an older text.
      root.querySelectorAll("[data-support-copy-status]").forEach(function (status) {
        status.textContent = "";
      });
    }

    /**
     * Show or clear the warning of one field and keep aria-invalid in step. The
     * warning is rewritten only when it changes, so a screen reader announces it
     * once, not on every key.
     * @param {HTMLInputElement|HTMLTextAreaElement} field
     * @param {{kind: string}[]} findings
     */
    function showWarning(field, findings) {
      var warning = root.querySelector('[data-support-warning="' + field.getAttribute("data-support-field") + '"]');
      var lines = KINDS.filter(function (kind) {
        return findings.some(function (finding) { return finding.kind === kind; });
      }).map(function (kind) { return warningLabels[kind]; });
      if (lines.length) lines.push(data.labels.warning_left_out);
      if (warning && warning.getAttribute("data-support-shown") !== lines.join("\n")) {
        warning.setAttribute("data-support-shown", lines.join("\n"));
        warning.textContent = "";
        lines.forEach(function (line) {
          var part = document.createElement("span");
          part.className = "kb-field__warning-line";
          part.textContent = line;
          warning.appendChild(part);
        });
      }
      if (lines.length) {
        field.setAttribute("aria-invalid", "true");
      } else {
        field.removeAttribute("aria-invalid");
      }
    }

    /**
     * Next to each copy button: say that something was left out, and link to
     * the fields that hold it (they may be screens above), or say nothing.
     * @param {{id: string}[]} flagged the entries that hold a secret
     */
    function showNotices(flagged) {
      var key = flagged.map(function (entry) { return entry.id; }).join(" ");
      notices.forEach(function (notice) {
        if (notice.getAttribute("data-support-shown") === key) return;
        notice.setAttribute("data-support-shown", key);
        notice.textContent = "";
        if (!flagged.length) return;
        var text = document.createElement("p");
        text.textContent = data.labels.removed_notice;
        var list = document.createElement("ul");
        flagged.forEach(function (entry) {
          var field = fields.filter(function (f) { return f.getAttribute("data-support-field") === entry.id; })[0];
          var item = document.createElement("li");
          var link = document.createElement("a");
          link.href = "#" + field.id;
          link.textContent = data.local.fields[entry.id];
          // Going to the field must not put it in the address or the history.
          link.addEventListener("click", function (event) {
            event.preventDefault();
            field.focus();
            field.scrollIntoView({ block: "center" });
          });
          item.appendChild(link);
          list.appendChild(item);
        });
        notice.appendChild(text);
        notice.appendChild(list);
      });
    }

    fields.forEach(function (field) {
      field.addEventListener("input", render);
    });

    if (select) {
      var requested = new URLSearchParams(location.search).get("cause");
      if (requested && select.querySelector('option[value="' + CSS.escape(requested) + '"]')) {
        select.value = requested;
      }
      select.addEventListener("change", function () {
        try {
          history.replaceState(history.state, "", addressWithCause(chosenCause()));
        } catch (error) {
          // file:// pages may refuse a new address; the choice still counts.
        }
        render();
      });
    }

    root.querySelectorAll("[data-support-copy]").forEach(function (button) {
      var area = document.getElementById(button.getAttribute("data-support-copy"));
      var status = root.querySelector('[data-support-copy-status="' + button.getAttribute("data-support-copy") + '"]');
      button.addEventListener("click", function () {
        if (!area) return;
        copyText(area).then(function (copied) {
          if (status) status.textContent = copied ? data.labels.copied : data.labels.copy_failed;
        });
      });
    });

    // A reload keeps the page's own state in some browsers: start from what is on screen.
    render();
    var output = root.querySelector("[data-support-output]");
    if (output) output.hidden = false;
    root.querySelectorAll("[data-support-nojs]").forEach(function (note) { note.hidden = true; });
  }

  window.kbEnhanceModule("support-request", enhance);
})();
