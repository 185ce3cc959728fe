odoo.define('pepites_training.slide_completion', function (require) {
"use strict";

// The slide page's "I have completed this content" button records the learner's progress.
var ajax = require('web.ajax');
var core = require('web.core');
var _t = core._t;

$(document).on('click', '.o_pepites_slide_completion .o_pepites_slide_complete', function (ev) {
    ev.preventDefault();
    var $box = $(ev.currentTarget).closest('.o_pepites_slide_completion');
    var slideId = $box.data('slide-id');
    ajax.jsonRpc('/slides/slide/' + slideId + '/pepites_complete', 'call', {}).then(function (result) {
        $box.find('.o_pepites_slide_complete').addClass('hidden');
        $box.find('.o_pepites_slide_done').removeClass('hidden');
        if (result.modules && result.modules.length) {
            $box.find('.o_pepites_slide_modules').text(
                _t('Module completed: ') + result.modules.join(', '));
        }
    });
});
});
