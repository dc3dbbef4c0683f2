/* The forum plugin's guard for the tooltips of Material for MkDocs and Zensical.
 *
 * With the theme feature content.tooltips, both themes show an element's title
 * in a tooltip of their own, and they put it there as HTML: the title string is
 * appended to the tooltip's inner element with `innerHTML +=` (Material 9.8:
 * templates/tooltip renderInlineTooltip2 through utilities/h; the header's
 * older tooltip sets `innerHTML = title`; Zensical 0.0.73's bundle does the same).
 * A title is text, already decoded by the browser, and the ellipsis patch copies
 * the innerText of every cut-off title (page title in the header, navigation,
 * table of contents, breadcrumbs, footer) into a title. So a thread title, a
 * section or member name, or a link title in a post that reads
 * `<img src=x onerror=...>` ran a member's script when a reader hovered it.
 *
 * Here a string written into a tooltip's inner element is added as text, so
 * every tooltip shows exactly what the browser's own tooltip would show, and
 * nothing a title says becomes an element. Every other element's innerHTML
 * works as before. Loaded as an ordinary script after the theme's bundle:
 * tooltips are made only after the page has loaded.
 */
(() => {
  "use strict"
  const TOOLTIP = ".md-tooltip2__inner, .md-tooltip__inner"
  const html = Object.getOwnPropertyDescriptor(Element.prototype, "innerHTML")
  if (!html || !html.get || !html.set || !html.configurable || window.__forumTooltips) return
  window.__forumTooltips = true
  Object.defineProperty(Element.prototype, "innerHTML", {
    configurable: true,
    enumerable: html.enumerable,
    get() {
      return html.get.call(this)
    },
    set(value) {
      if (!this.matches(TOOLTIP)) {
        html.set.call(this, value)
        return
      }
      const text = String(value)
      const before = html.get.call(this)
      // `inner.innerHTML += title` reads the markup first: only what follows it is new.
      if (before && text.startsWith(before)) this.append(text.slice(before.length))
      else this.textContent = text
    }
  })
})()
