"""The inline style and script of the HTML report, and the Content-Security-Policy that admits only them.

Both are allowed by hash, not by 'unsafe-inline': even if some text escaped the escaping, a script
or style smuggled into the page would not run, and nothing may be fetched from anywhere.
"""

from __future__ import annotations

import base64
import hashlib

STYLE = """
:root { --ink: #1d2433; --muted: #5b6475; --line: #d9dee7; --paper: #ffffff; --wash: #f5f7fa;
  --open: #b42318; --open-bg: #fef3f2; --superseded: #93370d; --superseded-bg: #fffaeb;
  --resolved: #05603a; --resolved-bg: #ecfdf3; --high: #b42318; --medium: #b54708; --low: #175cd3; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; background: var(--wash); color: var(--ink); line-height: 1.5;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header.top { background: var(--paper); border-bottom: 1px solid var(--line); padding: 1rem 1.5rem; }
h1 { font-size: 1.35rem; margin: 0 0 .25rem; }
h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
h3 { font-size: .95rem; margin: 1.25rem 0 .5rem; color: var(--muted); font-weight: 600; }
.summary { margin: 0; color: var(--muted); }
.note { margin: .5rem 0 0; color: var(--superseded); }
.filters { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; margin-top: .75rem; }
.filters fieldset { border: 0; margin: 0; padding: 0; display: flex; gap: .75rem; align-items: center; }
.filters legend { float: left; margin-right: .5rem; font-weight: 600; }
.filters label { cursor: pointer; white-space: nowrap; }
.shown { color: var(--muted); }
main.layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.5rem;
  padding: 0 1.5rem 2rem; }
@media (max-width: 1000px) { main.layout { grid-template-columns: minmax(0, 1fr); } }
aside.articles { position: sticky; top: 0; align-self: start; max-height: 100vh; overflow: auto; }
.dispute, .conflict { background: var(--paper); border: 1px solid var(--line); border-left: 5px solid var(--line);
  border-radius: 6px; padding: .75rem 1rem; margin: 0 0 1rem; }
.conflict { margin: .6rem 0 0; background: var(--wash); }
.dispute[data-status="open"], .conflict[data-status="open"] { border-left-color: var(--open); }
.dispute[data-status="superseded"], .conflict[data-status="superseded"] { border-left-color: var(--superseded); }
.dispute[data-status="resolved"], .conflict[data-status="resolved"] { border-left-color: var(--resolved); }
.count { color: var(--muted); font-size: .85rem; }
h4 { font-size: .8rem; margin: .6rem 0 .3rem; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
.side-group .side + .side { margin-top: .6rem; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: 1rem;
  margin: .3rem 0 .6rem; }
.figure { margin: 0 0 .3rem; font-weight: 700; }
details.pairs { margin-top: .5rem; }
details.pairs summary { cursor: pointer; color: var(--muted); font-size: .9rem; }
.conflict-head { display: flex; flex-wrap: wrap; gap: .4rem; align-items: baseline; }
.cid { font-weight: 700; }
.kind { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.badge { border-radius: 999px; padding: 0 .55rem; font-size: .8rem; font-weight: 600; border: 1px solid; }
.status-open { color: var(--open); background: var(--open-bg); }
.status-superseded { color: var(--superseded); background: var(--superseded-bg); }
.status-resolved { color: var(--resolved); background: var(--resolved-bg); }
.sev-high { color: var(--high); } .sev-medium { color: var(--medium); } .sev-low { color: var(--low); }
.settled, .asof { color: var(--muted); font-size: .85rem; }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; margin: .6rem 0; }
.side { margin: 0; }
.side blockquote { margin: 0; padding: .45rem .7rem; font-size: .95rem; background: var(--wash); border-radius: 4px;
  border-left: 3px solid var(--line); }
.side figcaption { margin-top: .3rem; font-size: .85rem; color: var(--muted); }
.side figcaption b { color: var(--ink); }
.explanation { margin: .25rem 0 0; }
a { color: inherit; text-decoration-color: var(--line); }
a:hover { text-decoration-color: currentColor; }
ol.timeline { list-style: none; margin: 0; padding: 0; background: var(--paper);
  border: 1px solid var(--line); border-radius: 6px; }
ol.timeline li { display: grid; grid-template-columns: 9.5rem 1fr; gap: .75rem; padding: .45rem .75rem;
  border-top: 1px solid var(--line); }
ol.timeline li:first-child { border-top: 0; }
ol.timeline li { border-left: 4px solid transparent; }
ol.timeline li.hl-open { border-left-color: var(--open); }
ol.timeline li.hl-settled { border-left-color: var(--resolved); }
ol.timeline time { color: var(--muted); font-size: .85rem; }
.stance { font-size: .8rem; color: var(--muted); }
.doc { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem;
  margin-bottom: 1rem; }
.doc-text { white-space: pre-wrap; overflow-wrap: anywhere; font-size: .92rem; }
mark { background: transparent; border-bottom: 2px dotted var(--line); color: inherit; }
mark.hl-open { background: var(--open-bg); border-bottom: 2px solid var(--open); }
mark.hl-settled { background: var(--resolved-bg); border-bottom: 2px solid var(--resolved); }
.cref { font-size: .8rem; white-space: nowrap; }
.legend { font-size: .8rem; color: var(--muted); margin: 0 0 .75rem; display: flex; gap: .75rem; flex-wrap: wrap; }
mark:target { outline: 2px solid var(--ink); }
"""

SCRIPT = """
(function () {
  var boxes = document.querySelectorAll("[data-filter]");
  var cards = document.querySelectorAll(".dispute");
  var count = document.getElementById("shown");
  function apply() {
    var on = {};
    boxes.forEach(function (box) { on[box.value] = box.checked; });
    var shown = 0;
    cards.forEach(function (card) {
      card.hidden = !(on[card.dataset.status] && on[card.dataset.severity]);
      if (!card.hidden) { shown += 1; }
    });
    document.querySelectorAll(".topic-disputes").forEach(function (block) {
      block.hidden = !block.querySelector(".dispute:not([hidden])");
    });
    count.textContent = shown + " of " + cards.length + " disputes shown";
  }
  boxes.forEach(function (box) { box.addEventListener("change", apply); });
  document.getElementById("filters").hidden = false;
  document.documentElement.setAttribute("data-filters", "ready");
  apply();
})();
"""


def _sha256(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; style-src {_sha256(STYLE)}; script-src {_sha256(SCRIPT)}; "
    "img-src 'none'; font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'"
)
