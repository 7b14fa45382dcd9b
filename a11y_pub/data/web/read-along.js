/* Read-along for the a11y-pub letter page.
 *
 * - shows the reading settings (hidden without JavaScript) and remembers them:
 *   text size, line spacing, colours (device, light, dark, high contrast),
 *   voice speed, highlight, follow along, announce;
 * - gives each recorded part three buttons (previous sentence, play/pause,
 *   next sentence) and hides the native player's controls, so a keyboard
 *   user meets three tab stops per part, not one per sentence;
 * - shortcut keys, documented on the page: K play/pause, J previous sentence,
 *   L next sentence (for the part last used, or the one holding the focus);
 * - highlights the sentence being spoken (sentences carry data-start/data-end
 *   in seconds, from the synthesis timings) and, when asked, has it announced
 *   politely through an aria-live region;
 * - a click on a sentence plays the recording from there (pointer users);
 * - scrolls to the spoken sentence only when "follow along" is ticked and the
 *   reader has not asked for reduced motion.
 * No network, no external code: works from file:// and any static host.
 */
(function () {
  "use strict";

  var PREFIX = "a11y-pub:";
  var TEXT_SIZES = ["100", "125", "150", "200"];
  var SPEEDS = ["0.75", "1", "1.25", "1.5"];
  var SPACINGS = ["1.6", "2", "2.5"];
  var THEMES = ["auto", "light", "dark", "contrast"];

  function load(key) {
    try {
      return window.localStorage.getItem(PREFIX + key);
    } catch (error) {
      return null;
    }
  }

  function save(key, value) {
    try {
      window.localStorage.setItem(PREFIX + key, value);
    } catch (error) {
      /* storage blocked (private mode, file:// policy): the setting still applies */
    }
  }

  var root = document.documentElement;
  var reducedMotion = window.matchMedia
    ? window.matchMedia("(prefers-reduced-motion: reduce)")
    : { matches: false };
  var players = Array.prototype.slice.call(document.querySelectorAll("audio"));
  var speedSelect = document.getElementById("vitesse");
  var settings = document.getElementById("reglages");
  var announcer = document.getElementById("annonce");

  function choice(id, key, values, fallback, apply) {
    var select = document.getElementById(id);
    function set(value) {
      if (values.indexOf(value) < 0) { value = fallback; }
      apply(value);
      if (select) { select.value = value; }
    }
    set(load(key) || fallback);
    if (select) {
      select.addEventListener("change", function () {
        set(select.value);
        save(key, select.value);
      });
    }
  }

  function checkbox(id, key, apply) {
    var box = document.getElementById(id);
    if (!box) { return function () { return false; }; }
    var stored = load(key);
    if (stored !== null) { box.checked = stored === "1"; }
    if (apply) { apply(box.checked); }
    box.addEventListener("change", function () {
      save(key, box.checked ? "1" : "0");
      if (apply) { apply(box.checked); }
    });
    return function () { return box.checked; };
  }

  if (settings) { settings.hidden = false; }
  choice("taille-texte", "text-size", TEXT_SIZES, "100", function (value) {
    root.style.fontSize = value === "100" ? "" : value + "%";
  });
  choice("interligne", "line-spacing", SPACINGS, "1.6", function (value) {
    if (value === "1.6") { root.style.removeProperty("--line-height"); } else { root.style.setProperty("--line-height", value); }
  });
  choice("couleurs", "theme", THEMES, "auto", function (value) {
    if (value === "auto") { root.removeAttribute("data-theme"); } else { root.setAttribute("data-theme", value); }
  });
  choice("vitesse", "speed", SPEEDS, "1", function (value) {
    var rate = parseFloat(value);
    players.forEach(function (player) {
      player.defaultPlaybackRate = rate;
      player.playbackRate = rate;
    });
  });
  var highlighting = checkbox("surligner", "highlight", function (on) {
    root.classList.toggle("no-highlight", !on);
  });
  var following = checkbox("suivre", "follow");
  var announcing = checkbox("annoncer", "announce");

  function currentSpeed() {
    return speedSelect ? parseFloat(speedSelect.value) || 1 : 1;
  }

  function shouldFollow() {
    return following() && highlighting() && !reducedMotion.matches;
  }

  var parts = {};
  var lastPart = null;

  function setUpPart(transcript) {
    var player = document.getElementById(transcript.getAttribute("data-audio"));
    if (!player) { return; }
    var sentences = Array.prototype.slice.call(transcript.querySelectorAll(".s[data-start]"));
    var starts = sentences.map(function (el) { return parseFloat(el.getAttribute("data-start")); });
    var ends = sentences.map(function (el) { return parseFloat(el.getAttribute("data-end")); });
    var current = null;
    var currentIndex = -1;
    var controls = document.querySelector('.controls[data-for="' + player.id + '"]');
    var playButton = controls ? controls.querySelector('[data-action="play"]') : null;

    function highlight(index) {
      var next = index >= 0 ? sentences[index] : null;
      currentIndex = index;
      if (next === current) { return; }
      if (current) {
        current.classList.remove("is-current");
        current.removeAttribute("aria-current");
      }
      current = next;
      if (!current) { return; }
      current.classList.add("is-current");
      current.setAttribute("aria-current", "true");
      if (!player.paused && announcing() && announcer) { announcer.textContent = current.textContent; }
      if (!player.paused && shouldFollow()) {
        current.scrollIntoView({ block: "center", behavior: "smooth" });
      }
    }

    function indexAt(time) {
      var found = -1;
      for (var i = 0; i < starts.length; i += 1) {
        if (starts[i] <= time + 0.05) { found = i; } else { break; }
      }
      /* after the last sentence has ended, nothing is being said */
      if (found === starts.length - 1 && time > ends[found] + 0.5) { return -1; }
      return found;
    }

    function update() { highlight(indexAt(player.currentTime)); }

    function play(from) {
      lastPart = part;
      if (from >= 0 && from < starts.length) {
        player.currentTime = starts[from];
        highlight(from);
      }
      player.playbackRate = currentSpeed();
      var promise = player.play();
      if (promise && promise.catch) { promise.catch(function () { /* blocked autoplay */ }); }
    }

    function toggle() {
      lastPart = part;
      if (player.paused) { play(-1); } else { player.pause(); }
    }

    function step(delta) {
      var base = currentIndex >= 0 ? currentIndex : indexAt(player.currentTime);
      var target = Math.max(0, Math.min(starts.length - 1, base + delta));
      if (base < 0) { target = delta > 0 ? 0 : starts.length - 1; }
      play(target);
    }

    function showState() {
      if (!playButton) { return; }
      playButton.textContent = player.paused ? playButton.getAttribute("data-play") : playButton.getAttribute("data-pause");
    }

    player.addEventListener("timeupdate", update);
    player.addEventListener("seeked", update);
    player.addEventListener("play", showState);
    player.addEventListener("pause", showState);
    player.addEventListener("ended", function () { highlight(-1); showState(); });

    if (controls) {
      controls.hidden = false;
      player.removeAttribute("controls");
      controls.addEventListener("click", function (event) {
        var action = event.target && event.target.getAttribute("data-action");
        if (action === "play") { toggle(); }
        if (action === "previous") { step(-1); }
        if (action === "next") { step(1); }
      });
    }

    sentences.forEach(function (el, i) {
      el.addEventListener("click", function () { play(i); });
    });

    var part = { toggle: toggle, step: step, section: transcript.closest("section") };
    parts[player.id] = part;
  }

  Array.prototype.forEach.call(document.querySelectorAll(".transcript[data-audio]"), setUpPart);

  function partInFocus() {
    var active = document.activeElement;
    var section = active && active.closest ? active.closest("section") : null;
    var found = null;
    Object.keys(parts).forEach(function (id) {
      if (section && parts[id].section === section) { found = parts[id]; }
    });
    return found || lastPart || parts[Object.keys(parts)[0]] || null;
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var target = event.target;
    var tag = target && target.tagName ? target.tagName.toLowerCase() : "";
    if (tag === "input" || tag === "select" || tag === "textarea" || (target && target.isContentEditable)) { return; }
    var key = (event.key || "").toLowerCase();
    if (key !== "k" && key !== "j" && key !== "l") { return; }
    var part = partInFocus();
    if (!part) { return; }
    event.preventDefault();
    if (key === "k") { part.toggle(); }
    if (key === "j") { part.step(-1); }
    if (key === "l") { part.step(1); }
  });

  /* one voice at a time: starting a player pauses the others */
  players.forEach(function (player) {
    player.addEventListener("play", function () {
      player.playbackRate = currentSpeed();
      players.forEach(function (other) {
        if (other !== player && !other.paused) { other.pause(); }
      });
    });
  });
}());
