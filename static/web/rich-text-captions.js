// Leaving a caption by the keyboard.
//
// A captioned image at the end of a body trapped the caret: a caption
// cannot be split, so Enter did nothing, and the caption was the last place
// to type, so ArrowDown and Ctrl+End stayed in it and everything typed went
// into the caption. Enter in a caption starts a new paragraph below its
// figure; ArrowDown on a caption's last line and Ctrl+End reach a paragraph
// after a figure (or a table) that ends the body, made when there is none.
import * as prose from "../django_prose_editor/editor.js"

// Blocks that hold no place to type after their end.
const ENDLESS = new Set(["figure", "table"])

function paragraphAt(editor, position) {
  return editor
    .chain()
    .insertContentAt(position, { type: "paragraph" })
    .setTextSelection(position + 1)
    .scrollIntoView()
    .run()
}

// The caption the caret is in, with where its figure ends; or null.
function captionAtCaret(state) {
  const { $from, empty } = state.selection
  if (!empty || $from.parent.type.name !== "caption" || $from.depth < 2) return null
  if ($from.node($from.depth - 1).type.name !== "figure") return null
  return { figureEnd: $from.after($from.depth - 1) }
}

export const LeaveCaption = prose.Extension.create({
  name: "leaveCaption",
  // Before the build's own keys (a list's Enter, the caption's).
  priority: 1000,
  addKeyboardShortcuts() {
    return {
      Enter: ({ editor }) => {
        const caption = captionAtCaret(editor.state)
        return caption ? paragraphAt(editor, caption.figureEnd) : false
      },
      ArrowDown: ({ editor }) => {
        const caption = captionAtCaret(editor.state)
        if (!caption || !editor.view.endOfTextblock("down")) return false
        // Something follows the figure: the browser moves there itself.
        if (editor.state.doc.resolve(caption.figureEnd).nodeAfter) return false
        return paragraphAt(editor, caption.figureEnd)
      },
      "Mod-End": ({ editor }) => {
        const { doc } = editor.state
        if (!doc.lastChild || !ENDLESS.has(doc.lastChild.type.name)) return false
        return paragraphAt(editor, doc.content.size)
      },
    }
  },
})
