/* A date has no time of day, so no time zone: Django's admin adds its note
   "You are N hours ahead of server time" beside date inputs too. Keep it for
   time inputs only. Patched once the page is parsed, before the load event
   that runs DateTimeShortcuts.init. */
'use strict';
document.addEventListener('DOMContentLoaded', function() {
    if (typeof DateTimeShortcuts === 'undefined') {
        return;
    }
    const addTimezoneWarning = DateTimeShortcuts.addTimezoneWarning;
    DateTimeShortcuts.addTimezoneWarning = function(input) {
        if (input.classList.contains('vTimeField')) {
            addTimezoneWarning.call(DateTimeShortcuts, input);
        }
    };
});
