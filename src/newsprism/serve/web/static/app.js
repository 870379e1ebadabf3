// newsprism web UI: progressive enhancements only. Every page works without this file.
// It reads nothing but the page's own DOM and never builds markup from data (textContent
// and classList only), so article text cannot reach a script context through here.
"use strict";

function onlyDisputed(box) {
  for (const table of document.querySelectorAll("table.matrix")) {
    table.classList.toggle("only-disputed", box.checked);
  }
}

// A link to a claim or quote folded inside a closed <details> opens it first.
function revealTarget() {
  if (!location.hash) return;
  const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (!target) return;
  for (let el = target.parentElement; el; el = el.parentElement) {
    if (el.tagName === "DETAILS") el.open = true;
  }
  target.scrollIntoView({block: "center"});
}

function toggleHighlight(box) {
  const text = document.getElementById(box.dataset.target);
  if (text) text.classList.toggle("hide-" + box.dataset.hl, !box.checked);
}

function filterRows(input) {
  const table = document.getElementById(input.dataset.filterRows);
  if (!table) return;
  const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
  for (const row of table.tBodies[0].rows) {
    const text = row.textContent.toLowerCase();
    row.hidden = !words.every((w) => text.includes(w));
  }
}

window.addEventListener("hashchange", revealTarget);

document.addEventListener("DOMContentLoaded", () => {
  revealTarget();
  for (const box of document.querySelectorAll("input[data-filter='disputed']")) {
    box.addEventListener("change", () => onlyDisputed(box));
    onlyDisputed(box);
  }
  for (const box of document.querySelectorAll("input[data-hl]")) {
    box.addEventListener("change", () => toggleHighlight(box));
    toggleHighlight(box);
  }
  for (const input of document.querySelectorAll("input[data-filter-rows]")) {
    input.addEventListener("input", () => filterRows(input));
  }
  // Highlight the matrix column of the outlet under the pointer.
  const matrix = document.getElementById("claim-matrix");
  if (matrix) {
    matrix.addEventListener("mouseover", (ev) => {
      const cell = ev.target.closest("td, th");
      if (!cell || !matrix.contains(cell)) return;
      const col = cell.cellIndex;
      for (const row of matrix.rows) {
        for (const c of row.cells) c.classList.toggle("col-hover", c.cellIndex === col && col > 0);
      }
    });
    matrix.addEventListener("mouseleave", () => {
      for (const c of matrix.querySelectorAll(".col-hover")) c.classList.remove("col-hover");
    });
  }
});
