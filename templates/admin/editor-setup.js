// Runs before Decap CMS loads: editor.js starts it once the site's widgets are registered.
window.CMS_MANUAL_INIT = true;
