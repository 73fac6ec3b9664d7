// newsq serve: the page works without this script; it only adds the keyboard.
// "/" focuses the search box (as on most search sites); Escape leaves it.
document.addEventListener("keydown", function (e) {
  var q = document.getElementById("q");
  if (!q) return;
  var t = e.target;
  var typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.isContentEditable);
  if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
    e.preventDefault();
    q.focus();
    q.select();
  } else if (e.key === "Escape" && t === q) {
    q.blur();
  }
});
