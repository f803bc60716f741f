// Loaded at the top of <body> (not deferred) so GOV.UK Frontend's styles for script-enabled pages apply before the first paint.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
