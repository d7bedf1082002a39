namespace AzBillingInsights.Engine.Reporting
{
    /// <summary>
    /// The report's one style sheet: system fonts only (nothing to fetch), colours as custom properties switched by
    /// prefers-color-scheme, and a print layout that keeps light colours and does not split a section's table or chart.
    /// Widths are capped and long names wrap, so nothing overflows a 1280-pixel window or an A4 page.
    /// </summary>
    internal static class ReportStyle
    {
        public const string Css = @"
:root{--bg:#ffffff;--fg:#1b1f24;--muted:#5b6470;--line:#d8dde3;--card:#f5f7fa;--bar:#2f6fb0;--rest:#8a94a3;--band80:#6ea3d6;--band95:#9fc3e6;--ok:#1a7f37;--warn:#9a6700;--bad:#c62828;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#15181d;--fg:#e6e9ee;--muted:#a3acb9;--line:#343b45;--card:#1e232a;--bar:#6aa7e8;--rest:#7d8896;--band80:#3f6f9f;--band95:#2b4a6b;--ok:#4ac26b;--warn:#d4a72c;--bad:#ff7b72}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,-apple-system,""Segoe UI"",Roboto,""Helvetica Neue"",Arial,sans-serif}
main{max-width:1200px;margin:0 auto;padding:24px}
h1{font-size:1.6em;margin:0 0 4px}
h2{font-size:1.2em;margin:0 0 10px}
h3{font-size:1em;margin:0 0 6px}
section{margin:28px 0}
.muted,footer{color:var(--muted)}
.note{border-left:4px solid var(--warn);padding:6px 10px;background:var(--card)}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(230px,1fr));gap:12px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px;min-width:0}
.card h2{font-size:.9em;font-weight:600;color:var(--muted);margin:0}
.card p{margin:4px 0;overflow-wrap:anywhere}
.big{font-size:1.6em;font-weight:650;font-variant-numeric:tabular-nums}
.status{padding:0 6px;border-radius:4px;border:2px solid currentColor}
.status.ok{color:var(--ok)}.status.warn{color:var(--warn)}.status.bad{color:var(--bad)}
figure{margin:0;min-width:0}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(460px,1fr));gap:20px 28px}
svg.chart{display:block;width:100%;height:auto;max-width:100%;font-size:13px;color:var(--fg)}
svg.chart .axis{fill:var(--muted);font-size:12px}
svg.chart .grid{stroke:var(--line)}
svg.chart .axisline,svg.chart .today{stroke:var(--muted)}
.bar{fill:var(--bar)}
.bar.rest{fill:var(--rest)}
.bar.predicted{fill:none;stroke:var(--bar);stroke-width:1.2}
.band80{fill:var(--band80);fill-opacity:.45}
.band95{fill:var(--band95);fill-opacity:.35}
.legend{display:flex;flex-wrap:wrap;gap:16px;color:var(--muted);font-size:.9em;margin-top:6px}
.legend span{display:inline-flex;align-items:center;gap:6px}
.swatch{width:12px;height:12px}
.table{max-width:100%;overflow-x:auto}
table{border-collapse:collapse;width:100%}
th,td{padding:5px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{font-weight:600;color:var(--muted)}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.facts{display:grid;grid-template-columns:minmax(160px,max-content) 1fr;gap:4px 16px;margin:0}
.facts dt{color:var(--muted)}
.facts dd{margin:0;overflow-wrap:anywhere}
footer{margin-top:32px;font-size:.85em}
@media print{
:root{--bg:#ffffff;--fg:#000000;--muted:#444b55;--line:#c4c9d0;--card:#ffffff;--bar:#2f6fb0;--rest:#8a94a3;--band80:#6ea3d6;--band95:#9fc3e6;--ok:#1a7f37;--warn:#9a6700;--bad:#c62828;color-scheme:light}
@page{margin:12mm}
body{font-size:10.5pt}
main{max-width:none;padding:0}
section,.card,figure,tr{break-inside:avoid}
h2{break-after:avoid}
.table{overflow:visible}
}
";
    }
}
