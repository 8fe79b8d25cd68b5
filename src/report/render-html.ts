import type { Block, ReportDocument } from './document.js';
import { escapeXml } from './svg.js';

/**
 * Renders a report as one self-contained HTML file: inline CSS and SVG only, no scripts,
 * fonts or images from anywhere (a Content-Security-Policy forbids any fetch), laid out
 * to print on A4.
 */
export function renderHtml(document: ReportDocument): string {
  const sections = document.sections.map(
    (section) => `<section id="${escapeXml(section.id)}">\n<h2>${escapeXml(section.title)}</h2>\n${section.blocks.map(block).join('\n')}\n</section>`,
  );
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(document.title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${escapeXml(document.title)}</h1>
<p class="subtitle">${escapeXml(document.subtitle)}</p>
<nav aria-label="Contents"><ol>${document.sections.map((section) => `<li><a href="#${escapeXml(section.id)}">${escapeXml(section.title)}</a></li>`).join('')}</ol></nav>
</header>
<main>
${sections.join('\n')}
</main>
</body>
</html>
`;
}

function block(item: Block): string {
  switch (item.type) {
    case 'paragraph':
      return `<p>${escapeXml(item.text)}</p>`;
    case 'list': {
      const tag = item.ordered ? 'ol' : 'ul';
      const items = item.items.map((entry) => {
        const details = entry.details && entry.details.length > 0 ? `<ul class="reasons">${entry.details.map((detail) => `<li>${escapeXml(detail)}</li>`).join('')}</ul>` : '';
        return `<li${entry.className ? ` class="${escapeXml(entry.className)}"` : ''}>${escapeXml(entry.text)}${details}</li>`;
      });
      return `<${tag}>${items.join('')}</${tag}>`;
    }
    case 'table': {
      const head = `<thead><tr>${item.header.map((cell) => `<th scope="col">${escapeXml(cell)}</th>`).join('')}</tr></thead>`;
      const body = `<tbody>${item.rows.map((row) => `<tr>${row.map((cell, i) => (i === 0 ? `<th scope="row">${escapeXml(cell)}</th>` : `<td>${escapeXml(cell)}</td>`)).join('')}</tr>`).join('')}</tbody>`;
      return `<table${item.className ? ` class="${escapeXml(item.className)}"` : ''}><caption>${escapeXml(item.caption)}</caption>${head}${body}</table>`;
    }
    case 'definitions':
      return `<dl>${item.items.map(([term, value]) => `<dt>${escapeXml(term)}</dt><dd>${escapeXml(value)}</dd>`).join('')}</dl>`;
    case 'figure': {
      const data = item.data ? `<details class="text-alternative"><summary>The data of this chart as a table</summary>${block(item.data)}</details>` : '';
      return `<figure id="figure-${escapeXml(item.id)}">${item.svg}<figcaption>${escapeXml(item.caption)}</figcaption>${data}</figure>`;
    }
    default: {
      const exhaustive: never = item;
      throw new Error(`unknown block ${JSON.stringify(exhaustive)}`);
    }
  }
}

const CSS = `
:root{color-scheme:light}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#111;background:#fff;max-width:60rem;margin:0 auto;padding:1rem 1.5rem;line-height:1.45}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.25rem;border-bottom:2px solid #111;padding-bottom:.15rem;margin-top:2rem}
.subtitle{margin-top:0;color:#333}
nav ol{columns:2;font-size:.9rem}
a{color:#0072B2}
figure{margin:1rem 0}
svg.chart{max-width:100%;height:auto;display:block}
figcaption{font-size:.9rem;color:#222;margin-top:.3rem}
table{border-collapse:collapse;margin:.8rem 0;font-size:.85rem;width:100%}
caption{text-align:left;font-weight:600;padding-bottom:.3rem}
th,td{border:1px solid #999;padding:.2rem .4rem;text-align:left;vertical-align:top}
thead th{background:#eee}
table.numeric td{text-align:right;font-variant-numeric:tabular-nums}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem}dt{font-weight:600}dd{margin:0}
li.strength::marker{content:"+ "}li.improvement::marker{content:"! "}
li.strength,li.improvement{margin-bottom:.35rem}
ul.reasons{font-size:.9rem;color:#333;margin:.1rem 0}
details.text-alternative{font-size:.9rem}summary{cursor:pointer;color:#0072B2}
@page{size:A4;margin:14mm 12mm}
@media print{
  body{max-width:none;padding:0;font-size:10pt}
  nav,details.text-alternative{display:none}
  h2{break-after:avoid}
  figure,tr,li{break-inside:avoid}
  table{font-size:8.5pt}th,td{padding:.1rem .25rem}
  a{color:#111;text-decoration:none}
}
`;
