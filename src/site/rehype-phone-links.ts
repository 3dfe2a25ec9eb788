import type { Element, ElementContent, Root, Text } from "hast";
import { SKIP, visit } from "unist-util-visit";
import { phoneParts } from "./phone-links.ts";

/**
 * Phone numbers in an article's text become `tel:` links (a reader on a
 * phone calls with one tap), as the footer's and the 办事指南's do; text
 * already inside a link, code or a heading is left as it is.
 */
export function rehypePhoneLinks() {
  return (tree: Root) => {
    visit(tree, (node, index, parent) => {
      if (node.type === "element" && ["a", "code", "pre", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6"].includes((node as Element).tagName)) return SKIP;
      if (node.type !== "text" || !parent || index === undefined) return;
      const parts = phoneParts((node as Text).value);
      if (!parts.some((p) => p.tel)) return;
      const replaced: ElementContent[] = parts.map((p) => (p.tel ? { type: "element", tagName: "a", properties: { href: p.tel }, children: [{ type: "text", value: p.text }] } : { type: "text", value: p.text }));
      (parent as Element).children.splice(index, 1, ...replaced);
      return [SKIP, index + replaced.length];
    });
  };
}
