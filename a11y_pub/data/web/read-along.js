/* Read-along for the a11y-pub letter page.
 *
 * - shows the reading settings (hidden without JavaScript) and remembers them;
 * - highlights the sentence being spoken (sentences carry data-start/data-end
 *   in seconds, written from the synthesis timings);
 * - a click, Enter or Space on a sentence plays the recording from there;
 * - scrolls to the spoken sentence only when "follow along" is ticked and the
 *   reader has not asked for reduced motion.
 * No network, no external code: works from file:// and any static host.
 */
(function () {
  "use strict";

  var PREFIX = "a11y-pub:";
  var TEXT_SIZES = ["100", "125", "150", "200"];
  var SPEEDS = ["0.75", "1", "1.25", "1.5"];

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

  var reducedMotion = window.matchMedia
    ? window.matchMedia("(prefers-reduced-motion: reduce)")
    : { matches: false };
  var players = Array.prototype.slice.call(document.querySelectorAll("audio"));
  var sizeSelect = document.getElementById("taille-texte");
  var speedSelect = document.getElementById("vitesse");
  var followBox = document.getElementById("suivre");
  var settings = document.getElementById("reglages");

  function applyTextSize(value) {
    if (TEXT_SIZES.indexOf(value) < 0) { value = "100"; }
    document.documentElement.style.fontSize = value === "100" ? "" : value + "%";
    if (sizeSelect) { sizeSelect.value = value; }
  }

  function applySpeed(value) {
    if (SPEEDS.indexOf(value) < 0) { value = "1"; }
    var rate = parseFloat(value);
    players.forEach(function (player) {
      player.defaultPlaybackRate = rate;
      player.playbackRate = rate;
    });
    if (speedSelect) { speedSelect.value = value; }
  }

  function currentSpeed() {
    return speedSelect ? parseFloat(speedSelect.value) || 1 : 1;
  }

  if (settings) { settings.hidden = false; }
  applyTextSize(load("text-size") || "100");
  applySpeed(load("speed") || "1");
  if (followBox) {
    var storedFollow = load("follow");
    if (storedFollow !== null) { followBox.checked = storedFollow === "1"; }
    followBox.addEventListener("change", function () {
      save("follow", followBox.checked ? "1" : "0");
    });
  }
  if (sizeSelect) {
    sizeSelect.addEventListener("change", function () {
      applyTextSize(sizeSelect.value);
      save("text-size", sizeSelect.value);
    });
  }
  if (speedSelect) {
    speedSelect.addEventListener("change", function () {
      applySpeed(speedSelect.value);
      save("speed", speedSelect.value);
    });
  }

  function shouldFollow() {
    return !!(followBox && followBox.checked) && !reducedMotion.matches;
  }

  function setUpTranscript(transcript) {
    var player = document.getElementById(transcript.getAttribute("data-audio"));
    if (!player) { return; }
    var sentences = Array.prototype.slice.call(transcript.querySelectorAll(".s[data-start]"));
    var starts = sentences.map(function (el) { return parseFloat(el.getAttribute("data-start")); });
    var ends = sentences.map(function (el) { return parseFloat(el.getAttribute("data-end")); });
    var current = null;

    function highlight(index) {
      var next = index >= 0 ? sentences[index] : null;
      if (next === current) { return; }
      if (current) {
        current.classList.remove("is-current");
        current.removeAttribute("aria-current");
      }
      current = next;
      if (!current) { return; }
      current.classList.add("is-current");
      current.setAttribute("aria-current", "true");
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

    player.addEventListener("timeupdate", update);
    player.addEventListener("seeked", update);
    player.addEventListener("ended", function () { highlight(-1); });

    sentences.forEach(function (el, i) {
      el.setAttribute("tabindex", "0");
      el.setAttribute("role", "button");
      function playHere() {
        player.currentTime = starts[i];
        player.playbackRate = currentSpeed();
        highlight(i);
        var promise = player.play();
        if (promise && promise.catch) { promise.catch(function () { /* blocked autoplay */ }); }
      }
      el.addEventListener("click", playHere);
      el.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " " || event.key === "Spacebar") {
          event.preventDefault();
          playHere();
        }
      });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll(".transcript[data-audio]"), setUpTranscript);

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
