// A frame that zooms and pans what it shows: toolbar buttons, + − 0 1 on the focused frame,
// Ctrl + mouse wheel at the pointer, dragging with the mouse. Used by the process drawing
// (zeichnung.js) and the letter's scan (pult.js). Static, because the content security
// policy allows no inline script; without script the frame still scrolls.
"use strict";

window.LotseRahmen = (() => {
  const MIN = 0.1;
  const MAX = 4;
  const STEP = 1.25;

  // frame: the scrolling element; resize(scale): draws the content at that scale;
  // natural: {width, height} of the content at scale 1; tools: the toolbar (optional);
  // hint: shown while part of the content is outside the frame (optional);
  // fitWidthOnly: "fit" fills the width (a letter), not the whole frame (a diagram).
  function attach({ frame, resize, natural, tools, hint, fitWidthOnly = false, maxFit = 1 }) {
    let scale = 1;
    const level = tools && tools.querySelector("output");
    const clamp = (value) => Math.min(MAX, Math.max(MIN, value));

    function show() {
      if (level) {
        level.value = `${Math.round(scale * 100)} %`;
      }
      if (hint) {
        hint.hidden = !(frame.scrollWidth > frame.clientWidth + 1 ||
          frame.scrollHeight > frame.clientHeight + 1);
      }
    }

    // Larger or smaller around a point of the frame (its centre unless the mouse says where).
    function zoomTo(next, x = frame.clientWidth / 2, y = frame.clientHeight / 2) {
      const old = scale;
      scale = clamp(next);
      const anchorX = (frame.scrollLeft + x) / old;
      const anchorY = (frame.scrollTop + y) / old;
      resize(scale);
      frame.scrollLeft = anchorX * scale - x;
      frame.scrollTop = anchorY * scale - y;
      show();
    }

    function fit() {
      const size = natural();
      const room = fitWidthOnly
        ? (frame.clientWidth - 4) / size.width
        : Math.min(frame.clientWidth / size.width, (window.innerHeight * 0.75 - 4) / size.height);
      zoomTo(Math.min(maxFit, room), 0, 0);
      frame.scrollLeft = 0;
      frame.scrollTop = 0;
    }

    const actions = {
      in: () => zoomTo(scale * STEP),
      out: () => zoomTo(scale / STEP),
      fit,
      100: () => zoomTo(1),
    };

    if (tools) {
      tools.hidden = false;
      tools.addEventListener("click", (event) => {
        const button = event.target.closest("button[data-zoom]");
        if (button && actions[button.dataset.zoom]) {
          actions[button.dataset.zoom]();
        }
      });
    }

    frame.addEventListener("keydown", (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey) {
        return;
      }
      const keys = { "+": actions.in, "=": actions.in, "-": actions.out, 0: fit, 1: actions[100] };
      if (keys[event.key]) {
        keys[event.key]();
        event.preventDefault();
        event.stopPropagation();
      }
    });

    frame.addEventListener("wheel", (event) => {
      if (!event.ctrlKey) {
        return; // the wheel alone scrolls, as everywhere
      }
      event.preventDefault();
      const box = frame.getBoundingClientRect();
      zoomTo(event.deltaY < 0 ? scale * STEP : scale / STEP,
        event.clientX - box.left, event.clientY - box.top);
    }, { passive: false });

    // Dragging pans. A drag of a few pixels or more is not a click on what is shown.
    let drag = null;
    const state = { dragged: false };
    frame.addEventListener("pointerdown", (event) => {
      if (event.button !== 0 || event.pointerType === "touch") {
        return; // touch screens pan the frame natively
      }
      drag = { x: event.clientX, y: event.clientY, left: frame.scrollLeft, top: frame.scrollTop };
      state.dragged = false;
    });
    frame.addEventListener("pointermove", (event) => {
      if (!drag) {
        return;
      }
      const dx = event.clientX - drag.x;
      const dy = event.clientY - drag.y;
      if (!state.dragged && Math.hypot(dx, dy) > 4) {
        state.dragged = true;
        frame.setPointerCapture(event.pointerId);
        frame.classList.add("zieht");
      }
      if (state.dragged) {
        frame.scrollLeft = drag.left - dx;
        frame.scrollTop = drag.top - dy;
        event.preventDefault();
      }
    });
    const stop = () => {
      drag = null;
      frame.classList.remove("zieht");
    };
    frame.addEventListener("pointerup", stop);
    frame.addEventListener("pointercancel", stop);
    frame.addEventListener("scroll", show, { passive: true });
    window.addEventListener("resize", show);
    show();

    return {
      get scale() { return scale; },
      get dragged() { return state.dragged; },
      zoomTo,
      fit,
      zoomIn: actions.in,
      zoomOut: actions.out,
      show,
    };
  }

  return { attach };
})();
