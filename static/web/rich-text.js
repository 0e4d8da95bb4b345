// Rich text for article bodies and event descriptions: django-prose-editor's
// ProseMirror/Tiptap build, loaded from our own static files (no import map,
// no inline script or style: the strict Content-Security-Policy holds).
//
// Every <textarea data-rich-text> becomes an editor whose HTML goes back
// into the textarea; the server cleans it again (web/rich_text.py), so what
// the editor lets through never decides what is stored. Images and PDF
// documents are inserted by uploading them to data-upload-url, which checks
// them like every other upload (web/uploads.py).
import * as prose from "../django_prose_editor/editor.js"
import { LeaveCaption } from "./rich-text-captions.js"
import { CheckedLink } from "./rich-text-links.js"
import { CleanPaste } from "./rich-text-paste.js"

// Our words by key (web/rich_text.py OWN_STRINGS, tested to hold every key
// used here); the build's own words through window.gettext, by their English
// text (PACKAGE_STRINGS).
const strings = window.richTextStrings || { own: {}, menu: {} }
const t = (key) => (Object.hasOwn(strings.own, key) ? strings.own[key] : key)
const gettext = (text) => (window.gettext ? window.gettext(text) : text)

function csrfToken(textarea) {
  const form = textarea.closest("form")
  const field = form && form.querySelector("input[name=csrfmiddlewaretoken]")
  return field ? field.value : ""
}

function pickFile(accept) {
  return new Promise((resolve) => {
    const input = document.createElement("input")
    input.type = "file"
    input.accept = accept
    input.addEventListener("change", () => resolve(input.files[0] || null))
    input.click()
  })
}

async function upload(textarea, file) {
  const body = new FormData()
  body.append("file", file)
  const response = await fetch(textarea.dataset.uploadUrl, {
    method: "POST",
    body,
    headers: { "X-CSRFToken": csrfToken(textarea) },
    credentials: "same-origin",
  })
  const answer = await response.json().catch(() => ({ error: t("uploadFailed") }))
  if (!response.ok) throw new Error(answer.error || t("uploadFailed"))
  return answer
}

function report(textarea, message) {
  let box = textarea.parentElement.querySelector(".rich-text__error")
  if (!box) {
    box = prose.crel("p", { className: "rich-text__error", role: "alert" })
    textarea.parentElement.prepend(box)
  }
  box.textContent = message || ""
  box.hidden = !message
}

// The file the editor picks, uploaded; a refusal is shown above the editor.
async function chooseAndUpload(textarea, accept) {
  const file = await pickFile(accept)
  if (!file) return {}
  try {
    const answer = await upload(textarea, file)
    report(textarea, "")
    return { file, answer }
  } catch (error) {
    report(textarea, error.message)
    return {}
  }
}

// The image the selection is on or in (a figure selected holds one).
function selectedImage(editor) {
  const { from, to } = editor.state.selection
  let found = null
  editor.state.doc.nodesBetween(from, Math.max(to, from + 1), (node, pos) => {
    if (!found && node.type.name === "image") found = { node, pos }
    return !found
  })
  return found
}

// Where the figure ends whose image (or which itself) is selected: a key
// typed there would replace the image, and ProseMirror, which must keep an
// image first in a figure, put an empty one (no address, no description) in
// its place and the text in a paragraph after it.
function selectedFigureEnd(state) {
  const { selection } = state
  const node = selection.node
  if (!node) return null
  if (node.type.name === "figure") return selection.to
  const { $from } = selection
  if (node.type.name === "image" && $from.parent.type.name === "figure") return $from.after()
  return null
}

// The caret after the selected figure: at the start of the paragraph that
// follows it, or in a new one. True when it moved.
function caretAfterFigure(editor) {
  const end = selectedFigureEnd(editor.state)
  if (end === null) return false
  const next = editor.state.doc.resolve(end).nodeAfter
  const chain = editor.chain()
  if (!next || next.type.name !== "paragraph") chain.insertContentAt(end, { type: "paragraph" })
  chain.setTextSelection(end + 1).run()
  return true
}

