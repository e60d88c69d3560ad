/**
 * The HTML report's inline stylesheet and script (the page loads nothing from the network): the
 * script filters by transform, switches unified and side-by-side diffs, and remembers the choice.
 */
export const STYLE = `
:root { --bg: #f6f8fa; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --card: #fff;
  --add: #dafbe1; --add-mark: #aceebb; --del: #ffebe9; --del-mark: #ffcecb; --hunk: #ddf4ff; --accent: #0969da;
  --t0: #8250df; --t1: #bf3989; --t2: #1a7f37; --t3: #9a6700; --t4: #0969da; --t5: #cf222e; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
header.top { background: var(--card); border-bottom: 1px solid var(--line); padding: 20px 32px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h1 .tool { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.lead { color: var(--muted); margin: 0 0 16px; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; margin-bottom: 16px; }
.card { background: var(--bg); border: 1px solid var(--line); border-radius: 8px; padding: 8px 16px; min-width: 110px; }
.card b { display: block; font-size: 24px; line-height: 1.2; }
.card span { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
table.totals { border-collapse: collapse; margin-bottom: 16px; background: var(--card); }
table.totals th, table.totals td { border: 1px solid var(--line); padding: 4px 12px; text-align: left; }
table.totals td.n, table.totals th.n { text-align: right; font-variant-numeric: tabular-nums; }
table.totals tfoot td { font-weight: 600; }
.controls { display: flex; gap: 24px; flex-wrap: wrap; align-items: center; position: sticky; top: 0; z-index: 2;
  background: var(--card); border-bottom: 1px solid var(--line); padding: 10px 32px; }
.controls .group { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
.controls .label { font-weight: 600; }
.controls label { cursor: pointer; user-select: none; white-space: nowrap; }
.controls .shown { color: var(--muted); margin-left: auto; }
main { padding: 16px 32px 48px; }
nav.files { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 8px 16px; margin-bottom: 16px; }
nav.files ol { margin: 0; padding-left: 20px; columns: 2; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
section.file { background: var(--card); border: 1px solid var(--line); border-radius: 8px; margin-bottom: 20px; overflow: hidden; }
section.file > h2 { font-size: 15px; margin: 0; padding: 10px 16px; background: var(--bg); border-bottom: 1px solid var(--line);
  display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
.badge { display: inline-block; white-space: nowrap; border-radius: 999px; padding: 0 8px; font-size: 12px; font-weight: 500; color: #fff;
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.t0 { background: var(--t0); } .t1 { background: var(--t1); } .t2 { background: var(--t2); }
.t3 { background: var(--t3); } .t4 { background: var(--t4); } .t5 { background: var(--t5); }
.items { list-style: none; margin: 0; padding: 8px 16px; border-bottom: 1px solid var(--line); }
.items li { padding: 2px 0; }
.items .where { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; color: var(--muted); margin-right: 6px; }
.items.findings { background: #fff8c5; }
.items.findings .title { font-weight: 600; }
.items.errors { background: var(--del); }
.diffs { overflow-x: auto; }
table.diff { width: 100%; border-collapse: collapse; table-layout: fixed;
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; line-height: 20px; tab-size: 4; }
table.diff col.num { width: 48px; }
table.diff td { padding: 0 8px; vertical-align: top; }
table.diff td.num { color: var(--muted); text-align: right; user-select: none; border-right: 1px solid var(--line); }
table.diff td.code { white-space: pre-wrap; overflow-wrap: anywhere; }
table.diff .sign { user-select: none; color: var(--muted); display: inline-block; width: 1.2em; }
table.diff tr.hunk td { background: var(--hunk); color: var(--muted); }
table.diff tr.note td { color: var(--muted); font-style: italic; }
table.diff tr.add td, table.diff td.add { background: var(--add); }
table.diff tr.del td, table.diff td.del { background: var(--del); }
table.diff tr.add mark, table.diff td.add mark { background: var(--add-mark); color: inherit; }
table.diff tr.del mark, table.diff td.del mark { background: var(--del-mark); color: inherit; }
table.diff td.empty { background: var(--bg); }
table.diff.context { margin: 4px 0 6px; background: var(--card); border: 1px solid var(--line); }
table.diff.context tr.here td.code { background: #fff8c5; font-weight: 600; }
body.view-unified table.diff.split, body.view-split table.diff.unified { display: none; }
footer { color: var(--muted); padding: 0 32px 32px; font-size: 12px; }
/* Printed, often in black and white: no backgrounds; removed lines struck through with a dotted
   rule, added lines bold with a solid rule, the +/- signs kept; always the unified view. */
@media print {
  :root { --bg: #fff; --card: #fff; --line: #000; --muted: #000; }
  body { font-size: 11px; color: #000; background: #fff; }
  .controls, nav.files, footer { display: none !important; }
  header.top { padding: 0 0 8px; border: 0; }
  main { padding: 0; }
  section.file { border: 1px solid #000; border-radius: 0; break-inside: auto; }
  section.file > h2 { break-after: avoid; }
  table.diff.split { display: none !important; }
  body.view-split table.diff.unified { display: table !important; }
  table.diff tbody { break-inside: avoid; }
  table.diff td, table.diff tr.hunk td { background: none !important; color: #000; }
  table.diff .sign { color: #000; font-weight: 700; }
  table.diff tr.del td.code { text-decoration: line-through; border-left: 3px dotted #000; }
  table.diff tr.add td.code { font-weight: 700; border-left: 3px solid #000; }
  table.diff mark { background: none !important; text-decoration: underline; }
  table.diff.context tr.here td.code { text-decoration: underline; }
  .badge { color: #000; background: none !important; border: 1px solid #000; }
  .items.findings, .items.errors { background: none; }
  a { color: #000; }
}
`;

