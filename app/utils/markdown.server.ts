/** Organiser-written Markdown to HTML that is safe to put in the page: marked, then sanitize-html. */
import { marked } from "marked";
import sanitizeHtml from "sanitize-html";

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

export function renderMarkdown(markdown: string): string {
  if (!markdown.trim()) return "";
  const html = marked.parse(markdown, { async: false, gfm: true, breaks: false }) as string;
  return sanitizeHtml(html, allowed).trim();
}