// Where a PDF document's link goes: on the selected words; at the caret,
// as the file's name; after a selected picture, line or table, in a
// paragraph of its own (a link cannot be on a picture, and typing there
// writes after it too). Null where none of these holds (selected table
// cells with no words in them, an empty editor wholly selected): the editor
// is told what to do instead of the button doing nothing.
function documentPlace(state) {
  const { selection } = state
  const figureEnd = selectedFigureEnd(state)
  if (figureEnd !== null) return { after: figureEnd }
  if (selection.node) return selection.node.isBlock ? { after: selection.to } : null
  if (selection.empty) return {}
  return state.doc.textBetween(selection.from, selection.to, " ").trim() ? { words: true } : null
}

// Typing, pasting or composing (Chinese, Japanese, Korean input) on a
// selected image writes after its figure; an image that lost its address
// anyway (whatever the path) is removed rather than kept empty, so nothing
// empty is ever sent (the server drops such images too).
const KeepImages = prose.Extension.create({
  name: "keepImages",
  addProseMirrorPlugins() {
    const editor = this.editor
    return [
      new prose.Plugin({
        props: {
          handleTextInput(view, from, to, text) {
            if (!caretAfterFigure(editor)) return false
            editor.commands.insertContent(text)
            return true
          },
          handlePaste() {
            caretAfterFigure(editor)
            return false
          },
          handleDOMEvents: {
            compositionstart() {
              caretAfterFigure(editor)
              return false
            },
            beforeinput(view, event) {
              if (event.inputType.startsWith("insert")) caretAfterFigure(editor)
              return false
            },
          },
        },
        appendTransaction(transactions, oldState, state) {
          if (!transactions.some((transaction) => transaction.docChanged)) return null
          const empty = []
          state.doc.descendants((node, pos, parent) => {
            if (node.type.name === "image" && !node.attrs.src) {
              empty.push(parent.type.name === "figure" ? parent : node)
            }
            return true
          })
          if (!empty.length) return null
          const tr = state.tr
          state.doc.descendants((node, pos) => {
            if (!empty.includes(node)) return true
            const from = tr.mapping.map(pos)
            const to = tr.mapping.map(pos + node.nodeSize)
            // A caption's words stay, as a paragraph (as the server does).
            let caption = null
            node.forEach((child) => {
              if (child.type.name === "caption" && child.content.size) caption = child
            })
            if (caption) tr.replaceWith(from, to, state.schema.nodes.paragraph.create(null, caption.content))
            else tr.delete(from, to)
            return false
          })
          return tr
        },
      }),
    ]
  },
})

// A new numbered list has no numbering type in the build (null), which its
// view writes out as type="null": it starts as "1, 2, 3" instead.
const OrderedList = prose.OrderedList.extend({
  addAttributes() {
    const attributes = this.parent?.() ?? {}
    return { ...attributes, type: { ...attributes.type, default: "decimal" } }
  },
})

