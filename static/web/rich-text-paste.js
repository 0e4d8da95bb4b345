// What is pasted into the rich-text editor (from Word, a web page), tidied
// before the editor reads it. The server cleans every body again on saving
// (web/rich_text.py) and stays the authority; this only keeps the editor
// from showing what saving would change:
//
// - An image from elsewhere (another site, a file: or data: address Word
//   leaves) is dropped before the editor draws it: drawn, the browser would
//   fetch it from that host while the editor reads, and saving drops it
//   anyway. Only this site's uploads (/media/…) stay.
// - Word's list items arrive as paragraphs (class MsoListParagraph…, style
//   mso-list) that start with their bullet as text ("·", "o", "§") or their
//   number ("1.", "a)"): they become a list again, nested by Word's level.
import * as prose from "../django_prose_editor/editor.js"

const OWN_MEDIA = "/media/"

function ownImage(src) {
  try {
    const url = new URL(src, window.location.href)
    return url.origin === window.location.origin && url.pathname.startsWith(OWN_MEDIA)
  } catch {
    return false
  }
}

function dropOutsideImages(doc) {
  for (const source of doc.querySelectorAll("picture source, img[srcset]")) {
    source.removeAttribute("srcset")
  }
  for (const image of doc.querySelectorAll("img")) {
    if (ownImage(image.getAttribute("src") || "")) continue
    const figure = image.closest("figure")
    image.remove()
    if (figure && !figure.querySelector("img")) {
      // The caption's words stay, as a paragraph; the empty frame goes.
      const caption = figure.querySelector("figcaption")
      const words = caption ? caption.textContent.trim() : ""
      if (words) {
        const paragraph = doc.createElement("p")
        paragraph.textContent = words
        figure.replaceWith(paragraph)
      } else {
        figure.remove()
      }
    }
  }
  // Word's VML shapes (<v:imagedata src="file:…">) and background pictures.
  for (const shape of doc.querySelectorAll("[background]")) shape.removeAttribute("background")
  for (const styled of doc.querySelectorAll("[style*='url(']")) styled.removeAttribute("style")
}

const BULLET = /^[\s\u00a0]*[·•▪◦o§\-–*](?:[\s\u00a0]+|$)/u
const NUMBER = /^[\s\u00a0]*(?:\d{1,3}|[a-zA-Z]|[ivxlcdm]{1,6})[.)](?:[\s\u00a0]+|$)/u

function listInfo(paragraph) {
  const style = paragraph.getAttribute("style") || ""
  const isWordItem =
    /mso-list/i.test(style) || /^MsoListParagraph/.test(paragraph.className || "")
  if (!isWordItem) return null
  const level = Number((style.match(/level(\d+)/i) || [])[1] || 1)
  // Word writes the marker in a span marked mso-list:Ignore; take it out
  // and read what it said.
  let marker = ""
  for (const ignored of paragraph.querySelectorAll("[style*='mso-list']")) {
    if (/mso-list:\s*ignore/i.test(ignored.getAttribute("style") || "")) {
      marker += ignored.textContent
      ignored.remove()
    }
  }
  if (!marker) {
    const text = paragraph.textContent
    const found = text.match(BULLET) || text.match(NUMBER)
    if (found) {
      marker = found[0]
      stripLeading(paragraph, found[0].length)
    }
  }
  const ordered = NUMBER.test(marker) && !BULLET.test(marker)
  return { level: Math.max(1, Math.min(level, 6)), ordered }
}

// Removes the first ``count`` characters of the paragraph's text, across
// the text nodes they are in.
function stripLeading(element, count) {
  const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT)
  let left = count
  while (left > 0 && walker.nextNode()) {
    const node = walker.currentNode
    const taken = Math.min(left, node.data.length)
    node.data = node.data.slice(taken)
    left -= taken
  }
}

function rebuildWordLists(doc) {
  const paragraphs = [...doc.body.querySelectorAll("p")]
  let stack = [] // open lists, outermost first: { list, level }
  let previous = null
  for (const paragraph of paragraphs) {
    const info = listInfo(paragraph)
    if (!info) {
      stack = []
      previous = null
      continue
    }
    // A list goes on only through paragraphs that follow each other.
    if (previous && paragraph.previousElementSibling !== previous) stack = []
    while (stack.length && stack[stack.length - 1].level > info.level) stack.pop()
    let top = stack[stack.length - 1]
    if (!top || top.level < info.level) {
      const list = doc.createElement(info.ordered ? "ol" : "ul")
      if (top) {
        const lastItem = top.list.lastElementChild
        ;(lastItem || top.list).append(list)
      } else {
        paragraph.before(list)
      }
      top = { list, level: info.level }
      stack.push(top)
    }
    const item = doc.createElement("li")
    const content = doc.createElement("p")
    content.append(...paragraph.childNodes)
    item.append(content)
    top.list.append(item)
    // Keep the paragraph in place (removed below) so the next one can tell
    // it follows; the list stands where the run began.
    previous = paragraph
    paragraph.setAttribute("data-word-list-item", "")
  }
  for (const done of doc.querySelectorAll("[data-word-list-item]")) done.remove()
}

export function cleanPastedHtml(html) {
  // DOMParser's document is inert: nothing in it is fetched or run.
  const doc = new DOMParser().parseFromString(html, "text/html")
  dropOutsideImages(doc)
  rebuildWordLists(doc)
  return doc.body.innerHTML
}

export const CleanPaste = prose.Extension.create({
  name: "cleanPaste",
  addProseMirrorPlugins() {
    return [new prose.Plugin({ props: { transformPastedHTML: cleanPastedHtml } })]
  },
})
