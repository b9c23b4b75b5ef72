// The process drawing: zoom, fit and pan (rahmen.js), shapes linked to the task table, and
// "zeigen" links (tasks, findings) that highlight their element in the drawing. A static
// file because the content security policy allows no inline script. Without it the
// drawing still shows at its own size in a frame that scrolls.
"use strict";

(() => {
  const canvas = document.querySelector(".leinwand");
  const svg = canvas && canvas.querySelector("svg");
  if (!svg) {
    return;
  }
  const box = (svg.getAttribute("viewBox") || "0 0 0 0").trim().split(/[\s,]+/).map(Number);
  const [originX, originY, width, height] = box;
  if (!(width > 0 && height > 0)) {
    return;
  }
  const view = window.LotseRahmen.attach({
    frame: canvas,
    natural: () => ({ width, height }),
    resize: (scale) => {
      svg.setAttribute("width", String(Math.round(width * scale)));
      svg.setAttribute("height", String(Math.round(height * scale)));
    },
    tools: document.querySelector(".werkzeuge"),
    hint: document.querySelector(".ausschnitt"),
  });

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
    canvas.scrollLeft = (b.x - originX + b.width / 2) * view.scale - canvas.clientWidth / 2;
    canvas.scrollTop = (b.y - originY + b.height / 2) * view.scale - canvas.clientHeight / 2;
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
    if (view.dragged) {
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

})();