// Menu items that upload: an image (as a figure, with its description and
// an optional caption) and a PDF document (as a link to it).
const Uploads = prose.Extension.create({
  name: "uploads",
  addOptions() {
    return { textarea: null }
  },
  addMenuItems({ menu, buttons }) {
    const textarea = this.options.textarea
    menu.defineItem({
      name: "figure",
      groups: "nodes",
      button: buttons.material("add_photo_alternate", t("imageDialog")),
      async command(editor) {
        const { answer } = await chooseAndUpload(textarea, "image/jpeg,image/png,image/webp")
        if (!answer) return
        const attrs = await prose.updateAttrsDialog(
          {
            alt: { type: "string", title: t("imageAlt") },
            caption: { type: "string", title: t("imageCaption") },
          },
          { title: t("imageDialog"), submitText: t("insert") },
        )(editor, { alt: "", caption: "" })
        if (!attrs) return
        const content = [{ type: "image", attrs: { src: answer.url, alt: attrs.alt.trim() } }]
        if (attrs.caption.trim()) {
          content.push({ type: "caption", content: [{ type: "text", text: attrs.caption.trim() }] })
        }
        editor.chain().focus().insertContent({ type: "figure", content }).run()
        // The new figure's image is left selected, where the next key would
        // replace it: the caret goes after it instead.
        caretAfterFigure(editor)
      },
    })
    // A picture's description, to change it (a translator's body starts
    // from the source's, described in the source's language).
    menu.defineItem({
      name: "imageDescription",
      groups: "nodes",
      button: buttons.material("short_text", t("imageDescribe")),
      hidden: (editor) => !selectedImage(editor),
      async command(editor) {
        const found = selectedImage(editor)
        if (!found) return
        const attrs = await prose.updateAttrsDialog(
          { alt: { type: "string", title: t("imageAlt") } },
          { title: t("imageDescribe"), submitText: gettext("Update") },
        )(editor, { alt: found.node.attrs.alt || "" })
        if (!attrs) return
        const { tr } = editor.state
        tr.setNodeMarkup(found.pos, undefined, { ...found.node.attrs, alt: attrs.alt.trim() })
        editor.view.dispatch(tr)
        editor.commands.focus()
      },
    })
    menu.defineItem({
      name: "document",
      groups: "nodes",
      button: buttons.material("attach_file", t("document")),
      async command(editor) {
        // Said before the file is chosen: nothing is uploaded for nowhere.
        if (!documentPlace(editor.state)) {
          report(textarea, t("documentWhere"))
          return
        }
        const { file, answer } = await chooseAndUpload(textarea, "application/pdf")
        if (!answer) return
        // Asked again: the text may have changed while the file uploaded.
        const place = documentPlace(editor.state)
        const link = { type: "text", text: file.name, marks: [{ type: "link", attrs: { href: answer.url } }] }
        const chain = editor.chain().focus()
        let done = false
        if (place && place.after !== undefined) {
          // The link in a paragraph of its own after the picture (or line,
          // or table), the caret after it: the picture stays whole.
          done = chain
            .insertContentAt(place.after, { type: "paragraph", content: [link] })
            .setTextSelection(place.after + 1 + file.name.length)
            .run()
        } else if (place && place.words) {
          done = chain.setMark("link", { href: answer.url }).run()
        } else if (place) {
          done = chain.insertContent(link).run()
        }
        report(textarea, done ? "" : t("documentWhere"))
      },
    })
  },
})

// The build asks whether to include a header row with a list of "Yes" and
// "No" that it compares in English, so the words cannot be translated there:
// the same dialog with a checkbox instead.
const Table = prose.Table.extend({
  addCommands() {
    return {
      ...this.parent?.(),
      insertTableWithOptions:
        () =>
        ({ editor }) => {
          prose
            .updateAttrsDialog(
              {
                rows: { type: "number", title: gettext("Rows"), format: "number", min: "1", max: "100" },
                cols: { type: "number", title: gettext("Columns"), format: "number", min: "1", max: "100" },
                withHeaderRow: { type: "boolean", title: gettext("Include header row") },
              },
              { title: gettext("Table Properties"), submitText: gettext("Insert Table") },
            )(editor, { rows: "3", cols: "3", withHeaderRow: false })
            .then((attrs) => {
              if (!attrs) return
              const rows = Number.parseInt(attrs.rows, 10) || 3
              const cols = Number.parseInt(attrs.cols, 10) || 3
              editor.chain().focus().insertTable({ rows, cols, withHeaderRow: attrs.withHeaderRow }).run()
            })
          return true
        },
    }
  },
})

