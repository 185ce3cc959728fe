odoo.define('pepites_partners.web_title', function (require) {
"use strict";
/* The back office's tab title ends with "PEPITES", not with core's hard-coded "Odoo"
 * (issue 16: no Odoo placeholder left where INAÉ's staff work). */
var AbstractWebClient = require('web.AbstractWebClient');

AbstractWebClient.include({
    init: function () {
        this._super.apply(this, arguments);
        this.set('title_part', {"zopenerp": "PEPITES"});
    },
});
});
