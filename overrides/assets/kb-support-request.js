/*
 * Support-request builder.
 *
 * The page holds a list of labelled fields and, as JSON in the builder's
 * data-support-words attribute (made from site-data), the words of the
 * message in the page's language and in English (for support agents). This
 * module writes both messages as the reader types, offers a copy button for
 * each, and warns, next to the field, when a value looks like a verification
 * code, a password or a secret key.
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

  // Six digits standing alone: the shape of 2FA, SMS and email codes.
  var CODE_PATTERN = /(^|[^0-9])[0-9]{6}(?![0-9])/;
  // Long runs of letters and digits: the shape of API keys and secrets.
  var KEY_PATTERN = /[A-Za-z0-9]{32,}/;
  var EMAIL_PATTERN = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

  /**
   * Escape a string for use inside a regular expression.
   * @param {string} text
   * @returns {string}
   */
  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  /**
   * Whether one whitespace-free token looks like a password: printable ASCII,
   * at least eight characters, with a letter, a digit and a symbol, and not an
   * email address or a web address.
   * @param {string} token
   * @returns {boolean}
   */
  function looksLikePasswordToken(token) {
    if (token.length < 8 || !/^[\x21-\x7e]+$/.test(token)) return false;
    if (EMAIL_PATTERN.test(token) || /^(https?:\/\/|www\.)/i.test(token)) return false;
    return /[A-Za-z]/.test(token) && /[0-9]/.test(token) && /[^A-Za-z0-9]/.test(token);
  }

  /**
   * Which kinds of secret a value seems to contain.
   * @param {string} value what the reader typed
   * @param {RegExp|null} passwordLabel matches "password:" and its translations
   * @returns {string[]} among "code", "password", "key", in that order
   */
  function secretsIn(value, passwordLabel) {
    var found = [];
    if (CODE_PATTERN.test(value)) found.push("code");
    if ((passwordLabel && passwordLabel.test(value)) ||
        value.split(/\s+/).some(looksLikePasswordToken)) {
      found.push("password");
    }
    if (KEY_PATTERN.test(value)) found.push("key");
    return found;
  }

  /**
   * A pattern for a password word followed by ":" or "=" and something after it.
   * @param {string[]} words
   * @returns {RegExp|null}
   */
  function passwordLabelPattern(words) {
    if (!words || !words.length) return null;
    return new RegExp("(" + words.map(escapeRegExp).join("|") + ")\\s*[:=：]\\s*\\S", "i");
  }

  /**
   * Write one message from its words and the reader's entries.
   * @param {object} words greeting, opening, situation, separator, closing, fields, causes
   * @param {string} causeId the chosen situation, or "" for none
   * @param {{id: string, value: string}[]} entries the fields in page order
   * @returns {string}
   */
  function composeMessage(words, causeId, entries) {
    var lines = [words.greeting, "", words.opening, ""];
    if (causeId && words.causes[causeId]) {
      lines.push(words.situation + words.separator + words.causes[causeId]);
    }
    entries.forEach(function (entry) {
      var value = entry.value.trim();
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
    var passwordLabel = passwordLabelPattern(data.password_words);
    var warningLabels = { code: data.labels.warning_code, password: data.labels.warning_password,
                          key: data.labels.warning_key };

    /** @returns {string} the chosen cause id, "" when none */
    function chosenCause() {
      return select && select.value ? select.value : "";
    }

    /** Rewrite both messages from the current entries. */
    function render() {
      var entries = fields.map(function (field) {
        return { id: field.getAttribute("data-support-field"), value: field.value };
      });
      if (outputs.local) outputs.local.value = composeMessage(data.local, chosenCause(), entries);
      if (outputs.agent) outputs.agent.value = composeMessage(data.agent, chosenCause(), entries);
      // "Copied" would now describe an older text.
      root.querySelectorAll("[data-support-copy-status]").forEach(function (status) {
        status.textContent = "";
      });
    }

    /**
     * Show or clear the warning of one field and keep aria-invalid in step.
     * @param {HTMLInputElement|HTMLTextAreaElement} field
     */
    function checkField(field) {
      var warning = root.querySelector('[data-support-warning="' + field.getAttribute("data-support-field") + '"]');
      var messages = secretsIn(field.value, passwordLabel).map(function (kind) { return warningLabels[kind]; });
      var text = messages.join(" ");
      if (warning && warning.textContent !== text) warning.textContent = text;
      if (messages.length) {
        field.setAttribute("aria-invalid", "true");
      } else {
        field.removeAttribute("aria-invalid");
      }
    }

    fields.forEach(function (field) {
      field.addEventListener("input", function () {
        checkField(field);
        render();
      });
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
    fields.forEach(checkField);
    render();
    var output = root.querySelector("[data-support-output]");
    if (output) output.hidden = false;
    root.querySelectorAll("[data-support-nojs]").forEach(function (note) { note.hidden = true; });
  }

  window.kbEnhanceModule("support-request", enhance);
})();
