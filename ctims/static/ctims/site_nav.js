// The staff menu on a phone: a "Menu" button (aria-expanded) shows and hides the list of destinations,
// so no item is cut off or pushed sideways. Without this script the list simply wraps (see app.css).
(function () {
  "use strict";
  var nav = document.querySelector("[data-site-nav]");
  if (!nav) { return; }
  var button = nav.querySelector(".site-nav__toggle");
  var list = nav.querySelector("ul");
  if (!button || !list) { return; }

  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    nav.classList.toggle("site-nav--open", open);
  }

  nav.classList.add("site-nav--collapsible");
  button.hidden = false;
  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  // Escape closes the open menu and gives the focus back to its button
  nav.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      button.focus();
    }
  });
})();
