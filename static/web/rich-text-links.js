// The link dialog of the rich-text editor, with its address checked.
//
// The build's dialog took any text: "javascript:alert(1)" closed it without a
// word and stored <a href="">, a link that reloads the page, and
// "www.kotra.or.kr" became an address on this site. Here the dialog keeps
// what web/rich_text.py (link_address) keeps — a web page, an e-mail, a page
// or file of this site — adds https:// to a bare domain, and otherwise stays
// open saying why, in the editor's language. An emptied address removes the
// link. The server checks again: it decides what is stored.
import * as prose from "../django_prose_editor/editor.js"

const strings = window.richTextStrings || { own: {} }
const t = (key) => (Object.hasOwn(strings.own, key) ? strings.own[key] : key)
const gettext = (text) => (window.gettext ? window.gettext(text) : text)

// No space, no control character, no U+FFFD (as link_address).
const CHAR = "[^\\s\\u0000-\\u001f\\u007f\\ufffd"
const REST = `${CHAR}]*`
const WEB = new RegExp(`^https?://${CHAR}/?#@\\\\]+(?:[/?#]${REST})?$`, "i")
const MAIL = new RegExp(`^(?:mailto:)?(${CHAR}@:/<>]+@${CHAR}@:/<>]+\\.${CHAR}@:/<>]+)$`, "i")
const SITE_PATH = new RegExp(`^/(?![/\\\\])${REST}$`)
const BARE_DOMAIN = new RegExp(
  `^(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}_-]*[\\p{L}\\p{N}])?\\.)+\\p{L}{2,}(?::[0-9]{1,5})?(?:[/?#]${REST})?$`,
  "u",
)

// The address a link keeps ("" for none, to remove the link), or null.
export function linkAddress(text) {
  const value = text.trim()
  if (!value) return ""
  if (WEB.test(value) || SITE_PATH.test(value)) return value
  const mail = MAIL.exec(value)
  if (mail) return `mailto:${mail[1]}`
  if (BARE_DOMAIN.test(value)) return `https://${value}`
  return null
}

// The dialog just opened (the build appends it synchronously): its address
// is checked before the build reads it, by a listener on the form that runs
// before the button's own (capture), for a click and for Enter alike.
function checkAddressOf(editor) {
  const dialogs = editor.view.dom.parentElement.querySelectorAll("dialog.prose-editor-dialog")
  const dialog = dialogs[dialogs.length - 1]
  const input = dialog && dialog.querySelector("input[name=href]")
  if (!input) return
  const message = prose.crel("p", {
    className: "rich-text__error",
    id: `${input.id}-error`,
    role: "alert",
    hidden: true,
  })
  input.after(message)
  input.setAttribute("aria-describedby", message.id)
  input.setAttribute("inputmode", "url")
  const show = (problem) => {
    input.setCustomValidity(problem)
    message.textContent = problem
    message.hidden = !problem
    if (problem) input.setAttribute("aria-invalid", "true")
    else input.removeAttribute("aria-invalid")
  }
  // While the address is being corrected, the message goes once it is right.
  input.addEventListener("input", () => {
    if (!message.hidden && linkAddress(input.value) !== null) show("")
  })
  dialog.querySelector("form").addEventListener(
    "click",
    (event) => {
      if (event.target.type !== "submit") return
      const address = linkAddress(input.value)
      if (address === null) {
        show(t("linkInvalid"))
      } else {
        input.value = address
        show("")
      }
    },
    true,
  )
}

export const CheckedLink = prose.Link.extend({
  addCommands() {
    return {
      ...this.parent?.(),
      addLink:
        () =>
        ({ editor }) => {
          if (editor.state.selection.empty && !editor.isActive("link")) return false
          const attrs = editor.getAttributes("link")
          const chosen = prose.updateAttrsDialog(
            {
              href: { type: "string", title: gettext("URL") },
              title: { type: "string", title: gettext("Title") },
            },
            { title: gettext("Edit Link") },
          )(editor, { href: attrs.href || "", title: attrs.title || "" })
          checkAddressOf(editor)
          chosen.then((values) => {
            if (!values) return
            const chain = editor.chain().focus().extendMarkRange("link")
            if (!values.href) chain.unsetLink().run()
            else chain.setLink({ href: values.href, title: values.title.trim() || null }).run()
          })
          return true
        },
    }
  },
})
