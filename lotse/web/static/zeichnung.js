// The process drawing: zoom, fit and pan (mouse and keyboard), shapes linked to the task
// table, and "zeigen" links (tasks, findings) that highlight their element in the drawing.
// A static file because the content security policy allows no inline script. Without it
// the drawing still shows at its own size in a frame that scrolls.
"use strict";

(() => {
  const canvas = document.querySelector(".leinwand");
  const svg = canvas && canvas.querySelector("svg");
  if (!svg) {
    return;
  }
  const tools = document.querySelector(".werkzeuge");
  const level = tools && tools.querySelector("output");
  const hint = document.querySelector(".ausschnitt");
  const box = (svg.getAttribute("viewBox") || "0 0 0 0").trim().split(/[\s,]+/).map(Number);
  const [originX, originY, width, height] = box;
  if (!(width > 0 && height > 0)) {
    return;
  }
  const MIN = 0.1;
  const MAX = 4;
  const STEP = 1.25;
  let scale = 1;

  const clamp = (value) => Math.min(MAX, Math.max(MIN, value));

  // Larger or smaller around a point of the frame (its centre unless the mouse says where).
  function zoomTo(next, x = canvas.clientWidth / 2, y = canvas.clientHeight / 2) {
    const old = scale;
    scale = clamp(next);
    const anchorX = (canvas.scrollLeft + x) / old;
    const anchorY = (canvas.scrollTop + y) / old;
    svg.setAttribute("width", String(Math.round(width * scale)));
    svg.setAttribute("height", String(Math.round(height * scale)));
    canvas.scrollLeft = anchorX * scale - x;
    canvas.scrollTop = anchorY * scale - y;
    show();
  }

  function fit() {
    // The frame is at most three quarters of the window high (lotse.css).
    const room = Math.min(canvas.clientWidth / width, (window.innerHeight * 0.75 - 4) / height);
    zoomTo(Math.min(1, room), 0, 0);
    canvas.scrollLeft = 0;
    canvas.scrollTop = 0;
  }

  // The zoom level, and a word when part of the drawing is outside the frame.
  function show() {
    if (level) {
      level.value = `${Math.round(scale * 100)} %`;
    }
    if (hint) {
      const clipped =
        canvas.scrollWidth > canvas.clientWidth + 1 || canvas.scrollHeight > canvas.clientHeight + 1;
      hint.hidden = !clipped;
    }
  }

  if (tools) {
    tools.hidden = false;
    tools.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-zoom]");
      if (!button) {
        return;
      }
      const how = button.dataset.zoom;
      if (how === "in") zoomTo(scale * STEP);
      else if (how === "out") zoomTo(scale / STEP);
      else if (how === "fit") fit();
      else zoomTo(1);
    });
  }

  canvas.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    const keys = { "+": () => zoomTo(scale * STEP), "=": () => zoomTo(scale * STEP),
      "-": () => zoomTo(scale / STEP), "0": fit, "1": () => zoomTo(1) };
    if (keys[event.key]) {
      keys[event.key]();
      event.preventDefault();
    }
  });

  canvas.addEventListener("wheel", (event) => {
    if (!event.ctrlKey) {
      return; // the wheel alone scrolls, as everywhere
    }
    event.preventDefault();
    const frame = canvas.getBoundingClientRect();
    zoomTo(event.deltaY < 0 ? scale * STEP : scale / STEP,
      event.clientX - frame.left, event.clientY - frame.top);
  }, { passive: false });

  // Dragging pans. A drag of a few pixels or more is not a click on a shape.
  let drag = null;
  let dragged = false;
  canvas.addEventListener("pointerdown", (event) => {
    if (event.button !== 0 || event.pointerType === "touch") {
      return; // touch screens pan the frame natively
    }
    drag = { x: event.clientX, y: event.clientY, left: canvas.scrollLeft, top: canvas.scrollTop };
    dragged = false;
  });
  canvas.addEventListener("pointermove", (event) => {
    if (!drag) {
      return;
    }
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (!dragged && Math.hypot(dx, dy) > 4) {
      dragged = true;
      canvas.setPointerCapture(event.pointerId);
      canvas.classList.add("zieht");
    }
    if (dragged) {
      canvas.scrollLeft = drag.left - dx;
      canvas.scrollTop = drag.top - dy;
    }
  });
  const stop = () => {
    drag = null;
    canvas.classList.remove("zieht");
  };
  canvas.addEventListener("pointerup", stop);
  canvas.addEventListener("pointercancel", stop);
  canvas.addEventListener("scroll", show, { passive: true });
  window.addEventListener("resize", show);

  // -- shapes ↔ rows -----------------------------------------------------------------------

  const shapeOf = (id) => svg.querySelector(`g.bpmn-el[data-element-id="${CSS.escape(id)}"]`);
  const rowOf = (id) => document.getElementById(`aufgabe-${id}`);

  function mark(element, css) {
    document.querySelectorAll(`.${css}`).forEach((other) => other.classList.remove(css));
    element.classList.add(css);
  }

  // Scroll the frame so that the shape is in its middle, and the page so that the frame shows.
  function reveal(shape) {
    const b = shape.getBBox();
    canvas.scrollLeft = (b.x - originX + b.width / 2) * scale - canvas.clientWidth / 2;
    canvas.scrollTop = (b.y - originY + b.height / 2) * scale - canvas.clientHeight / 2;
    canvas.scrollIntoView({ block: "nearest" });
    document.getElementById("zeichnung").scrollIntoView({ block: "start" });
    canvas.focus({ preventScroll: true });
  }

  svg.querySelectorAll("g.bpmn-el[data-element-id]").forEach((shape) => {
    if (rowOf(shape.dataset.elementId)) {
      shape.classList.add("verlinkt");
    }
  });
  svg.addEventListener("click", (event) => {
    if (dragged) {
      return;
    }
    const shape = event.target.closest("g.bpmn-el.verlinkt");
    const row = shape && rowOf(shape.dataset.elementId);
    if (!row) {
      return;
    }
    mark(shape, "hervorgehoben");
    mark(row, "markiert");
    row.scrollIntoView({ block: "center" });
    const link = row.querySelector("a[data-zeige]");
    if (link) {
      link.focus({ preventScroll: true });
    }
  });

  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-zeige]");
    if (!link) {
      return;
    }
    event.preventDefault();
    const shape = shapeOf(link.dataset.zeige);
    const said = document.querySelector(".zeichnung-meldung");
    if (said) {
      said.textContent = shape ? "" : "Dieses Element ist in der Zeichnung nicht zu sehen.";
    }
    if (!shape) {
      return;
    }
    mark(shape, "hervorgehoben");
    const row = link.closest("tr, li");
    if (row) {
      mark(row, "markiert");
    }
    reveal(shape);
  });

  show();
})();
