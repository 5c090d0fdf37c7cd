// Progressive enhancement for the print views: a "Print" button that opens the browser's print
// dialog. Without JavaScript the button stays hidden and the page says how to print.
document.querySelectorAll("[data-civil-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
