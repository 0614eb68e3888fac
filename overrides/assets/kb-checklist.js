/*
 * Checklist enhancement.
 *
 * A checklist page is already a list of real checkboxes with labels; without
 * JavaScript they can be ticked but are forgotten on reload. This module
 * remembers the ticks in this browser's local storage, one entry per checklist
 * and language ("kb-checklist:<id>:<lang>", holding only the positions of the
 * ticked items), shows a progress line announced politely to screen readers,
 * and a button that clears the ticks and the stored entry.
 *
 * Nothing else is stored, and nothing is sent anywhere. When storage is not
 * available (private modes, file://, blocked storage) the list still works for
 * the visit and the "kept on this device" note is not shown.
 */
(function () {
  "use strict";

  var STORAGE_PREFIX = "kb-checklist:";

  /**
   * The storage key of one checklist in one language.
   * @param {HTMLElement} root the element carrying data-module="checklist"
   * @returns {string}
   */
  function storageKey(root) {
    return STORAGE_PREFIX + root.getAttribute("data-checklist-id") + ":" +
      root.getAttribute("data-checklist-language");
  }

  /**
   * The local storage object, or null when the browser refuses it.
   * @returns {Storage|null}
   */
  function storage() {
    try {
      var store = window.localStorage;
      // Reading can throw too (blocked third-party storage), so try it once.
      store.getItem(STORAGE_PREFIX);
      return store;
    } catch (error) {
      return null;
    }
  }

  /**
   * The ticked item positions stored for a checklist (an empty list when none or unreadable).
   * @param {Storage|null} store
   * @param {string} key
   * @returns {number[]}
   */
  function readTicks(store, key) {
    if (!store) return [];
    try {
      var value = JSON.parse(store.getItem(key) || "[]");
      return Array.isArray(value) ? value.filter(function (n) { return typeof n === "number"; }) : [];
    } catch (error) {
      return [];
    }
  }

  /**
   * Store the ticked positions, or remove the entry when nothing is ticked.
   * @param {Storage|null} store
   * @param {string} key
   * @param {number[]} ticks
   */
  function writeTicks(store, key, ticks) {
    if (!store) return;
    try {
      if (ticks.length) {
        store.setItem(key, JSON.stringify(ticks));
      } else {
        store.removeItem(key);
      }
    } catch (error) {
      // A full or read-only storage only means the ticks are not remembered.
    }
  }

  /**
   * Fill a "{done} of {total}" template from the interface strings.
   * @param {string} template
   * @param {number} done
   * @param {number} total
   * @returns {string}
   */
  function formatProgress(template, done, total) {
    return template.replace("{done}", String(done)).replace("{total}", String(total));
  }

  /**
   * Attach to one checklist, once.
   * @param {HTMLElement} root the element carrying data-module="checklist"
   */
  function enhance(root) {
    if (root.getAttribute("data-checklist-enhanced") === "true") return;
    root.setAttribute("data-checklist-enhanced", "true");

    var store = storage();
    var key = storageKey(root);
    /** @type {HTMLInputElement[]} */
    var boxes = Array.prototype.slice.call(root.querySelectorAll("input[type=checkbox][data-checklist-item]"));
    var status = root.querySelector("[data-checklist-status]");
    var progress = root.querySelector("[data-checklist-progress]");
    var clear = root.querySelector("[data-checklist-clear]");
    var note = root.querySelector("[data-checklist-note]");
    var template = root.getAttribute("data-checklist-progress-template") || "{done}/{total}";

    /** @returns {number[]} the positions of the ticked boxes */
    function ticked() {
      return boxes.filter(function (box) { return box.checked; }).map(function (box) {
        return Number(box.getAttribute("data-checklist-item"));
      });
    }

    /** Bring the progress line and the clear button in line with the boxes. */
    function update() {
      var done = ticked().length;
      if (progress) progress.textContent = formatProgress(template, done, boxes.length);
      if (clear) clear.disabled = done === 0;
      root.setAttribute("data-checklist-done", String(done));
    }

    var stored = readTicks(store, key);
    boxes.forEach(function (box) {
      box.checked = stored.indexOf(Number(box.getAttribute("data-checklist-item"))) >= 0;
    });

    root.addEventListener("change", function (event) {
      if (!event.target.matches || !event.target.matches("input[type=checkbox][data-checklist-item]")) return;
      writeTicks(store, key, ticked());
      update();
    });

    if (clear) {
      clear.addEventListener("click", function () {
        boxes.forEach(function (box) { box.checked = false; });
        writeTicks(store, key, []);
        update();
        // The button is now disabled and would drop the focus: keep it in the list.
        if (boxes.length) boxes[0].focus();
      });
    }

    if (status) status.hidden = false;
    if (note) note.hidden = !store;
    update();
  }

  window.kbEnhanceModule("checklist", enhance);
})();
