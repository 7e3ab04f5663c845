// A small markdown renderer that builds DOM nodes and never parses HTML.
//
// Every piece of text reaches the page through a Text node, so nothing in an answer, a quote
// or a learner's message can become markup or script. Supported: paragraphs, "-"/"*"/"•" and
// "1." lists, "> " quotes, "| a | b |" tables, "#" headings (shown as bold lines), **bold**, __bold__, *italic*,
// _italic_, `code`, backslash escapes, [links](https://…) and bare http(s) addresses. Links
// to anything but http(s) stay plain text.

const ESCAPABLE = "\\`*_{}[]()#+-.!|<>~\"'";
const BULLET = /^\s{0,3}[-*•]\s+(.*)$/;
const ORDERED = /^\s{0,3}(\d{1,9})[.)]\s+(.*)$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;
const HEADING = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/;
const URL_START = /^https?:\/\/[^\s<>"]+/i;
const TABLE_ROW = /^\s{0,3}\|.*\|\s*$/;
const TABLE_RULE = /^\s*:?-{3,}:?\s*$/;

/** A DocumentFragment holding `markdown` rendered as DOM nodes. */
export function renderMarkdown(markdown, doc = document) {
  const fragment = doc.createDocumentFragment();
  const lines = String(markdown ?? "").replace(/\r\n?/g, "\n").split("\n");
  for (const block of parseBlocks(lines)) fragment.append(renderBlock(block, doc));
  return fragment;
}

/** Only http(s) URLs, returned normalised; null for anything else (javascript:, data:…). */
export function safeHref(raw) {
  try {
    const url = new URL(String(raw).trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

// Blocks

function parseBlocks(lines) {
  const blocks = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (!line.trim()) {
      i += 1;
    } else if (QUOTE.test(line)) {
      const inner = [];
      while (i < lines.length && QUOTE.test(lines[i])) inner.push(lines[i++].match(QUOTE)[1]);
      blocks.push({ type: "quote", children: parseBlocks(inner) });
    } else if (BULLET.test(line) || ORDERED.test(line)) {
      const ordered = !BULLET.test(line);
      const pattern = ordered ? ORDERED : BULLET;
      const items = [];
      const start = ordered ? Number(line.match(ORDERED)[1]) : 1;
      while (i < lines.length && pattern.test(lines[i])) {
        const match = lines[i++].match(pattern);
        items.push(ordered ? match[2] : match[1]);
        // A following indented line continues the item.
        while (i < lines.length && /^\s{2,}\S/.test(lines[i]) && !isBlockStart(lines, i)) {
          items[items.length - 1] += `\n${lines[i++].trim()}`;
        }
      }
      blocks.push({ type: ordered ? "ol" : "ul", start, items });
    } else if (isTableStart(lines, i)) {
      const header = splitRow(lines[i]);
      const align = splitRow(lines[i + 1]).map(alignment);
      const rows = [];
      i += 2;
      while (i < lines.length && TABLE_ROW.test(lines[i])) rows.push(splitRow(lines[i++]));
      blocks.push({ type: "table", header, align, rows });
    } else if (HEADING.test(line)) {
      blocks.push({ type: "heading", text: line.match(HEADING)[1] });
      i += 1;
    } else {
      const paragraph = [lines[i++]];
      while (i < lines.length && lines[i].trim() && !isBlockStart(lines, i)) paragraph.push(lines[i++]);
      blocks.push({ type: "p", text: paragraph.join("\n") });
    }
  }
  return blocks;
}

function isBlockStart(lines, i) {
  const line = lines[i];
  return QUOTE.test(line) || BULLET.test(line) || ORDERED.test(line) || HEADING.test(line) || isTableStart(lines, i);
}

// A table: a "| a | b |" row, then a "|---|---|" rule with as many cells.
function isTableStart(lines, i) {
  if (!TABLE_ROW.test(lines[i]) || i + 1 >= lines.length || !TABLE_ROW.test(lines[i + 1])) return false;
  const rule = splitRow(lines[i + 1]);
  return rule.length === splitRow(lines[i]).length && rule.every((cell) => TABLE_RULE.test(cell));
}

// The cells of "| a | b \\| c |": ["a", "b \\| c"] (an escaped pipe stays in its cell).
function splitRow(line) {
  const inner = line.trim().replace(/^\|/, "").replace(/\|$/, "");
  const cells = [];
  let cell = "";
  for (let i = 0; i < inner.length; i += 1) {
    if (inner[i] === "\\" && inner[i + 1] === "|") {
      cell += "\\|";
      i += 1;
    } else if (inner[i] === "|") {
      cells.push(cell.trim());
      cell = "";
    } else {
      cell += inner[i];
    }
  }
  cells.push(cell.trim());
  return cells;
}

function alignment(rule) {
  const left = rule.trim().startsWith(":");
  const right = rule.trim().endsWith(":");
  return left && right ? "center" : right ? "right" : left ? "left" : "";
}

function renderBlock(block, doc) {
  switch (block.type) {
    case "quote": {
      const quote = doc.createElement("blockquote");
      for (const child of block.children) quote.append(renderBlock(child, doc));
      return quote;
    }
    case "ul":
    case "ol": {
      const list = doc.createElement(block.type);
      if (block.type === "ol" && block.start !== 1) list.start = block.start;
      for (const item of block.items) {
        const li = doc.createElement("li");
        li.append(renderInline(item, doc));
        list.append(li);
      }
      return list;
    }
    case "table": {
      const table = doc.createElement("table");
      const head = doc.createElement("thead");
      head.append(tableRow("th", block.header, block.align, doc));
      const body = doc.createElement("tbody");
      for (const row of block.rows) body.append(tableRow("td", row, block.align, doc));
      table.append(head, body);
      const wrap = doc.createElement("div");
      wrap.className = "table-wrap";
      wrap.append(table);
      return wrap;
    }
    case "heading": {
      const p = doc.createElement("p");
      const strong = doc.createElement("strong");
      strong.append(renderInline(block.text, doc));
      p.append(strong);
      return p;
    }
    default: {
      const p = doc.createElement("p");
      p.append(renderInline(block.text, doc));
      return p;
    }
  }
}

function tableRow(tag, cells, align, doc) {
  const tr = doc.createElement("tr");
  align.forEach((side, index) => {
    const cell = doc.createElement(tag);
    if (tag === "th") cell.scope = "col";
    if (side) cell.style.textAlign = side;
    cell.append(renderInline(cells[index] ?? "", doc));
    tr.append(cell);
  });
  return tr;
}

// Inline

/** A fragment for one block's text: emphasis, code, links and line breaks. */
export function renderInline(text, doc = document) {
  const fragment = doc.createDocumentFragment();
  for (const node of parseInline(String(text))) fragment.append(toNode(node, doc));
  return fragment;
}

function toNode(node, doc) {
  if (typeof node === "string") return doc.createTextNode(node);
  if (node.type === "br") return doc.createElement("br");
  const element = doc.createElement(node.type);
  if (node.type === "code") {
    element.textContent = node.text;
    return element;
  }
  if (node.type === "a") {
    element.href = node.href;
    element.target = "_blank";
    element.rel = "noopener noreferrer nofollow";
  }
  for (const child of node.children) element.append(toNode(child, doc));
  return element;
}

function parseInline(text) {
  const out = [];
  let plain = "";
  const flush = () => {
    if (plain) out.push(plain);
    plain = "";
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    const next = text[i + 1];
    if (ch === "\\" && next !== undefined && ESCAPABLE.includes(next)) {
      plain += next;
      i += 2;
    } else if (ch === "\n") {
      flush();
      out.push({ type: "br" });
      i += 1;
    } else if (ch === "`") {
      const end = text.indexOf("`", i + 1);
      if (end > i + 1) {
        flush();
        out.push({ type: "code", text: text.slice(i + 1, end) });
        i = end + 1;
      } else {
        plain += ch;
        i += 1;
      }
    } else if ((ch === "*" || ch === "_") && next === ch && canOpen(text, i, 2)) {
      const end = findClose(text, ch + ch, i + 2);
      if (end > i + 2) {
        flush();
        out.push({ type: "strong", children: parseInline(text.slice(i + 2, end)) });
        i = end + 2;
      } else {
        plain += ch + ch;
        i += 2;
      }
    } else if ((ch === "*" || ch === "_") && canOpen(text, i, 1)) {
      const end = findClose(text, ch, i + 1);
      if (end > i + 1) {
        flush();
        out.push({ type: "em", children: parseInline(text.slice(i + 1, end)) });
        i = end + 1;
      } else {
        plain += ch;
        i += 1;
      }
    } else if (ch === "[") {
      const link = parseLink(text, i);
      if (link) {
        flush();
        const children = parseInline(link.label);
        out.push(link.href ? { type: "a", href: link.href, children } : { type: "span", children });
        i = link.end;
      } else {
        plain += ch;
        i += 1;
      }
    } else if ((ch === "h" || ch === "H") && atWordStart(text, i) && URL_START.test(text.slice(i))) {
      let url = text.slice(i).match(URL_START)[0];
      url = url.replace(/[.,;:!?)\]'"»]+$/, "");
      const href = safeHref(url);
      flush();
      out.push(href ? { type: "a", href, children: [url] } : url);
      i += url.length;
    } else {
      plain += ch;
      i += 1;
    }
  }
  flush();
  return out;
}

function atWordStart(text, i) {
  return i === 0 || /[\s(«"'[]/.test(text[i - 1]);
}

// An opening delimiter must be followed by a non-space; "_" also must not sit inside a word
// (snake_case stays as typed).
function canOpen(text, i, width) {
  const after = text[i + width];
  if (after === undefined || /\s/.test(after)) return false;
  if (text[i] === "_" && i > 0 && /[\p{L}\p{N}]/u.test(text[i - 1])) return false;
  return true;
}

// The index of the closing `delimiter` after `from`, skipping escaped characters; -1 if none.
function findClose(text, delimiter, from) {
  for (let j = from; j < text.length; j += 1) {
    if (text[j] === "\\") {
      j += 1;
      continue;
    }
    if (text[j] === "\n" && text[j + 1] === "\n") return -1;
    if (text.startsWith(delimiter, j) && !/\s/.test(text[j - 1])) {
      const after = text[j + delimiter.length];
      if (delimiter.length === 1 && after === delimiter) {
        j += 1; // part of a "**" or "__": not ours
        continue;
      }
      if (delimiter[0] === "_" && after !== undefined && /[\p{L}\p{N}]/u.test(after)) continue;
      return j;
    }
  }
  return -1;
}

function parseLink(text, start) {
  const close = findClose(text, "]", start + 1);
  if (close < 0 || text[close + 1] !== "(") return null;
  const end = text.indexOf(")", close + 2);
  if (end < 0) return null;
  const target = text.slice(close + 2, end).trim().split(/\s+/)[0] || "";
  return { label: text.slice(start + 1, close), href: safeHref(target), end: end + 1 };
}