export const SCRIPT = `
(function () {
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input[data-filter]'));
  var views = Array.prototype.slice.call(document.querySelectorAll('input[name="view"]'));
  var shown = document.getElementById('shown');
  function apply() {
    var on = {};
    boxes.forEach(function (box) { on[box.getAttribute('data-filter')] = box.checked; });
    var visible = 0, total = 0;
    Array.prototype.forEach.call(document.querySelectorAll('[data-transform]'), function (el) {
      el.hidden = !on[el.getAttribute('data-transform')];
    });
    Array.prototype.forEach.call(document.querySelectorAll('[data-transforms]'), function (el) {
      var names = el.getAttribute('data-transforms').split(' ').filter(Boolean);
      var hide = names.length > 0 && !names.some(function (name) { return on[name]; });
      el.hidden = hide;
      if (el.tagName === 'SECTION') { total += 1; if (!hide) visible += 1; }
    });
    if (shown) shown.textContent = 'Showing ' + visible + ' of ' + total + (total === 1 ? ' file' : ' files');
  }
  function view() {
    var split = views.some(function (v) { return v.checked && v.value === 'split'; });
    document.body.className = split ? 'view-split' : 'view-unified';
    // A site links to its hunk in the view on screen.
    Array.prototype.forEach.call(document.querySelectorAll('a[data-hunk]'), function (a) {
      a.setAttribute('href', '#' + a.getAttribute('data-hunk') + (split ? '-split' : ''));
    });
  }
  // The selection goes into the URL (?view=split&transforms=a,b), so that a reload or a shared link keeps it.
  function remember() {
    var params = [];
    if (views.some(function (v) { return v.checked && v.value === 'split'; })) params.push('view=split');
    var on = boxes.filter(function (box) { return box.checked; }).map(function (box) { return box.getAttribute('data-filter'); });
    if (on.length !== boxes.length) params.push('transforms=' + on.map(encodeURIComponent).join(','));
    try {
      history.replaceState(null, '', location.pathname + (params.length ? '?' + params.join('&') : '') + location.hash);
    } catch (e) {
      // Some browsers refuse it for file: pages; the selection then lasts until the page is left.
    }
  }
  // ?view=split and ?transforms=a,b preselect the view and the filter (links to a filtered page).
  var query = {};
  location.search.slice(1).split('&').forEach(function (pair) {
    var at = pair.indexOf('=');
    if (at > 0) query[decodeURIComponent(pair.slice(0, at))] = decodeURIComponent(pair.slice(at + 1));
  });
  if (query.view === 'split') views.forEach(function (v) { v.checked = v.value === 'split'; });
  if (query.transforms) {
    var wanted = query.transforms.split(',');
    boxes.forEach(function (box) { box.checked = wanted.indexOf(box.getAttribute('data-filter')) !== -1; });
  }
  boxes.forEach(function (box) { box.addEventListener('change', function () { apply(); remember(); }); });
  views.forEach(function (v) { v.addEventListener('change', function () { view(); remember(); }); });
  apply();
  view();
})();
`;
