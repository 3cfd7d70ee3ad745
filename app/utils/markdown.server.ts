/** Organiser-written Markdown to HTML that is safe to put in the page: marked, then sanitize-html. */
import { marked } from "marked";
import sanitizeHtml from "sanitize-html";
import { boundedMemo } from "./memo";

const allowed: sanitizeHtml.IOptions = {
  allowedTags: ["h4", "h5", "h6", "p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code", "pre", "hr"],
  allowedAttributes: { a: ["href", "title"] },
  allowedSchemes: ["http", "https", "mailto"],
  transformTags: {
    // The content sits under an evening's h3, so its headings start at h4.
    h1: "h4",
    h2: "h4",
    h3: "h5",
    h4: "h6",
    a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer" }),
  },
};

// Parsing and sanitising is the costliest part of the public cohort page, and the same few evening texts
// are rendered on every visit: the safe HTML is kept per source text.
const rendered = boundedMemo<string>(1_000);

export function renderMarkdown(markdown: string): string {
  if (!markdown.trim()) return "";
  return rendered.get(markdown, () => {
    const html = marked.parse(markdown, { async: false, gfm: true, breaks: false }) as string;
    return sanitizeHtml(html, allowed).trim();
  });
}
