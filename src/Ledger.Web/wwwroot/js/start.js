// Starts GOV.UK Frontend's components. A file, not an inline script, so the content security policy allows no inline script.
import { initAll } from '/govuk/govuk-frontend.min.js';
initAll();
