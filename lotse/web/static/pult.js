// The mailroom desk (a letter in review): the scan zooms and pans (rahmen.js), the Ämter
// list filters as you type, and single keys decide: 1–9 a suggestion, W keine
// Verwaltungspost, F Fehlzustellung, N neu scannen; P, K and A jump to the fields.
// Without script every button and field works the same, only without the keys.
"use strict";

(() => {
  const desk = document.getElementById("entscheiden");
  const frame = document.getElementById("scan-rahmen");
  const pages = frame ? Array.from(frame.querySelectorAll("img.scan")) : [];
  let scan = null;

  if (frame && pages.length) {
    const first = pages[0];
    const start = () => {
      const width = first.naturalWidth || 1000;
      const height = first.naturalHeight || 1400;
      scan = window.LotseRahmen.attach({
        frame,
        natural: () => ({ width, height }),
        resize: (scale) => pages.forEach((page) => {
          page.style.width = `${Math.round(width * scale)}px`;
          page.style.maxWidth = "none";
        }),
        tools: document.querySelector(".scan-bereich .werkzeuge"),
        fitWidthOnly: true,
        maxFit: 3,
      });
      scan.fit();
    };
    if (first.complete && first.naturalWidth) {
      start();
    } else {
      first.addEventListener("load", start, { once: true });
    }
  }

  if (!desk) {
    return;
  }
  document.querySelectorAll(".nur-mit-script").forEach((hint) => { hint.hidden = false; });

  // The Ämter list: typing "Jug" leaves the Jugendamt; Enter picks it when it is the only one.
  const search = document.getElementById("amt-suche");
  const rows = Array.from(document.querySelectorAll("#aemter tbody tr"));
  if (search) {
    search.closest(".amt-suche").hidden = false;
    const visible = () => rows.filter((row) => !row.hidden);
    search.addEventListener("input", () => {
      const words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      rows.forEach((row) => {
        const text = row.dataset.suche || "";
        // A row already chosen stays in sight, whatever is typed.
        row.hidden = !words.every((word) => text.includes(word)) &&
          !row.querySelector("input:checked");
      });
    });
    search.addEventListener("keydown", (event) => {
      if (event.key !== "Enter") {
        return;
      }
      event.preventDefault(); // never submits the form by itself
      const left = visible();
      if (left.length === 1) {
        const radio = left[0].querySelector('input[type="radio"]');
        radio.checked = true;
        radio.focus();
      }
    });
  }

  const typing = (target) =>
    target.closest("input, textarea, select, [contenteditable]") !== null;
  const press = (key) => desk.querySelector(`button[data-taste="${key}"]`);
  const focus = (selector) => {
    const field = desk.querySelector(selector);
    if (field) {
      const folded = field.closest("details");
      if (folded) {
        folded.open = true;
      }
      field.focus();
    }
  };

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    if (event.key === "Escape" && typing(event.target)) {
      desk.focus(); // back from a field to the keys
      return;
    }
    if (typing(event.target) || event.target.closest("#scan-rahmen")) {
      return; // the frame has its own keys (+ − 0 1, arrows)
    }
    const key = event.key.toLowerCase();
    const button = press(key);
    if (button) {
      event.preventDefault();
      button.click();
    } else if (key === "p") {
      event.preventDefault();
      focus("#an-wen");
    } else if (key === "k") {
      event.preventDefault();
      focus("#kommentar");
    } else if (key === "a") {
      event.preventDefault();
      focus("#amt-suche");
    } else if (scan && (key === "+" || key === "=")) {
      scan.zoomIn();
    } else if (scan && key === "-") {
      scan.zoomOut();
    }
  });

  // Ready for the keys at once; Tab from here reaches the comment first.
  if (!document.querySelector("[autofocus]")) {
    desk.focus({ preventScroll: true });
  }
})();
