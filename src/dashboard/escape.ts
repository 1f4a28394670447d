// Text into HTML (and SVG): every character that could open markup or end an attribute becomes a reference.
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
