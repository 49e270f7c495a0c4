// Arrow keys move between the cells of a booking calendar; Enter follows a cell's link.
document.addEventListener("keydown", (event) => {
  const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
  const move = moves[event.key];
  const cell = event.target.closest && event.target.closest("[data-calendar] td, [data-calendar] th");
  if (!move || !cell) return;
  const table = cell.closest("table");
  const grid = [];
  Array.from(table.rows).forEach((row, r) => {
    grid[r] = grid[r] || [];
    let c = 0;
    Array.from(row.cells).forEach((item) => {
      while (grid[r][c]) c += 1;
      for (let dr = 0; dr < item.rowSpan; dr += 1) {
        grid[r + dr] = grid[r + dr] || [];
        grid[r + dr][c] = item;
      }
      c += 1;
    });
  });
  let row = grid.findIndex((cells) => cells.includes(cell));
  let col = grid[row].indexOf(cell);
  for (let step = 0; step < 200; step += 1) {
    row += move[0];
    col += move[1];
    if (!grid[row] || !grid[row][col]) return;
    const next = grid[row][col];
    if (next === cell) continue;
    const target = next.querySelector("a, [tabindex]") || next;
    if (!target.hasAttribute("tabindex") && target.tagName !== "A") target.setAttribute("tabindex", "-1");
    target.focus();
    event.preventDefault();
    return;
  }
});

// A refused booking (4xx) comes back as the form with its errors: show it in place.
document.addEventListener("htmx:beforeSwap", (event) => {
  const status = event.detail.xhr.status;
  if (status >= 400 && status < 500 && event.detail.target.id === "booking-panel") {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
