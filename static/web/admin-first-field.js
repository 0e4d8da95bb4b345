// An add form's first field takes the caret, as Django's change_form.js
// does, but only while nothing else has it: this script loads async, and on
// a slow page it used to run after the editor had begun typing the title,
// moving the rest of what they typed into the slug.
"use strict";
{
  const modelName = document.getElementById("django-admin-form-add-constants").dataset.modelName;
  const active = document.activeElement;
  const form = modelName && document.getElementById(modelName + "_form");
  if (form && (!active || active === document.body)) {
    const inputTags = ["BUTTON", "INPUT", "SELECT", "TEXTAREA"];
    for (const element of form.elements) {
      // offsetParent is null when the element is not rendered.
      if (inputTags.includes(element.tagName) && !element.disabled && element.offsetParent) {
        element.focus();
        break;
      }
    }
  }
}