function translateMenu(wrapper) {
  for (const item of wrapper.querySelectorAll("[data-name]")) {
    const label = strings.menu[item.dataset.name]
    if (!label) continue
    if (item.classList.contains("prose-menubar__option")) {
      // An entry of the block-type list: its text is a sample ("Heading 2").
      if (item.firstElementChild) item.firstElementChild.textContent = label
    } else {
      item.title = label
      item.setAttribute("aria-label", label)
    }
  }
}

// The block-type chooser shows a copy of the current type's button, made
// again by the editor on every change with its English name ("paragraph"):
// name it in the page's language, saying what it chooses.
const BLOCK_TYPES = [["heading", { level: 2 }, "heading2"], ["heading", { level: 3 }, "heading3"],
  ["heading", { level: 4 }, "heading4"], ["paragraph", {}, "paragraph"]]

function nameBlockType(wrapper, editor) {
  const chooser = wrapper.querySelector(".prose-menubar__selected")
  const shown = chooser && chooser.querySelector("button")
  if (!shown) return
  const found = BLOCK_TYPES.find(([type, attrs]) => editor.isActive(type, attrs))
  const current = found ? strings.menu[found[2]] : ""
  const label = current ? `${t("textStyle")}: ${current}` : t("textStyle")
  shown.title = label
  shown.setAttribute("aria-label", label)
  shown.setAttribute("aria-haspopup", "true")
}

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) return null
  const extensions = [
    prose.Document,
    prose.Paragraph,
    prose.Text,
    prose.HardBreak,
    prose.Bold,
    prose.Italic,
    prose.Underline,
    prose.Strike,
    prose.Subscript,
    prose.Superscript,
    prose.Heading.configure({ levels: [2, 3, 4] }),
    prose.BulletList,
    OrderedList,
    prose.ListItem,
    prose.Blockquote,
    prose.HorizontalRule,
    CheckedLink.configure({ enableTarget: false }),
    Table,
    prose.TableRow,
    prose.TableHeader,
    prose.TableCell,
    prose.Figure,
    prose.Caption,
    prose.Image,
    prose.History,
    prose.Dropcursor,
    prose.Gapcursor,
    prose.Menu,
    Uploads.configure({ textarea }),
    KeepImages,
    LeaveCaption,
    CleanPaste,
  ]
  // As createTextareaEditor, with injectCSS off: Tiptap would add a <style>
  // element, which the policy refuses; editor.css has what it needs.
  const disabled = textarea.hasAttribute("disabled")
  const wrapper = prose.crel("div", { className: `prose-editor ${disabled ? "disabled" : ""}` })
  textarea.before(wrapper)
  wrapper.append(textarea)
  const editor = new prose.Editor({
    element: wrapper,
    editable: !disabled,
    injectCSS: false,
    extensions,
    content: textarea.value,
    onUpdate({ editor }) {
      const html = editor.getHTML()
      textarea.value = /^<(\w+)(\s[^>]*)?><\/\1>$/i.test(html) ? "" : html
      textarea.dispatchEvent(new Event("input", { bubbles: true }))
    },
  })
  const label = textarea.id && document.querySelector(`label[for="${textarea.id}"]`)
  if (label) editor.view.dom.setAttribute("aria-label", label.textContent.trim())
  editor.view.dom.setAttribute("role", "textbox")
  editor.view.dom.setAttribute("aria-multiline", "true")
  // Tiptap builds the menu when it emits "create", after this function returns.
  editor.on("create", () => {
    translateMenu(wrapper)
    nameBlockType(wrapper, editor)
    // Listening from here, after the menu's own listener (added as the menu
    // was built): the chooser's copy is renamed after it is made again.
    editor.on("transaction", () => nameBlockType(wrapper, editor))
  })
  textarea.dispatchEvent(new CustomEvent("rich-text:ready", { detail: { editor }, bubbles: true }))
  return editor
}

prose.initializeEditors(createEditor, "textarea[data-rich-text]")
