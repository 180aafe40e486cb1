// A figure's SVG inside report.html: vega numbers clip paths clip1, clip2... in every figure, and
// ids share one namespace in a page, so each figure's ids get the figure's name as a prefix.
import { escapeHtml } from './escape.js';

export function inlineSvg(svg: string, name: string, label: string): string {
  const prefix = `${name}--`;
  const body = svg
    .replace(/^<\?xml[^>]*>\s*/, '')
    .replace(/(\sid=")([^"]+")/g, `$1${prefix}$2`)
    .replace(/(=")url\(#/g, `$1url(#${prefix}`)
    .replace(/(\s(?:xlink:)?href=")#/g, `$1#${prefix}`);
  // role and label make the chart one image to a screen reader.
  return body.replace(/^<svg\b/, `<svg role="img" aria-label="${escapeHtml(label)}"`);
}
