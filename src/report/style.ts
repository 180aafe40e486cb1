// The report's stylesheet, inlined: the page loads nothing from anywhere.

export const REPORT_CSS = `
:root { --fg: #1d1d1f; --muted: #5f6368; --line: #dadce0; --bg-alt: #f6f7f9; --accent: #4e79a7; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); font: 15px/1.5 "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; background: #fff; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 64px; }
header.report { border-bottom: 2px solid var(--accent); margin-bottom: 16px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 36px 0 10px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 20px 0 8px; }
.muted { color: var(--muted); }
.question { font-size: 17px; margin: 8px 0; }
nav.toc { font-size: 14px; margin: 8px 0 0; }
nav.toc a { margin-right: 14px; color: var(--accent); text-decoration: none; }
dl.kv { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
dl.kv dt { color: var(--muted); }
dl.kv dd { margin: 0; word-break: break-word; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 6px 0 12px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: var(--bg-alt); font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
code, .mono { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; word-break: break-all; }
figure.figure { margin: 18px 0 28px; padding: 12px; border: 1px solid var(--line); border-radius: 6px; }
figure.figure .chart { overflow-x: auto; }
figure.figure svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: 13px; color: var(--muted); margin-top: 6px; }
figcaption a { color: var(--accent); }
details { margin: 6px 0; }
details > summary { cursor: pointer; }
details.cell { border: 1px solid var(--line); border-radius: 4px; padding: 4px 10px; }
details.cell[open] { background: var(--bg-alt); }
.label { display: inline-block; padding: 0 6px; border-radius: 3px; background: #e8eef6; font-size: 12px; }
ol.answers { padding-left: 22px; }
ol.answers li { margin: 8px 0; }
pre.text { white-space: pre-wrap; word-break: break-word; margin: 4px 0; padding: 8px; background: #fff; border: 1px solid var(--line); border-radius: 4px; font: 13px/1.45 "DejaVu Sans Mono", Menlo, Consolas, monospace; }
.prompt { font-size: 12px; color: var(--muted); }
ul.notes li { margin: 4px 0; }
p.banner { margin: 0 0 12px; padding: 10px 14px; background: #fff8e1; border: 1px solid #f2c94c; border-radius: 6px; font-size: 14px; }
ul.headline { padding-left: 20px; font-size: 16px; }
ul.headline li { margin: 6px 0; }
div.missing { margin: 12px 0; padding: 8px 12px; border-left: 3px solid #b45309; background: #fff4e5; font-size: 14px; }
tr.warn td { background: #fff4e5; }
td.warn { color: #b45309; font-weight: 600; }
ul.warnings { margin: 6px 0; padding-left: 18px; color: #b45309; font-size: 13px; list-style: none; }
`;
