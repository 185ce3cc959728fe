from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class PepitesEventStop(models.Model):
    """A stop of a rally day ("rallye interconnaissance"): the group visits one SIAE between
    two times; each stop welcomes a limited number of people."""

    _name = "pepites.event.stop"
    _description = "Rally stop"
    _order = "event_id, sequence, id"

    event_id = fields.Many2one("event.event", string="Event", required=True, ondelete="cascade",
                               index=True)
    sequence = fields.Integer(default=10)
    siae_id = fields.Many2one("res.partner", string="SIAE", required=True,
                              domain=[("is_siae", "=", True)], ondelete="restrict")
    date_begin = fields.Datetime(string="Start", required=True)
    date_end = fields.Datetime(string="End", required=True)
    capacity = fields.Integer(string="Capacity", help="People this SIAE can welcome at once "
                                                      "(0 = no limit).")
    note = fields.Char(string="What the group will see")
    city = fields.Char(related="siae_id.city", readonly=True)

    _sql_constraints = [
        ("capacity_positive", "CHECK(capacity >= 0)", "The capacity of a stop cannot be negative."),
    ]

    @api.constrains("date_begin", "date_end", "event_id")
    def _check_dates(self):
        """:raises ValidationError: when a stop ends before it starts, or lies outside its
        event."""
        for stop in self:
            if stop.date_end < stop.date_begin:
                raise ValidationError(_("The stop at %s ends before it starts.")
                                      % stop.siae_id.name)
            event = stop.event_id
            if event.date_begin and event.date_end and (
                    stop.date_begin < event.date_begin or stop.date_end > event.date_end):
                raise ValidationError(_("The stop at %s is outside the dates of the event.")
                                      % stop.siae_id.name)
